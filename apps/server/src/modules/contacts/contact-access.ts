import type { MemberActor } from '../../auth/actor';
import type { Database } from '../../db/connection';
import { appError } from '../../errors/app-error';
import { type ContactRecord, contactRepository } from './contact-repository';

/** A contact of the account; 404 for any other id. With `lock`, see `lockingRowsOf`. */
export async function findAccountContact(
  db: Database,
  member: MemberActor,
  id: number,
  options: { lock?: boolean } = {},
): Promise<ContactRecord> {
  const contact = await contactRepository(db).findInAccount(member.account.id, id, options);
  if (!contact) throw appError('RESOURCE_NOT_FOUND');
  return contact;
}
