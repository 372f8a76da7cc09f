import os from 'node:os';
import { readLoadSettings } from './bench-settings';
import { benchContacts } from './contact-bench';
import { benchConversations } from './conversation-bench';
import { benchDeliveries } from './delivery-bench';
import { type BenchReport, benchEndpointsAgainstBare } from './endpoint-bench';

/**
 * `pnpm bench`: a platform and an account endpoint against a bare node:http server, and the account one as the spec
 * grows, then the contact scenarios on the seeded account of a million contacts, then the conversation scenarios on
 * the seeded account of 100,000 conversations (each account seeded on first use), then webhook deliveries through a
 * receiver outage. `BENCH_ONLY=endpoints`, `contacts`, `conversations` or `deliveries` runs one part.
 */
const parts: Record<string, (settings: ReturnType<typeof readLoadSettings>) => Promise<BenchReport>> = {
  endpoints: benchEndpointsAgainstBare,
  contacts: benchContacts,
  conversations: benchConversations,
  deliveries: benchDeliveries,
};

async function main(): Promise<boolean> {
  const settings = readLoadSettings();
  const only = process.env.BENCH_ONLY;
  if (only && !(only in parts)) throw new Error(`BENCH_ONLY must be one of ${Object.keys(parts).join(', ')}`);
  console.log(
    `Node ${process.version} on ${os.cpus()[0]?.model ?? 'unknown CPU'} (${os.availableParallelism()} cores)`,
  );
  console.log(`${settings.connections} connections, ${settings.durationSeconds} s per target after a warm-up`);

  const failures: string[] = [];
  for (const [name, run] of Object.entries(parts)) {
    if (only && only !== name) continue;
    const report = await run(settings);
    console.log();
    for (const line of report.lines) console.log(line);
    failures.push(...report.failures);
  }
  for (const failure of failures) console.log(`FAILED ${failure}`);
  return failures.length === 0;
}

main().then(
  (passed) => {
    process.exitCode = passed ? 0 : 1;
  },
  (error: unknown) => {
    // A failed statement's message can carry a whole bulk insert: its head says enough.
    console.error((error instanceof Error ? (error.stack ?? error.message) : String(error)).slice(0, 2000));
    process.exitCode = 1;
  },
);
