import type { Server } from 'node:http';

export interface GracefulCloseOptions {
  /** Past this, counted from the call, requests still in flight have their connections closed, in milliseconds. */
  timeoutMs: number;
}

/** The listening socket closes after a wait this long, in milliseconds, during which no connection arrived. */
const quietMs = 100;
/** Past this, it closes even while connections keep arriving, in milliseconds. */
const longestAcceptMs = 1000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
/** Resolves in the check phase, just after the event loop has polled, and so accepted what waited in the backlog. */
const afterPoll = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Prepares a server to stop without refusing a request a client has already sent. Closing the listening socket at
 * once would reset the connections the kernel has accepted that Node has not yet taken from its backlog (it takes
 * them only when its event loop polls, which a busy process does late), so the returned function keeps accepting
 * until a wait of `quietMs` ending in a poll brings no new connection. Every response from then on carries
 * `Connection: close`. Then it stops listening, closes the idle keep-alive connections as they become idle, and
 * resolves when the last connection has ended, closing the remaining ones once `timeoutMs` has passed.
 */
export function gracefulCloser(server: Server, options: GracefulCloseOptions): () => Promise<void> {
  let closing = false;
  let connectionsSeen = 0;
  server.on('connection', () => {
    connectionsSeen++;
  });
  // Ahead of the application, which may answer before a later listener runs.
  server.prependListener('request', (_req, res) => {
    if (closing) res.setHeader('Connection', 'close');
  });

  return async () => {
    closing = true;
    const startedAt = Date.now();
    let hardStop: NodeJS.Timeout | undefined;
    try {
      let seen = connectionsSeen;
      do {
        await sleep(quietMs);
        await afterPoll();
        if (connectionsSeen === seen) break;
        seen = connectionsSeen;
      } while (Date.now() - startedAt < longestAcceptMs);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Armed once no connection can arrive any more, so that none accepted late escapes the deadline.
      hardStop = setTimeout(
        () => server.closeAllConnections(),
        Math.max(0, options.timeoutMs - (Date.now() - startedAt)),
      );
      // A keep-alive connection becomes idle once its last response is sent; it is closed then.
      const idleSweep = setInterval(() => server.closeIdleConnections(), 20);
      server.closeIdleConnections();
      await closed;
      clearInterval(idleSweep);
    } finally {
      clearTimeout(hardStop);
    }
  };
}
