import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import type { LoadSettings } from './bench-settings';

export interface LoadOptions {
  url: string;
  method?: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  /** Every response body must equal this; any other counts as a failure. */
  expectBody: string;
  connections: number;
  durationSeconds: number;
}

export interface LoadSummary {
  requestsPerSecond: number;
  p50LatencyMs: number;
  p99LatencyMs: number;
  /**
   * Time this process's main thread was busy, per request answered. The servers under test run on that thread and
   * the load generator on a thread of its own, so this is what a request costs the server in CPU.
   */
  busyMicrosecondsPerRequest: number;
  /** Why the run cannot be trusted: errors, timeouts, non-2xx statuses or unexpected bodies. Empty when clean. */
  failures: string[];
}

/** Drives `url` with autocannon for the given time and summarises the result. */
export async function runLoad(options: LoadOptions): Promise<LoadSummary> {
  if (new URL(options.url).hostname !== '127.0.0.1') throw new Error(`refusing to load ${options.url}: not 127.0.0.1`);
  const idleBefore = performance.eventLoopUtilization();
  const result = await autocannon({
    url: options.url,
    method: options.method ?? 'GET',
    headers: options.headers,
    body: options.body,
    expectBody: options.expectBody,
    connections: options.connections,
    duration: options.durationSeconds,
    // The load generator gets its own thread (and so, given two cores, its own core) instead of sharing the server's
    // event loop, where every cycle it spent would be billed to the server under test.
    workers: 1,
  });

  const busy = performance.eventLoopUtilization(idleBefore);

  const failures: string[] = [];
  if (result.errors > 0) failures.push(`${result.errors} errors (${result.timeouts} of them timeouts)`);
  if (result.non2xx > 0) {
    const statuses = Object.entries(result.statusCodeStats ?? {})
      .filter(([status]) => !status.startsWith('2'))
      .map(([status, stats]) => `${stats.count ?? 0}× ${status}`);
    failures.push(`${result.non2xx} non-2xx responses (${statuses.join(', ')})`);
  }
  if (result.mismatches > 0) failures.push(`${result.mismatches} responses with an unexpected body`);
  if (result['2xx'] === 0) failures.push('no successful response at all');

  return {
    requestsPerSecond: result.requests.average,
    p50LatencyMs: result.latency.p50,
    p99LatencyMs: result.latency.p99,
    busyMicrosecondsPerRequest: result.requests.total > 0 ? (busy.active * 1000) / result.requests.total : 0,
    failures,
  };
}

/** Loads the target for the warm-up time, then measures it; failures of either run count. */
export async function measure(
  name: string,
  load: Omit<LoadOptions, 'durationSeconds' | 'connections'>,
  settings: LoadSettings,
): Promise<LoadSummary> {
  console.log(
    `${name}: warming up ${settings.warmupSeconds} s, then measuring ${settings.durationSeconds} s ` +
      `with ${settings.connections} connection(s)`,
  );
  const loaded = { ...load, connections: settings.connections };
  const warmup = await runLoad({ ...loaded, durationSeconds: settings.warmupSeconds });
  const summary = await runLoad({ ...loaded, durationSeconds: settings.durationSeconds });
  // A failure during warm-up is as much a sign of a broken setup as one during the measured run.
  return { ...summary, failures: [...warmup.failures, ...summary.failures] };
}
