import type { MemberActor } from '../../auth/actor';
import type { Database } from '../../db/connection';
import { appError } from '../../errors/app-error';
import type { Schemas } from '../../http/schemas';
import type { AgentRecord } from '../agents/agent-repository';
import { requireAccountMembers } from '../agents/require-account-members';
import type { ServiceDependencies } from '../service-dependencies';
import { findAccountInbox, findVisibleInbox } from './inbox-access';
import { inboxEvent } from './inbox-events';
import { inboxMemberRepository } from './inbox-member-repository';
import type { InboxRecord } from './inbox-repository';

type MembersChange = Schemas['InboxMembersChange'];

/** The event of a change to who works an inbox: who joined and who left. */
const membersChanged = (member: MemberActor, inbox: InboxRecord, added: number[], removed: number[]) =>
  inboxEvent('inbox_members_changed', member, inbox, { added_user_ids: added, removed_user_ids: removed });

/** Which agents work an inbox. Changes are for administrators, whom the spec's role guard has let through. */
export function inboxMemberService({ db, clock, events }: ServiceDependencies) {
  const members = inboxMemberRepository(db);

  /**
   * The inbox a change names, its row locked until the transaction ends: changes to one inbox's members take turns,
   * each reading the members the one before it left (see `lockingRowsOf`).
   */
  async function lockInboxOf(member: MemberActor, change: MembersChange, trx: Database): Promise<InboxRecord> {
    return findAccountInbox(trx, member, change.inbox_id, { lock: true });
  }

  return {
    async list(member: MemberActor, inboxId: number): Promise<AgentRecord[]> {
      const inbox = await findVisibleInbox(db, member, inboxId);
      return members.agents(member.account.id, inbox.id);
    },

    /** Adds the users; those who are members already stay as they are. */
    async add(member: MemberActor, change: MembersChange): Promise<AgentRecord[]> {
      return db.transaction(async (trx) => {
        const inbox = await lockInboxOf(member, change, trx);
        const userIds = await requireAccountMembers(trx, member.account.id, change.user_ids);
        const repository = inboxMemberRepository(trx);
        const current = new Set(await repository.userIds(inbox.id));
        const added = userIds.filter((userId) => !current.has(userId));
        await repository.add(inbox.id, added, clock.nowSeconds());
        if (added.length > 0) await events.record(trx, membersChanged(member, inbox, added, []));
        return repository.agents(member.account.id, inbox.id);
      });
    },

    /** Makes the users the inbox's only members. */
    async replace(member: MemberActor, change: MembersChange): Promise<AgentRecord[]> {
      return db.transaction(async (trx) => {
        const inbox = await lockInboxOf(member, change, trx);
        const userIds = await requireAccountMembers(trx, member.account.id, change.user_ids);
        const repository = inboxMemberRepository(trx);
        const wanted = new Set(userIds);
        const current = await repository.userIds(inbox.id);
        const removed = current.filter((userId) => !wanted.has(userId));
        const added = userIds.filter((userId) => !current.includes(userId));
        await repository.remove(inbox.id, removed);
        await repository.add(inbox.id, added, clock.nowSeconds());
        if (added.length + removed.length > 0) await events.record(trx, membersChanged(member, inbox, added, removed));
        return repository.agents(member.account.id, inbox.id);
      });
    },

    /** Removes the users, who must all be members of the inbox: otherwise 404 and nobody is removed. */
    async remove(member: MemberActor, change: MembersChange): Promise<void> {
      const userIds = [...new Set(change.user_ids)];
      await db.transaction(async (trx) => {
        const inbox = await lockInboxOf(member, change, trx);
        const repository = inboxMemberRepository(trx);
        const current = new Set(await repository.userIds(inbox.id));
        if (userIds.some((userId) => !current.has(userId))) throw appError('RESOURCE_NOT_FOUND');
        await repository.remove(inbox.id, userIds);
        if (userIds.length > 0) await events.record(trx, membersChanged(member, inbox, [], userIds));
      });
    },
  };
}

export type InboxMemberService = ReturnType<typeof inboxMemberService>;
