import type { AccountMember } from '../../auth/account-member';
import type { Clock } from '../../config/clock';
import type { Database } from '../../db/connection';
import { isUniqueViolation } from '../../db/unique-violation';
import { appError, validationError } from '../../errors/app-error';
import type { Schemas } from '../../http/operation-types';
import {
  type CannedResponseFields,
  type CannedResponseRecord,
  cannedResponseRepository,
} from './canned-response-repository';

const shortCodeTaken = () => validationError([{ attribute: 'short_code', message: 'has already been taken' }]);

/** The canned responses of an account; short codes are unique within it, case-sensitively. */
export function cannedResponseService(db: Database, clock: Clock) {
  const responses = cannedResponseRepository(db);

  async function findInAccount(member: AccountMember, id: number): Promise<CannedResponseRecord> {
    const response = await responses.findInAccount(member.account.id, id);
    if (!response) throw appError('RESOURCE_NOT_FOUND');
    return response;
  }

  /**
   * Turns a clash on the unique short-code index into a 422 naming short_code. The index alone decides, rather than
   * a look-up first, so that simultaneous writes cannot both win.
   */
  async function guardingShortCode<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (isUniqueViolation(error)) throw shortCodeTaken();
      throw error;
    }
  }

  return {
    async list(member: AccountMember, search: string | undefined): Promise<CannedResponseRecord[]> {
      return search ? responses.search(member.account.id, search) : responses.list(member.account.id);
    },

    async create(member: AccountMember, input: Schemas['CannedResponseCreate']): Promise<CannedResponseRecord> {
      const fields: CannedResponseFields = { short_code: input.short_code, content: input.content };
      return guardingShortCode(() => responses.insert(member.account.id, fields, clock.nowSeconds()));
    },

    async update(
      member: AccountMember,
      id: number,
      input: Schemas['CannedResponseUpdate'],
    ): Promise<CannedResponseRecord> {
      const response = await findInAccount(member, id);
      const changes = {
        ...(input.short_code !== undefined && { short_code: input.short_code }),
        ...(input.content !== undefined && { content: input.content }),
      };
      const now = clock.nowSeconds();
      await guardingShortCode(() => responses.update(response.id, changes, now));
      return { ...response, ...changes, updated_at: now };
    },

    async delete(member: AccountMember, id: number): Promise<void> {
      const response = await findInAccount(member, id);
      await responses.delete(response.id);
    },
  };
}

export type CannedResponseService = ReturnType<typeof cannedResponseService>;
