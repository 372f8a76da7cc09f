import { createServer } from 'node:http';
import os from 'node:os';
import pino from 'pino';
import { createApp } from '../app';
import { createServices } from '../services';
import { createTestDatabase } from '../testing/test-database';
import { listenOnLoopback } from './loopback-server';
import { assertSameReply, createReplayServer, recordReply } from './replay-server';
import { type LoadSummary, runLoad } from './run-load';

/**
 * `pnpm bench`: the real application (production settings, silent logs) against a bare node:http server that answers
 * the same bytes, on one authenticated, validated, database-backed endpoint. The ratio is what the framework, the
 * validator, authentication and the database cost per request on this machine.
 */

interface Settings {
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
}

function positiveInteger(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

function readSettings(): Settings {
  const durationSeconds = positiveInteger('BENCH_DURATION', 10);
  // The first seconds run cold (JIT, the validator's compiled schemas, SQLite's page cache); measured, they would
  // drag the average down by an amount that depends on the duration rather than on the code.
  return {
    connections: positiveInteger('BENCH_CONNECTIONS', 10),
    durationSeconds,
    warmupSeconds: Math.min(2, durationSeconds),
  };
}

interface Target {
  name: string;
  url: string;
}

interface Measured {
  name: string;
  summary: LoadSummary;
}

async function measure(
  target: Target,
  headers: Record<string, string>,
  expectBody: string,
  settings: Settings,
): Promise<Measured> {
  console.log(`${target.name}: warming up ${settings.warmupSeconds} s, then measuring ${settings.durationSeconds} s`);
  const load = { url: target.url, headers, expectBody, connections: settings.connections };
  const warmup = await runLoad({ ...load, durationSeconds: settings.warmupSeconds });
  const summary = await runLoad({ ...load, durationSeconds: settings.durationSeconds });
  // A failure during warm-up is as much a sign of a broken setup as one during the measured run.
  return { name: target.name, summary: { ...summary, failures: [...warmup.failures, ...summary.failures] } };
}

const wholeNumber = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

function ratio(numerator: number, denominator: number): string {
  // A p99 below autocannon's 1 ms resolution reads as 0; no ratio beats a division by zero.
  return denominator > 0 ? (numerator / denominator).toFixed(2) : 'n/a';
}

/** A Markdown table, padded so that it also reads well in a terminal. */
function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const pad = (cell: string, column: number) =>
    column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!);
  const line = (cells: string[]) => `| ${cells.map(pad).join(' | ')} |`;
  const rule = line(widths.map((width, column) => (column === 0 ? '-'.repeat(width) : `${'-'.repeat(width - 1)}:`)));
  return [line(rows[0]!), rule, ...rows.slice(1).map(line)].join('\n');
}

async function main(): Promise<boolean> {
  const settings = readSettings();
  // Closed in reverse order whatever happens, so that the process exits by itself on success and on failure alike.
  const cleanups: Array<() => Promise<void>> = [];
  try {
    // A fresh database of the engine DATABASE_URL selects, dropped afterwards, so that no bench rows stay behind.
    const database = await createTestDatabase();
    cleanups.push(database.drop);

    const services = createServices(database.db);
    const { platformApp, token } = await services.platformApps.create('Bench');
    const account = await services.accounts.create(platformApp, { name: 'Bench' });
    const path = `/platform/api/v1/accounts/${account.id}`;
    const headers = { api_access_token: token };

    const app = createApp({ db: database.db, logger: pino({ level: 'silent' }), validateResponses: false });
    const express = await listenOnLoopback(createServer(app));
    cleanups.push(express.close);

    const reply = await recordReply(express.url + path, headers);
    const bare = await listenOnLoopback(createReplayServer('GET', path, reply));
    cleanups.push(bare.close);
    assertSameReply(reply, await recordReply(bare.url + path, headers));

    console.log(
      `Node ${process.version} on ${os.cpus()[0]?.model ?? 'unknown CPU'} (${os.availableParallelism()} cores)`,
    );
    console.log(
      `database: ${database.url.split(':')[0]}; ${settings.connections} connections; GET /platform/api/v1/accounts/{account_id}`,
    );

    const expectBody = reply.body.toString('utf8');
    const results: Measured[] = [];
    for (const target of [
      { name: 'Express app', url: express.url + path },
      { name: 'bare node:http, same bytes', url: bare.url + path },
    ]) {
      results.push(await measure(target, headers, expectBody, settings));
    }

    const [full, floor] = results as [Measured, Measured];
    console.log();
    console.log(
      table([
        ['target', 'requests/s (avg)', 'p99 latency (ms)'],
        ...results.map(({ name, summary }) => [
          name,
          wholeNumber.format(summary.requestsPerSecond),
          String(summary.p99LatencyMs),
        ]),
        [
          'ratio Express / bare',
          ratio(full.summary.requestsPerSecond, floor.summary.requestsPerSecond),
          ratio(full.summary.p99LatencyMs, floor.summary.p99LatencyMs),
        ],
      ]),
    );

    const failures = results.flatMap(({ name, summary }) => summary.failures.map((failure) => `${name}: ${failure}`));
    for (const failure of failures) console.log(`FAILED ${failure}`);
    return failures.length === 0;
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup();
  }
}

main().then(
  (passed) => {
    process.exitCode = passed ? 0 : 1;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
  },
);
