export { type AccountFixture, createAccountFixture, type TestUser } from './account-fixture';
export { countedTallies, storedTallies } from './conversation-tallies';
export { type ManualClock, manualClock } from './manual-clock';
export { roundsDuring, statementsDuring } from './statements-during';
export { createTestDatabase, type TestDatabase } from './test-database';
export {
  type RawTestResponse,
  type RequestOptions,
  startTestServer,
  type TestResponse,
  type TestServer,
} from './test-server';
