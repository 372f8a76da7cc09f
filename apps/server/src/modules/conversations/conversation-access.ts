import type { AgentBotActor, MemberActor } from '../../auth/actor';
import { isAdministrator } from '../../auth/actor';
import type { Database } from '../../db/connection';
import { appError } from '../../errors/app-error';
import type { AccountDirectories, AccountDirectory } from '../directory/account-directory';
import { type ConversationRecord, conversationRepository } from './conversation-repository';

/** Who works conversations through the application API: a member of the account, or one of its agent bots. */
export type DeskActor = MemberActor | AgentBotActor;

/** The account the actor works in; a bot's access pipeline has already matched it with the path's account. */
export function accountIdOf(actor: DeskActor): number {
  if (actor.kind === 'member') return actor.account.id;
  if (actor.agentBot.account_id === null) throw appError('ACCOUNT_ACCESS_DENIED');
  return actor.agentBot.account_id;
}

/**
 * The directory of the actor's account for this request. A member's comes as of the caller stamp their request read,
 * without reading it again: conversation operations do not change the directory.
 */
export const directoryOf = (directories: AccountDirectories, actor: DeskActor): Promise<AccountDirectory> =>
  directories.of(accountIdOf(actor), actor.kind === 'member' ? actor.callerStamp : undefined);

/** Whether the actor sees every conversation of the account: administrators and agent bots do. */
export const seesWholeAccount = (actor: DeskActor): boolean => actor.kind === 'agentBot' || isAdministrator(actor);

/** The inboxes an agent is a member of, in the account's directory; undefined for actors who see the whole account. */
export function visibleInboxIds(directory: AccountDirectory, actor: DeskActor): number[] | undefined {
  if (seesWholeAccount(actor) || actor.kind !== 'member') return undefined;
  return directory.inboxIdsOf(actor.user.id);
}

/**
 * The conversation of the actor's account with this display id, if the actor may open it; 404 otherwise, for an
 * agent outside its inbox and team as for an unknown id, so that ids of other inboxes are not disclosed. An agent's
 * right to open it is checked in the same query that reads it. With `lock`, see `lockingRowsOf`.
 */
export async function findVisibleConversation(
  db: Database,
  actor: DeskActor,
  displayId: number,
  options: { lock?: boolean } = {},
): Promise<ConversationRecord> {
  const agentId = actor.kind === 'member' && !isAdministrator(actor) ? actor.user.id : undefined;
  const conversation = await conversationRepository(db).findByDisplayId(accountIdOf(actor), displayId, {
    ...options,
    ...(agentId !== undefined && { openableBy: agentId }),
  });
  if (!conversation) throw appError('RESOURCE_NOT_FOUND');
  return conversation;
}
