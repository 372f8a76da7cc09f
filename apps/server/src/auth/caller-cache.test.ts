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
