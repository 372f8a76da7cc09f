import type { UserRecord } from '../modules/users/user-repository';
import type { MemberActor } from './actor';
import type { Caller } from './caller';
import { createCallerCache } from './caller-cache';

const user = { id: 7, name: 'Sam' } as UserRecord;

/** Sources that count their reads, with a stamp the test moves. */
function countingSources() {
  const reads = { callers: 0, members: 0 };
  const state = { stamp: 1, onCallerRead: () => {} };
  return {
    reads,
    state,
    sources: {
      stamp: { current: async () => state.stamp },
      accessTokens: {
        findCaller: async (token: string): Promise<Caller | undefined> => {
          reads.callers++;
          state.onCallerRead();
          return token === 'known' ? { kind: 'user', user: { ...user } } : undefined;
        },
      },
      accountMembers: {
        resolve: async (member: UserRecord, accountId: number): Promise<MemberActor> => {
          reads.members++;
          return { kind: 'member', user: member, account: { id: accountId } as MemberActor['account'], role: 'agent' };
        },
      },
    },
  };
}

test('reads a caller and a membership once while the stamp stays', async () => {
  const { sources, reads } = countingSources();
  const cache = createCallerCache(sources);
  for (let round = 0; round < 3; round++) {
    const lookup = await cache.lookup();
    const caller = await lookup.findCaller('known');
    if (caller?.kind !== 'user') throw new Error('expected a user');
    await lookup.resolveMember(caller.user, 1);
  }
  expect(reads).toEqual({ callers: 1, members: 1 });
});

test('reads again once the stamp moved', async () => {
  const { sources, reads, state } = countingSources();
  const cache = createCallerCache(sources);
  await (await cache.lookup()).findCaller('known');
  state.stamp = 2;
  await (await cache.lookup()).findCaller('known');
  expect(reads.callers).toBe(2);
});

test('does not keep a value read under a stamp a later lookup has already seen move on', async () => {
  const { sources, reads, state } = countingSources();
  const cache = createCallerCache(sources);
  const early = await cache.lookup();
  // While the early lookup reads its caller, a change commits and another request sees the new stamp.
  state.onCallerRead = () => {
    state.onCallerRead = () => {};
    state.stamp = 2;
    void cache.lookup();
  };
  await early.findCaller('known');
  await (await cache.lookup()).findCaller('known');
  expect(reads.callers).toBe(2);
});

test('does not keep unknown tokens, so that guessing cannot fill the memory', async () => {
  const { sources, reads } = countingSources();
  const cache = createCallerCache(sources);
  await (await cache.lookup()).findCaller('unknown');
  await (await cache.lookup()).findCaller('unknown');
  expect(reads.callers).toBe(2);
});

/** A stamp source whose reads the test finishes by hand, in the order they began. */
function manualStamp() {
  const pending: Array<(stamp: number) => void> = [];
  return {
    reads: () => pending.length,
    /** Finishes the oldest read under way with the stamp it found. */
    finishRead: async (stamp: number) => {
      pending.shift()?.(stamp);
      await new Promise((resolve) => setImmediate(resolve));
    },
    source: { current: () => new Promise<number>((resolve) => pending.push(resolve)) },
  };
}

test('lookups arriving while a stamp read is under way share the next read, which sees changes made before them', async () => {
  const stamp = manualStamp();
  const { sources, reads } = countingSources();
  const cache = createCallerCache({ ...sources, stamp: stamp.source });

  const first = cache.lookup();
  // A change commits after the first read began, which may not see it: lookups made now must not be served by it.
  const later = [cache.lookup(), cache.lookup(), cache.lookup()];
  expect(stamp.reads()).toBe(1);

  await stamp.finishRead(1);
  await (await first).findCaller('known');
  expect(stamp.reads()).toBe(1);
  await stamp.finishRead(2);
  for (const lookup of later) await (await lookup).findCaller('known');
  // One read for the first lookup, one shared by the three later ones; the stamp moved between them.
  expect(stamp.reads()).toBe(0);
  expect(reads.callers).toBe(2);
});
