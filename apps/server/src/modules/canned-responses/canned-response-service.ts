import type { MemberActor } from '../../auth/actor';
import type { Database } from '../../db/connection';
import { isUniqueViolation } from '../../db/unique-violation';
import { appError, validationError } from '../../errors/app-error';
import { changedAttributes, changeEvent } from '../../events/change-event';
import { recordWithChange } from '../../events/record-with-change';
import type { Schemas } from '../../http/schemas';
import type { ServiceDependencies } from '../service-dependencies';
import {
  type CannedResponseFields,
  type CannedResponseRecord,
  cannedResponseRepository,
} from './canned-response-repository';

const shortCodeTaken = () => validationError([{ attribute: 'short_code', message: 'has already been taken' }]);

/** The canned responses of an account; short codes are unique within it, case-sensitively. */
export function cannedResponseService({ db, clock, events }: ServiceDependencies) {
  const responses = cannedResponseRepository(db);
  const changing = recordWithChange({ db, events });
  const cannedResponseEvent = (
    name: string,
    member: MemberActor,
    response: CannedResponseRecord,
    data: Record<string, unknown> = {},
  ) =>
    changeEvent(
      name,
      member,
      response.account_id,
      { type: 'canned_response', id: response.id },
      {
        canned_response: response,
        ...data,
      },
    );

  /** The account's canned response; with `lock`, see `lockingRowsOf`. */
  async function findInAccount(
    member: MemberActor,
    id: number,
    database: Database = db,
    options: { lock?: boolean } = {},
  ): Promise<CannedResponseRecord> {
    const response = await cannedResponseRepository(database).findInAccount(member.account.id, id, options);
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
    async list(member: MemberActor, search: string | undefined): Promise<CannedResponseRecord[]> {
      return search ? responses.search(member.account.id, search) : responses.list(member.account.id);
    },

    async create(member: MemberActor, input: Schemas['CannedResponseCreate']): Promise<CannedResponseRecord> {
      const fields: CannedResponseFields = { short_code: input.short_code, content: input.content };
      return guardingShortCode(() =>
        changing(
          (trx) => cannedResponseRepository(trx).insert(member.account.id, fields, clock.nowSeconds()),
          (created) => cannedResponseEvent('canned_response_created', member, created),
        ),
      );
    },

    async update(
      member: MemberActor,
      id: number,
      input: Schemas['CannedResponseUpdate'],
    ): Promise<CannedResponseRecord> {
      const response = await findInAccount(member, id);
      const changes = {
        ...(input.short_code !== undefined && { short_code: input.short_code }),
        ...(input.content !== undefined && { content: input.content }),
      };
      const now = clock.nowSeconds();
      const { updated } = await guardingShortCode(() =>
        changing(
          async (trx) => {
            // Read again under a lock, so that each event compares with what the update before it committed.
            const current = await findInAccount(member, response.id, trx, { lock: true });
            await cannedResponseRepository(trx).update(current.id, changes, now);
            return { current, updated: { ...current, ...changes, updated_at: now } };
          },
          ({ current, updated }) =>
            cannedResponseEvent('canned_response_updated', member, updated, {
              changed_attributes: changedAttributes(current, changes),
            }),
        ),
      );
      return updated;
    },

    async delete(member: MemberActor, id: number): Promise<void> {
      const response = await findInAccount(member, id);
      await changing(
        (trx) => cannedResponseRepository(trx).delete(response.id),
        () => cannedResponseEvent('canned_response_deleted', member, response),
      );
    },
  };
}

export type CannedResponseService = ReturnType<typeof cannedResponseService>;
