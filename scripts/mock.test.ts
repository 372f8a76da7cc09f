import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { generatedDir, repoRoot } from './lib/paths';

type Json = Record<string, any>;

const document: Json = JSON.parse(readFileSync(path.join(generatedDir, 'openapi.json'), 'utf8'));
// Prism reads the whole document before it listens, which takes seconds on a machine busy with other tests.
const startupTimeoutMs = 90_000;
const shutdownTimeoutMs = 10_000;
const browserOrigin = 'http://localhost:5173';

/** Follows a local `$ref` such as `#/components/responses/Unauthorized` to what it names. */
function resolve(node: Json): Json {
  if (typeof node.$ref !== 'string') return node;
  const target = node.$ref
    .slice(2)
    .split('/')
    .reduce((parent: Json, key: string) => parent[key], document);
  return resolve(target);
}

/** The operation's path, with every path parameter set to 1. */
function operationPath(operationId: string): { path: string; operation: Json } {
  for (const [template, item] of Object.entries<Json>(document.paths)) {
    for (const operation of Object.values<Json>(item)) {
      if (operation?.operationId === operationId) return { path: template.replace(/\{[^}]+\}/g, '1'), operation };
    }
  }
  throw new Error(`the spec has no operation ${operationId}`);
}

/** The JSON example Prism answers for a status: the media type's own, else its schema's. */
function exampleOf(operation: Json, status: string): unknown {
  const media = resolve(operation.responses[status]).content['application/json'];
  const example = media.example ?? resolve(media.schema).example;
  if (example === undefined) throw new Error(`${operation.operationId} has no example for ${status}`);
  return example;
}

/**
 * How to run pnpm: the one running this test when it runs through pnpm (`./run test`), else the one on PATH.
 * pnpm's entry point is a script that the current Node.js runs.
 */
function pnpmCommand(): { command: string; args: string[] } {
  const execPath = process.env.npm_execpath;
  if (execPath && path.basename(execPath).startsWith('pnpm')) {
    return /\.[cm]?js$/.test(execPath)
      ? { command: process.execPath, args: [execPath] }
      : { command: execPath, args: [] };
  }
  return { command: 'pnpm', args: [] };
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolvePort(port));
    });
  });
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((answer) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      answer(true);
    });
    socket.once('error', () => answer(false));
  });
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await new Promise((wake) => setTimeout(wake, 200));
  }
  return false;
}

let mockProcess: ChildProcess;
let baseUrl: string;
let port: number;
/** The mock's recent output, shown when it fails to serve; only the tail is kept, as Prism logs every request. */
let output = '';
let howItEnded: string | undefined;

beforeAll(async () => {
  port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  const { command, args } = pnpmCommand();
  // Its own process group, so that killing the group ends pnpm, the shell it runs the script in, and Prism.
  mockProcess = spawn(command, [...args, 'mock'], {
    cwd: repoRoot,
    env: { ...process.env, MOCK_PORT: String(port) },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const record = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4_000);
  };
  mockProcess.stdout?.on('data', record);
  mockProcess.stderr?.on('data', record);
  mockProcess.once('error', (error) => {
    howItEnded = `could not start: ${error.message}`;
  });
  // `close` rather than `exit`: it comes once the output is all read, so the failure shows all of it.
  mockProcess.once('close', (code, signal) => {
    howItEnded ??= `exited with ${signal ?? `code ${code}`}`;
  });
  const serving = await waitFor(async () => howItEnded !== undefined || (await portAnswers(port)), startupTimeoutMs);
  if (!serving || howItEnded !== undefined) {
    throw new Error(
      `\`pnpm mock\` (MOCK_PORT=${port}) ${howItEnded ?? `did not answer within ${startupTimeoutMs / 1000} s`}; its output:\n${output}`,
    );
  }
}, startupTimeoutMs + 5_000);

afterAll(async () => {
  if (mockProcess?.pid === undefined) return;
  try {
    process.kill(-mockProcess.pid, 'SIGTERM');
  } catch {
    // The group is already gone.
  }
  const closed = await waitFor(async () => !(await portAnswers(port)), shutdownTimeoutMs);
  if (!closed) throw new Error(`the mock still listens on port ${port} after its process group was terminated`);
}, shutdownTimeoutMs + 5_000);

test("a list answers 200 with the spec's example", async () => {
  const { path: listPath, operation } = operationPath('listContacts');
  const response = await fetch(`${baseUrl}${listPath}`, { headers: { api_access_token: 'any-token' } });
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual(exampleOf(operation, '200'));
});

test('a request without a token answers 401 with the error shape', async () => {
  const { path: listPath, operation } = operationPath('listContacts');
  const response = await fetch(`${baseUrl}${listPath}`);
  expect(response.status).toBe(401);
  expect(await response.json()).toEqual(exampleOf(operation, '401'));
});

test('a browser app on another origin may call it with the token header', async () => {
  const { path: listPath } = operationPath('listContacts');
  const response = await fetch(`${baseUrl}${listPath}`, {
    method: 'OPTIONS',
    headers: {
      Origin: browserOrigin,
      'Access-Control-Request-Method': 'GET',
      'Access-Control-Request-Headers': 'api_access_token',
    },
  });
  expect(response.status).toBeLessThan(300);
  expect(response.headers.get('access-control-allow-origin')).toMatch(new RegExp(`^(\\*|${browserOrigin})$`));
  expect(response.headers.get('access-control-allow-headers')).toMatch(/\*|api_access_token/i);
  expect(response.headers.get('access-control-allow-methods')).toMatch(/\*|GET/);
});
