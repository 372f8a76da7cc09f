import { accountDirectories } from '../../src/modules/directory/account-directory';
import { type AccountFixture, createAccountFixture, startTestServer, type TestServer } from '../../src/testing';

let server: TestServer;
let fixture: AccountFixture;
beforeAll(async () => {
  server = await startTestServer();
  fixture = await createAccountFixture(server);
});
afterAll(() => server.close());

/** A stamp source the test moves, counting how often it is read. */
function countedStamp(initial: number) {
  const state = { stamp: initial, reads: 0 };
  return {
    state,
    source: {
      current: async () => {
        state.reads++;
        return state.stamp;
      },
    },
  };
}

test('a directory asked for as of a stamp its request read does not read the stamp again', async () => {
  const stamp = countedStamp(5);
  const directories = accountDirectories(server.db, stamp.source);
  const first = await directories.of(fixture.accountId, 5);
  expect(first.agent(fixture.agent.id)).toBeDefined();
  expect(stamp.state.reads).toBe(0);
  expect(await directories.of(fixture.accountId, 5)).toBe(first);
  expect(stamp.state.reads).toBe(0);
});

test('a directory kept under a stamp serves requests that read an older one, and not those that read a newer one', async () => {
  const stamp = countedStamp(5);
  const directories = accountDirectories(server.db, stamp.source);
  const kept = await directories.of(fixture.accountId, 5);
  expect(await directories.of(fixture.accountId, 4)).toBe(kept);
  const newer = await directories.of(fixture.accountId, 6);
  expect(newer).not.toBe(kept);
  expect(await directories.of(fixture.accountId, 5)).toBe(newer);
});

test('a directory asked for without a stamp reads the stamp, and is read again once it moved', async () => {
  const stamp = countedStamp(5);
  const directories = accountDirectories(server.db, stamp.source);
  const kept = await directories.of(fixture.accountId);
  expect(stamp.state.reads).toBe(1);
  expect(await directories.of(fixture.accountId)).toBe(kept);
  stamp.state.stamp = 6;
  expect(await directories.of(fixture.accountId)).not.toBe(kept);
  expect(stamp.state.reads).toBe(3);
});
