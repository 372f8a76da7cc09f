import { Worker } from 'node:worker_threads';

/** How many grouped commits pass between two checkpoints: some hundreds of messages, a few megabytes of log. */
export const commitsPerCheckpoint = 64;

/**
 * The checkpointing thread's program, given as source so that it runs the same from the compiled server and from
 * the tests' transpiled sources. It opens the file on a connection of its own and, each time it is asked, folds into
 * the database what the write-ahead log holds, without waiting for writers or readers (PASSIVE). A fold that fails
 * (the disk is full) is tried again at the next request; until then the log grows, which costs disk, not data.
 */
const checkpointerProgram = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const connection = new Database(workerData.filename, { fileMustExist: true });
connection.pragma('busy_timeout = 5000');
parentPort.on('message', () => {
  try {
    connection.pragma('wal_checkpoint(PASSIVE)');
  } catch {}
});
`;

export interface BackgroundCheckpoints {
  /** Counts a commit; every `commitsPerCheckpoint`th asks the thread for a checkpoint. */
  committed(): void;
  /** Ends the thread, if it was started. */
  stop(): Promise<void>;
}

/**
 * Folds an SQLite file's write-ahead log into the database on a thread of its own, so that the event loop never does.
 * Left to the writing connection, the fold happens inside whichever commit crosses the log's size limit: that commit
 * copies thousands of pages and waits for the disk twice, and every request behind it waits tens of milliseconds. The
 * writing connection keeps its own limit as a safety net, which these checkpoints keep it from reaching. The thread is
 * started by the first checkpoint, so databases that see few commits (most tests, the command line) never start one.
 */
export function backgroundCheckpoints(filename: string): BackgroundCheckpoints {
  let worker: Worker | undefined;
  let commits = 0;

  const started = (): Worker => {
    if (worker) return worker;
    const thread = new Worker(checkpointerProgram, {
      eval: true,
      workerData: { driver: require.resolve('better-sqlite3'), filename },
    });
    // The thread never keeps the process alive: the server's own handles decide when it ends.
    thread.unref();
    // A thread that dies is started again by the next checkpoint; the writing connection's limit holds meanwhile.
    thread.on('error', () => {
      if (worker === thread) worker = undefined;
    });
    worker = thread;
    return thread;
  };

  return {
    committed() {
      commits++;
      if (commits % commitsPerCheckpoint === 0) started().postMessage('checkpoint');
    },
    async stop() {
      const running = worker;
      worker = undefined;
      if (running) await running.terminate();
    },
  };
}
