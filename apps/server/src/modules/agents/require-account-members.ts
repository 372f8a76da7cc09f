import type { Database } from '../../db/connection';
import { validationError } from '../../errors/app-error';
import { memberUserIds } from './agent-repository';

/**
 * The distinct user ids, once every one of them is a member of the account: teams and inboxes take only the account's
 * agents. Any other id is a 422 naming `user_ids` and listing the strangers.
 */
export async function requireAccountMembers(db: Database, accountId: number, userIds: number[]): Promise<number[]> {
  const unique = [...new Set(userIds)];
  const members = await memberUserIds(db, accountId, unique);
  const strangers = unique.filter((userId) => !members.has(userId));
  if (strangers.length > 0) {
    const message = `must be members of the account; these are not: ${strangers.join(', ')}`;
    throw validationError([{ attribute: 'user_ids', message }]);
  }
  return unique;
}
