import type { MemberActor } from '../../auth/actor';
import type { Database } from '../../db/connection';
import { AppError, appError, validationError } from '../../errors/app-error';
import { changedAttributes, changeEvent } from '../../events/change-event';
import { recordWithChange } from '../../events/record-with-change';
import type { Schemas } from '../../http/schemas';
import type { ServiceDependencies } from '../service-dependencies';
import {
  type CustomFilterFields,
  type CustomFilterRecord,
  type CustomFilterType,
  customFilterRepository,
  type FilterOwner,
} from './custom-filter-repository';

/** How many filters one user may keep in one account, as in the newest reference. */
export const customFiltersPerUserLimit = 1000;

const ownerOf = (member: MemberActor): FilterOwner => ({ accountId: member.account.id, userId: member.user.id });

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

const filterEvent = (
  name: string,
  member: MemberActor,
  filter: CustomFilterRecord,
  data: Record<string, unknown> = {},
) =>
  changeEvent(
    name,
    member,
    member.account.id,
    { type: 'custom_filter', id: filter.id },
    {
      custom_filter: filter,
      ...data,
    },
  );

/** Filters each user saves for themselves in an account; nobody else sees or changes them. */
export function customFilterService({ db, clock, events }: ServiceDependencies) {
  const filters = customFilterRepository(db);
  const changing = recordWithChange({ db, events });

  /** The member's own filter; with `lock`, see `lockingRowsOf`. */
  async function findOwn(
    member: MemberActor,
    id: number,
    database: Database = db,
    options: { lock?: boolean } = {},
  ): Promise<CustomFilterRecord> {
    const filter = await customFilterRepository(database).findOwned(ownerOf(member), id, options);
    if (!filter) throw appError('RESOURCE_NOT_FOUND');
    return filter;
  }

  return {
    async list(member: MemberActor, filterType: CustomFilterType = 'conversation'): Promise<CustomFilterRecord[]> {
      return filters.listOwned(ownerOf(member), filterType);
    },

    async get(member: MemberActor, id: number): Promise<CustomFilterRecord> {
      return findOwn(member, id);
    },

    async create(member: MemberActor, input: Schemas['CustomFilterCreate']): Promise<CustomFilterRecord> {
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
        const created = await ownFilters.insert(owner, fields, clock.nowSeconds());
        await events.record(trx, filterEvent('custom_filter_created', member, created));
        return created;
      });
    },

    async update(member: MemberActor, id: number, input: Schemas['CustomFilterUpdate']): Promise<CustomFilterRecord> {
      const filter = await findOwn(member, id);
      const filterType = filterTypeOf(input);
      const changes: Partial<CustomFilterFields> = {
        ...(input.name !== undefined && { name: trimmedName(input.name) }),
        ...(filterType !== undefined && { filter_type: filterType }),
        ...(input.query !== undefined && { query: input.query }),
      };
      const now = clock.nowSeconds();
      const { updated } = await changing(
        async (trx) => {
          // Read again under a lock, so that each event compares with what the update before it committed.
          const current = await findOwn(member, filter.id, trx, { lock: true });
          await customFilterRepository(trx).update(current.id, changes, now);
          return { current, updated: { ...current, ...changes, updated_at: now } };
        },
        ({ current, updated }) =>
          filterEvent('custom_filter_updated', member, updated, {
            changed_attributes: changedAttributes(current, changes),
          }),
      );
      return updated;
    },

    async delete(member: MemberActor, id: number): Promise<void> {
      const filter = await findOwn(member, id);
      await changing(
        (trx) => customFilterRepository(trx).delete(filter.id),
        () => filterEvent('custom_filter_deleted', member, filter),
      );
    },
  };
}

export type CustomFilterService = ReturnType<typeof customFilterService>;
