import { isAdministrator, type MemberActor } from '../../auth/actor';
import type { Database } from '../../db/connection';
import { appError } from '../../errors/app-error';
import { inboxMemberRepository } from './inbox-member-repository';
import { type InboxRecord, inboxRepository } from './inbox-repository';

/** An inbox of the member's account; 404 for any other id. With `lock`, see `lockingRowsOf`. */
export async function findAccountInbox(
  db: Database,
  member: MemberActor,
  inboxId: number,
  options: { lock?: boolean } = {},
): Promise<InboxRecord> {
  const inbox = await inboxRepository(db).findInAccount(member.account.id, inboxId, options);
  if (!inbox) throw appError('RESOURCE_NOT_FOUND');
  return inbox;
}

/**
 * An inbox the member may look into: administrators reach every inbox of the account, agents those they are
 * members of. Another agent is refused as the reference refuses them, with 401.
 */
export async function findVisibleInbox(db: Database, member: MemberActor, inboxId: number): Promise<InboxRecord> {
  const inbox = await findAccountInbox(db, member, inboxId);
  if (!isAdministrator(member) && !(await inboxMemberRepository(db).isMember(inbox.id, member.user.id))) {
    throw appError('ACTION_NOT_ALLOWED');
  }
  return inbox;
}
