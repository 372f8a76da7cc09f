/** A positive integer from the environment variable `name`, or `fallback` when it is unset. */
export function positiveInteger(name: string, fallback: number, env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

/** Whether the environment variable `name` is set to anything but empty, `0` or `false`. */
export function flag(name: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const raw = env[name];
  return raw !== undefined && raw !== '' && raw !== '0' && raw.toLowerCase() !== 'false';
}

/** How many contacts the contacts bench account holds (`BENCH_CONTACTS`, one million by default). */
export function benchContactCount(env: NodeJS.ProcessEnv = process.env): number {
  return positiveInteger('BENCH_CONTACTS', 1_000_000, env);
}

/**
 * Whether the scenario of this name runs: every one unless `BENCH_SCENARIOS` holds a regular expression, matched
 * against the names case-insensitively (`BENCH_SCENARIOS='label filter|creation'`).
 */
export function scenarioChosen(name: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const pattern = env.BENCH_SCENARIOS;
  if (pattern === undefined || pattern === '') return true;
  return new RegExp(pattern, 'i').test(name);
}

/** The size of the conversations bench account. */
export interface ConversationsBenchSize {
  conversations: number;
  messages: number;
}

/**
 * `BENCH_CONVERSATIONS` conversations (100,000 by default) holding `BENCH_MESSAGES` messages in all (2,000,000 by
 * default), at least one each.
 */
export function benchConversationsSize(env: NodeJS.ProcessEnv = process.env): ConversationsBenchSize {
  const conversations = positiveInteger('BENCH_CONVERSATIONS', 100_000, env);
  const messages = positiveInteger('BENCH_MESSAGES', 2_000_000, env);
  if (messages < conversations) {
    throw new Error(`BENCH_MESSAGES (${messages}) must be at least BENCH_CONVERSATIONS (${conversations})`);
  }
  return { conversations, messages };
}

/** How hard and how long each target is loaded. */
export interface LoadSettings {
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
}

/** `BENCH_CONNECTIONS` (10) and `BENCH_DURATION` (10 s), with a warm-up of up to 2 s before each measurement. */
export function readLoadSettings(env: NodeJS.ProcessEnv = process.env): LoadSettings {
  const durationSeconds = positiveInteger('BENCH_DURATION', 10, env);
  // The first seconds run cold (JIT, the validator's compiled schemas, the database's page cache); measured, they
  // would drag the average down by an amount that depends on the duration rather than on the code.
  return {
    connections: positiveInteger('BENCH_CONNECTIONS', 10, env),
    durationSeconds,
    warmupSeconds: Math.min(2, durationSeconds),
  };
}
