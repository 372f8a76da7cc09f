import { LruMap } from '../../cache/lru-map';
import { frozen, sharedReadsStartingAfterCall } from '../../cache/stamped-reads';
import type { Database } from '../../db/connection';
import { type AgentRecord, listAgents } from '../agents/agent-repository';
import { type InboxRecord, inboxRepository } from '../inboxes/inbox-repository';
import { type TeamRecord, teamRepository } from '../teams/team-repository';

/**
 * What a desk page names over and over and rarely changes: an account's inboxes and who is a member of each, its teams
 * and their members, and its members as agents.
 */
export interface AccountDirectory {
  inbox(inboxId: number): InboxRecord | undefined;
  /** The account's inboxes the user is a member of, by id. */
  inboxIdsOf(userId: number): number[];
  agent(userId: number): AgentRecord | undefined;
  agents(): readonly AgentRecord[];
  /** The team as the viewer sees it: whether they belong to it; a viewer who is no user belongs to none. */
  team(teamId: number, viewerUserId: number | null): TeamRecord | undefined;
}

export interface AccountDirectories {
  /**
   * The account's directory as of now, or as of `seenStamp`, a caller stamp the request read after it arrived (see
   * `MemberActor.callerStamp`): only for a request that has not changed the directory itself, which that stamp would
   * not show.
   */
  of(accountId: number, seenStamp?: number): Promise<AccountDirectory>;
}

async function readDirectory(db: Database, accountId: number): Promise<AccountDirectory> {
  const [inboxes, inboxMembers, teams, teamMembers, agents] = await Promise.all([
    inboxRepository(db).listInAccount(accountId).then(frozen),
    inboxRepository(db).membersInAccount(accountId),
    teamRepository(db).listInAccount(accountId),
    teamRepository(db).membersInAccount(accountId),
    listAgents(db, accountId).then(frozen),
  ]);
  const inboxById = new Map(inboxes.map((inbox) => [inbox.id, inbox]));
  const inboxIdsByUser = new Map<number, number[]>();
  for (const { inbox_id, user_id } of inboxMembers) {
    const ids = inboxIdsByUser.get(user_id) ?? [];
    ids.push(inbox_id);
    inboxIdsByUser.set(user_id, ids);
  }
  for (const ids of inboxIdsByUser.values()) ids.sort((a, b) => a - b);
  const teamById = new Map(teams.map((team) => [team.id, team]));
  const teamMemberKeys = new Set(teamMembers.map(({ team_id, user_id }) => `${team_id}:${user_id}`));
  const agentById = new Map(agents.map((agent) => [agent.id, agent]));
  const seenTeams = new Map<string, TeamRecord>();
  return {
    inbox: (inboxId) => inboxById.get(inboxId),
    inboxIdsOf: (userId) => inboxIdsByUser.get(userId) ?? [],
    agent: (userId) => agentById.get(userId),
    agents: () => agents,
    team(teamId, viewerUserId) {
      const team = teamById.get(teamId);
      if (!team) return undefined;
      const isMember = viewerUserId !== null && teamMemberKeys.has(`${teamId}:${viewerUserId}`);
      const key = `${teamId}:${isMember}`;
      let seen = seenTeams.get(key);
      if (!seen) {
        seen = frozen({ ...team, is_member: isMember });
        seenTeams.set(key, seen);
      }
      return seen;
    },
  };
}

/**
 * Account directories kept in memory, tied to the caller stamp as the caller cache is (see caller-cache.ts): the
 * triggers of migrations 0005 and 0010 move the stamp with every change to users, memberships, inboxes, inbox members,
 * teams and team members, and each use reads the stamp in a read begun after the call, or takes the one its request
 * read after it arrived, so no request sees a directory older than itself. Entries kept under a stamp were read after
 * it was, so they also serve requests that saw an older one. An account's directory is read in one go, shared by the
 * calls that wait for it.
 */
export function accountDirectories(
  db: Database,
  stamp: { current(): Promise<number> },
  capacity = 1_000,
): AccountDirectories {
  let entriesStamp: number | undefined;
  const directories = new LruMap<number, Promise<AccountDirectory>>(capacity);
  const readStamp = sharedReadsStartingAfterCall(() => stamp.current());

  return {
    async of(accountId, seenStamp) {
      const current = seenStamp ?? (await readStamp());
      if (entriesStamp === undefined || current > entriesStamp) {
        directories.clear();
        entriesStamp = current;
      }
      const kept = directories.get(accountId);
      if (kept) return kept;
      const reading = readDirectory(db, accountId);
      directories.set(accountId, reading);
      reading.catch(() => {
        if (directories.get(accountId) === reading) directories.delete(accountId);
      });
      return reading;
    },
  };
}
