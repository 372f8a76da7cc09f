import { createContainer } from '../container';
import { createTestDatabase, type TestDatabase } from '../testing';
import { runCli } from './run-cli';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

async function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    env: { DATABASE_URL: database.url },
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  return { code, stdout, stderr };
}

test('platform-app create prints only the new token on stdout, and the token works', async () => {
  const result = await run(['platform-app', 'create', '--name', 'Provisioner']);
  expect(result.code).toBe(0);
  const token = result.stdout.trim();
  expect(token).toMatch(/^\w{24}$/);
  expect(result.stderr).toContain('"Provisioner"');
  const caller = await createContainer({ db: database.db }).services.accessTokens.findCaller(token);
  expect(caller).toMatchObject({ kind: 'platformApp', platformApp: { name: 'Provisioner' } });
});

test('platform-app create without a name fails with usage help', async () => {
  const result = await run(['platform-app', 'create']);
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr).toContain('--name');
});

test('an unknown command prints the usage', async () => {
  const result = await run(['frobnicate']);
  expect(result.code).toBe(2);
  expect(result.stderr).toContain('Usage:');
});
