import { LruMap } from '../cache/lru-map';
import { frozen, sharedReadsStartingAfterCall } from '../cache/stamped-reads';
import type { UserRecord } from '../modules/users/user-repository';
import type { MemberActor } from './actor';
import type { Caller } from './caller';

/** Who a token stands for and what a user is in an account, as of one moment. */
export interface CallerLookup {
  findCaller(token: string): Promise<Caller | undefined>;
  /** The user as a member of the account; throws the refusal when the user may not act there. */
  resolveMember(user: UserRecord, accountId: number): Promise<MemberActor>;
}

/** Where the cache reads what it keeps, and the version that tells it when what it keeps is out of date. */
export interface CallerSources {
  stamp: { current(): Promise<number> };
  accessTokens: { findCaller(token: string): Promise<Caller | undefined> };
  accountMembers: { resolve(user: UserRecord, accountId: number, callerStamp: number): Promise<MemberActor> };
}

export interface CallerCache {
  /** Lookups as of now: entries read before the last change to a caller table are not served. */
  lookup(): Promise<CallerLookup>;
}

/**
 * Callers (token → platform app, user or agent bot) and memberships (user and account → role), kept in memory so that
 * a request reads one row instead of three to four.
 *
 * Entries are tied to a version stamp, not to a time to live: database triggers move the stamp in the same transaction
 * as any change to tokens, users, agent bots, platform apps, memberships or accounts, whichever process or code makes
 * it, and every request reads the stamp, in a read begun after the request arrived, before it uses an entry. A
 * rotated token, a deleted user or a removed membership is therefore refused on the very next request, in every
 * process, where a time to live would leave each process a window of that length. The price is a primary-key read,
 * shared by the requests that arrive while one is under way, and changes to those tables empty every process's cache:
 * they are rare next to the requests that read them.
 */
export function createCallerCache(sources: CallerSources, capacity = 10_000): CallerCache {
  /** The stamp the entries were read under. */
  let entriesStamp: number | undefined;
  const callers = new LruMap<string, Caller>(capacity);
  const members = new LruMap<string, MemberActor>(capacity);
  const readStamp = sharedReadsStartingAfterCall(() => sources.stamp.current());

  return {
    async lookup() {
      const stamp = await readStamp();
      if (stamp !== entriesStamp) {
        callers.clear();
        members.clear();
        entriesStamp = stamp;
      }
      // A value read now may already be newer than `stamp`, never older; it is kept only while no later lookup has
      // seen the stamp move on, as a newer lookup may have emptied the cache after this one began.
      // Frozen whether kept or not, so that a request changing its caller fails every time, not only when cached.
      const keep = <Value>(cache: LruMap<string, Value>, key: string, value: Value): Value => {
        if (entriesStamp === stamp) cache.set(key, frozen(value));
        return frozen(value);
      };

      return {
        async findCaller(token) {
          const cached = callers.get(token);
          if (cached) return cached;
          const caller = await sources.accessTokens.findCaller(token);
          return caller && keep(callers, token, caller);
        },
        async resolveMember(user, accountId) {
          const key = `${user.id}:${accountId}`;
          const cached = members.get(key);
          if (cached && cached.user === user) return cached;
          return keep(members, key, await sources.accountMembers.resolve(user, accountId, stamp));
        },
      };
    },
  };
}
