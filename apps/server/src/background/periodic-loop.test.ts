import pino from 'pino';
import { createPeriodicLoop } from './periodic-loop';

const silent = pino({ level: 'silent' });
const until = async (check: () => boolean) => {
  const deadline = Date.now() + 2000;
  while (!check() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
};

test('runs the work at once, then each interval, until stopped', async () => {
  let runs = 0;
  const loop = createPeriodicLoop({
    description: 'counting',
    intervalMs: 10,
    logger: silent,
    work: async () => runs++,
  });
  loop.start();
  await until(() => runs >= 3);
  await loop.stop();
  const stoppedAt = runs;
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(stoppedAt).toBeGreaterThanOrEqual(3);
  expect(runs).toBe(stoppedAt);
});

test('goes on after a failed run, which it logs', async () => {
  const logged: string[] = [];
  const logger = pino({ level: 'error' }, { write: (line: string) => void logged.push(line) });
  let runs = 0;
  const loop = createPeriodicLoop({
    description: 'failing once',
    intervalMs: 10,
    logger,
    work: async () => {
      runs++;
      if (runs === 1) throw new Error('boom');
    },
  });
  loop.start();
  await until(() => runs >= 2);
  await loop.stop();
  expect(runs).toBeGreaterThanOrEqual(2);
  expect(logged.join('')).toContain('failing once failed');
});

test('stopping waits for the run under way', async () => {
  let finished = false;
  const loop = createPeriodicLoop({
    description: 'slow',
    intervalMs: 10_000,
    logger: silent,
    work: async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      finished = true;
    },
  });
  loop.start();
  await loop.stop();
  expect(finished).toBe(true);
});
