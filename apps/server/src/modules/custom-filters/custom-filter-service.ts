import type { AccountMember } from '../../auth/account-member';
import type { Clock } from '../../config/clock';
import type { Database } from '../../db/connection';
import { AppError, appError, validationError } from '../../errors/app-error';
import type { Schemas } from '../../http/operation-types';
import {
  type CustomFilterFields,
  type CustomFilterRecord,
  type CustomFilterType,
  customFilterRepository,
  type FilterOwner,
} from './custom-filter-repository';

/** How many filters one user may keep in one account, as in the newest reference. */
export const customFiltersPerUserLimit = 1000;

const ownerOf = (member: AccountMember): FilterOwner => ({ accountId: member.account.id, userId: member.user.id });

/** The type a body gives as `filter_type` or as `type`; both at once must agree. */
function filterTypeOf(input: {
  filter_type?: CustomFilterType;
  type?: CustomFilterType;
}): CustomFilterType | undefined {
  if (input.filter_type !== undefined && input.type !== undefined && input.filter_type !== input.type) {
    throw validationError([{ attribute: 'filter_type', message: 'must agree with type when both are given' }]);
  }
  return input.filter_type ?? input.type;
}

function trimmedName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '') throw validationError([{ attribute: 'name', message: "can't be blank" }]);
  return trimmed;
}

/** Filters each user saves for themselves in an account; nobody else sees or changes them. */
export function customFilterService(db: Database, clock: Clock) {
  const filters = customFilterRepository(db);

  async function findOwn(member: AccountMember, id: number): Promise<CustomFilterRecord> {
    const filter = await filters.findOwned(ownerOf(member), id);
    if (!filter) throw appError('RESOURCE_NOT_FOUND');
    return filter;
  }

  return {
    async list(member: AccountMember, filterType: CustomFilterType = 'conversation'): Promise<CustomFilterRecord[]> {
      return filters.listOwned(ownerOf(member), filterType);
    },

    async get(member: AccountMember, id: number): Promise<CustomFilterRecord> {
      return findOwn(member, id);
    },

    async create(member: AccountMember, input: Schemas['CustomFilterCreate']): Promise<CustomFilterRecord> {
      const fields: CustomFilterFields = {
        name: trimmedName(input.name),
        filter_type: filterTypeOf(input) ?? 'conversation',
        query: input.query,
      };
      const owner = ownerOf(member);
      return db.transaction(async (trx) => {
        const ownFilters = customFilterRepository(trx);
        if ((await ownFilters.countOwned(owner)) >= customFiltersPerUserLimit) {
          throw new AppError('VALIDATION_FAILED', {
            message: `We do not allow creating more than ${customFiltersPerUserLimit} custom filters per account per user`,
            problems: [{ attribute: 'account_id', message: 'has reached its limit of custom filters for this user' }],
          });
        }
        return ownFilters.insert(owner, fields, clock.nowSeconds());
      });
    },

    async update(member: AccountMember, id: number, input: Schemas['CustomFilterUpdate']): Promise<CustomFilterRecord> {
      const filter = await findOwn(member, id);
      const filterType = filterTypeOf(input);
      const changes: Partial<CustomFilterFields> = {
        ...(input.name !== undefined && { name: trimmedName(input.name) }),
        ...(filterType !== undefined && { filter_type: filterType }),
        ...(input.query !== undefined && { query: input.query }),
      };
      const now = clock.nowSeconds();
      await filters.update(filter.id, changes, now);
      return { ...filter, ...changes, updated_at: now };
    },

    async delete(member: AccountMember, id: number): Promise<void> {
      const filter = await findOwn(member, id);
      await filters.delete(filter.id);
    },
  };
}

export type CustomFilterService = ReturnType<typeof customFilterService>;
