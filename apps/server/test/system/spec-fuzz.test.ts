import fc from 'fast-check';
import { loadSpecDocument } from '../../src/http/spec-document';
import { startTestServer, type TestServer } from '../../src/testing';
import {
  describeExchange,
  type FuzzSetting,
  prepareFuzzSetting,
  RequestArbitraries,
  type SpecOperation,
  sendFuzzRequest,
  specOperations,
} from '../../src/testing/spec-fuzz';

/**
 * Every operation of the spec, called with generated requests over a real port: valid ones with the caller its
 * security scheme names and ids of records that exist, and ones with a broken part (wrong types, missing or unknown
 * fields, hostile strings, overflowing or infinite numbers, deep nesting, bodies that are not JSON, wrong content types, junk ids
 * and queries, strangers' tokens). No answer may be a 5xx (the test server also turns a response off its schema into
 * a 500), and every 4xx is JSON.
 *
 * `FUZZ_RUNS` sets the requests per operation (deeper runs locally); a failure prints fast-check's seed and path,
 * which `FUZZ_SEED` and `FUZZ_PATH` replay.
 */
const runsPerOperation = Number(process.env.FUZZ_RUNS ?? 40);
const replay = process.env.FUZZ_SEED
  ? { seed: Number(process.env.FUZZ_SEED), ...(process.env.FUZZ_PATH && { path: process.env.FUZZ_PATH }) }
  : {};

const document = loadSpecDocument();
const operations = specOperations(document);

/** Reads change nothing, so they share one setting; each other operation gets its own, which it may wreck. */
const reads = operations.filter((operation) => operation.method === 'GET');
let sharedReadSetting: Promise<FuzzSetting> | undefined;
const settingFor = (operation: SpecOperation): Promise<FuzzSetting> => {
  if (operation.method !== 'GET') return prepareFuzzSetting(server, document, operations, [operation]);
  sharedReadSetting ??= prepareFuzzSetting(server, document, operations, reads);
  return sharedReadSetting;
};

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

test('the fuzz run covers every operation of the spec', () => {
  const inSpec = Object.values(document.paths).flatMap((item) =>
    Object.values(item).flatMap((operation) => (operation.operationId ? [operation.operationId] : [])),
  );
  expect(operations.map((operation) => operation.operationId).sort()).toEqual(inSpec.sort());
});

test.each(operations.map((operation) => [`${operation.method} ${operation.path}`, operation] as const))(
  '%s answers generated requests with no 5xx, and every 4xx in JSON or as the page it declares',
  async (_name, operation) => {
    const setting = await settingFor(operation);
    const requests = new RequestArbitraries(document, setting).requests(operation);
    await fc.assert(
      fc.asyncProperty(requests, async (request) => {
        const { response, problem } = await sendFuzzRequest(server, request, operation);
        if (problem) throw new Error(`${operation.operationId} ${problem}\n${describeExchange(request, response)}`);
      }),
      { numRuns: runsPerOperation, ...replay },
    );
  },
  Math.max(20_000, runsPerOperation * 1_000),
);
