import type { AccountMember } from '../../auth/account-member';
import type { Clock } from '../../config/clock';
import type { Database } from '../../db/connection';
import { appError } from '../../errors/app-error';
import type { Schemas } from '../../http/operation-types';
import type { AgentRecord } from '../agents/agent-repository';
import { requireAccountMembers } from '../agents/require-account-members';
import { findAccountInbox, findVisibleInbox } from './inbox-access';
import { inboxMemberRepository } from './inbox-member-repository';
import type { InboxRecord } from './inbox-repository';

type MembersChange = Schemas['InboxMembersChange'];

/** Which agents work an inbox. Changes are for administrators, whom the spec's role guard has let through. */
export function inboxMemberService(db: Database, clock: Clock) {
  const members = inboxMemberRepository(db);

  /** The inbox a change names; its id may come as a string of digits. */
  async function inboxOf(member: AccountMember, change: MembersChange): Promise<InboxRecord> {
    return findAccountInbox(db, member, Number(change.inbox_id));
  }

  return {
    async list(member: AccountMember, inboxId: number): Promise<AgentRecord[]> {
      const inbox = await findVisibleInbox(db, member, inboxId);
      return members.agents(member.account.id, inbox.id);
    },

    /** Adds the users; those who are members already stay as they are. */
    async add(member: AccountMember, change: MembersChange): Promise<AgentRecord[]> {
      const inbox = await inboxOf(member, change);
      const userIds = await requireAccountMembers(db, member.account.id, change.user_ids);
      await members.add(inbox.id, userIds, clock.nowSeconds());
      return members.agents(member.account.id, inbox.id);
    },

    /** Makes the users the inbox's only members. */
    async replace(member: AccountMember, change: MembersChange): Promise<AgentRecord[]> {
      const inbox = await inboxOf(member, change);
      const userIds = await requireAccountMembers(db, member.account.id, change.user_ids);
      await db.transaction(async (trx) => {
        const repository = inboxMemberRepository(trx);
        const wanted = new Set(userIds);
        const current = await repository.userIds(inbox.id);
        await repository.remove(
          inbox.id,
          current.filter((userId) => !wanted.has(userId)),
        );
        await repository.add(inbox.id, userIds, clock.nowSeconds());
      });
      return members.agents(member.account.id, inbox.id);
    },

    /** Removes the users, who must all be members of the inbox: otherwise 404 and nobody is removed. */
    async remove(member: AccountMember, change: MembersChange): Promise<void> {
      const inbox = await inboxOf(member, change);
      const userIds = [...new Set(change.user_ids)];
      await db.transaction(async (trx) => {
        const repository = inboxMemberRepository(trx);
        const current = new Set(await repository.userIds(inbox.id));
        if (userIds.some((userId) => !current.has(userId))) throw appError('RESOURCE_NOT_FOUND');
        await repository.remove(inbox.id, userIds);
      });
    },
  };
}

export type InboxMemberService = ReturnType<typeof inboxMemberService>;
