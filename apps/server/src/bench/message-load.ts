import path from 'node:path';
import { Worker } from 'node:worker_threads';

/** What the message load worker is asked to do. */
export interface MessageLoadOrder {
  /** `http://127.0.0.1:<port>/api/v1/accounts/<id>/conversations`. */
  conversationsUrl: string;
  token: string;
  /** The conversations written to, in turn. */
  displayIds: number[];
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
  /** The start of every message's text, which a number unique in the run ends. */
  contentPrefix: string;
}

/** One message sent, and what the server answered. */
export interface CreatedMessage {
  displayId: number;
  content: string;
  status: number;
  /** Whether it was answered within the measured time rather than during the warm-up. */
  measured: boolean;
  /** The message's id and its conversation's display id, from a 2xx answer. */
  id?: number;
  conversationId?: number;
}

export interface MessageLoadResult {
  answers: CreatedMessage[];
  /** Of the requests answered within the measured time, in milliseconds. */
  latencies: number[];
  /** Requests that got no answer (connection errors). */
  errors: number;
}

/**
 * Runs the message load on a worker thread of its own (given two cores, a core of its own), as autocannon does for the
 * other scenarios, so that the server's thread does only the server's work.
 */
export function loadMessageCreation(order: MessageLoadOrder): Promise<MessageLoadResult> {
  if (new URL(order.conversationsUrl).hostname !== '127.0.0.1') {
    throw new Error(`refusing to load ${order.conversationsUrl}: not 127.0.0.1`);
  }
  return new Promise((resolve, reject) => {
    const worker = new Worker(path.join(__dirname, 'message-load-worker.js'), { workerData: order });
    worker.once('message', (result: MessageLoadResult) => resolve(result));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the message load worker exited with ${code}`));
    });
  });
}

/** The value below which `fraction` of the sorted values lie. */
export function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))]!;
}
