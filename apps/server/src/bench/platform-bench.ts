import { createServer } from 'node:http';
import { createApp } from '../app';
import { createContainer } from '../container';
import { createTestDatabase } from '../testing/test-database';
import type { LoadSettings } from './bench-settings';
import { listenOnLoopback } from './loopback-server';
import { markdownTable, wholeNumber } from './markdown-table';
import { assertSameReply, createReplayServer, recordReply } from './replay-server';
import { type LoadSummary, measure } from './run-load';

/** What one part of the bench found: lines to print, and why the figures cannot be trusted, if they cannot. */
export interface BenchReport {
  lines: string[];
  failures: string[];
}

function ratio(numerator: number, denominator: number): string {
  // A p99 below autocannon's 1 ms resolution reads as 0; no ratio beats a division by zero.
  return denominator > 0 ? (numerator / denominator).toFixed(2) : 'n/a';
}

/**
 * The real application (production settings, silent logs) against a bare node:http server that answers the same
 * bytes, on one authenticated, validated, database-backed endpoint, in a fresh database of the engine `DATABASE_URL`
 * selects. The ratio is what the framework, the validator, authentication and the database cost per request.
 */
export async function benchPlatformEndpoint(settings: LoadSettings): Promise<BenchReport> {
  // Closed in reverse order whatever happens, so that the process exits by itself on success and on failure alike.
  const cleanups: Array<() => Promise<void>> = [];
  try {
    const database = await createTestDatabase();
    cleanups.push(database.drop);

    const container = createContainer({ db: database.db });
    const { platformApp, token } = await container.services.platformApps.create('Bench');
    const account = await container.services.accounts.create({ kind: 'platformApp', platformApp }, { name: 'Bench' });
    const path = `/platform/api/v1/accounts/${account.id}`;
    const headers = { api_access_token: token };

    const app = createApp({ container, validateResponses: false });
    const express = await listenOnLoopback(createServer(app));
    cleanups.push(express.close);

    const reply = await recordReply(express.url + path, headers);
    const bare = await listenOnLoopback(createReplayServer('GET', path, reply));
    cleanups.push(bare.close);
    assertSameReply(reply, await recordReply(bare.url + path, headers));

    const expectBody = reply.body.toString('utf8');
    const results: Array<{ name: string; summary: LoadSummary }> = [];
    for (const target of [
      { name: 'Express app', url: express.url + path },
      { name: 'bare node:http, same bytes', url: bare.url + path },
    ]) {
      results.push({
        name: target.name,
        summary: await measure(target.name, { ...target, headers, expectBody }, settings),
      });
    }

    const [full, floor] = results as [(typeof results)[0], (typeof results)[0]];
    return {
      lines: [
        `Platform endpoint, ${database.url.split(':')[0]}: GET /platform/api/v1/accounts/{account_id}`,
        '',
        markdownTable([
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
      ],
      failures: results.flatMap(({ name, summary }) => summary.failures.map((failure) => `${name}: ${failure}`)),
    };
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup();
  }
}
