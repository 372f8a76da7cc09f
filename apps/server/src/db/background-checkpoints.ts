import { Worker } from 'node:worker_threads';

/** How many grouped commits pass between two checkpoints: some hundreds of messages, a few megabytes of log. */
export const commitsPerCheckpoint = 64;

/**
 * The checkpointing thread's program, given as source so that it runs the same from the compiled server and from
 * the tests' transpiled sources. It opens the file on a connection of its own and, each time it is asked, folds into
 * the database what the write-ahead log holds, without waiting for writers or readers (PASSIVE), then says so.
 */
const checkpointerProgram = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const connection = new Database(workerData.filename, { fileMustExist: true });
connection.pragma('busy_timeout = 5000');
parentPort.on('message', () => {
  let result;
  try {
    result = connection.pragma('wal_checkpoint(PASSIVE)')[0];
  } catch (error) {
    result = { error: String(error) };
  }
  parentPort.postMessage(result);
});
`;

/** What a checkpoint found: the log's frames, and how many of them are now in the database. */
export interface CheckpointResult {
  log: number;
  checkpointed: number;
}

export interface BackgroundCheckpoints {
  /** Counts a commit; every `commitsPerCheckpoint`th asks the thread for a checkpoint. */
  committed(): void;
  /** Asks for a checkpoint now and waits for its result. */
  checkpoint(): Promise<CheckpointResult>;
  /** Ends the thread, if it was started. */
  stop(): Promise<void>;
}

/**
 * Folds an SQLite file's write-ahead log into the database on a thread of its own, so that the event loop never does.
 * Left to the writing connection, the fold happens inside whichever commit crosses the log's size limit: that commit
 * copies thousands of pages and waits for the disk twice, and every request behind it waits tens of milliseconds. The
 * writing connection keeps its own limit as a safety net, which these checkpoints keep it from reaching. The thread is
 * started by the first checkpoint asked for, so short-lived databases (tests, the command line) never start one.
 */
export function backgroundCheckpoints(filename: string): BackgroundCheckpoints {
  let worker: Worker | undefined;
  let commits = 0;
  const waiting: Array<{ resolve(result: CheckpointResult): void; reject(error: Error): void }> = [];

  const started = (): Worker => {
    if (worker) return worker;
    worker = new Worker(checkpointerProgram, {
      eval: true,
      workerData: { driver: require.resolve('better-sqlite3'), filename },
    });
    // The thread never keeps the process alive: the server's own handles decide when it ends.
    worker.unref();
    worker.on('message', (result: CheckpointResult | { error: string }) => {
      const asker = waiting.shift();
      if ('error' in result) asker?.reject(new Error(`checkpoint failed: ${result.error}`));
      else asker?.resolve(result);
    });
    // A thread that dies is started again by the next checkpoint; the writing connection's limit holds meanwhile.
    worker.on('error', (error) => {
      worker = undefined;
      for (const asker of waiting.splice(0)) asker.reject(error);
    });
    return worker;
  };

  const checkpoint = () =>
    new Promise<CheckpointResult>((resolve, reject) => {
      waiting.push({ resolve, reject });
      started().postMessage('checkpoint');
    });

  return {
    committed() {
      commits++;
      // A failed checkpoint is retried by the next one; until then the log grows, which costs disk, not data.
      if (commits % commitsPerCheckpoint === 0) checkpoint().catch(() => undefined);
    },
    checkpoint,
    async stop() {
      const running = worker;
      worker = undefined;
      if (running) await running.terminate();
    },
  };
}
