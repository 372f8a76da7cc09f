import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';

/** What the bench asks the receiver: to listen (again, on the same port), to stop, or for what arrived. */
export type ReceiverOrder = { type: 'start' } | { type: 'stop' } | { type: 'report' };

/** What the receiver answers: its port once listening, that it stopped, or each delivery's arrival times. */
export type ReceiverReply =
  | { type: 'listening'; port: number }
  | { type: 'stopped' }
  | { type: 'report'; arrivals: Array<[string, number[]]> };

const arrivals = new Map<string, number[]>();
let server: Server | undefined;
let port = 0;

const reply = (message: ReceiverReply) => parentPort?.postMessage(message);

/**
 * A webhook receiver on a thread of its own, as a receiver is another program: it records when each delivery arrived
 * (as absolute milliseconds, comparable with the bench's thread), keyed by the webhook's path and the message id.
 */
parentPort?.on('message', (order: ReceiverOrder) => {
  if (order.type === 'start') {
    const listening = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { id: number };
        const key = `${req.url}:${body.id}`;
        const times = arrivals.get(key) ?? [];
        times.push(performance.timeOrigin + performance.now());
        arrivals.set(key, times);
        res.writeHead(200).end();
      });
    });
    listening.listen(port, '127.0.0.1', () => {
      port = (listening.address() as AddressInfo).port;
      server = listening;
      reply({ type: 'listening', port });
    });
  } else if (order.type === 'stop') {
    const stopping = server;
    server = undefined;
    stopping?.closeAllConnections();
    stopping?.close(() => reply({ type: 'stopped' }));
    if (!stopping) reply({ type: 'stopped' });
  } else {
    reply({ type: 'report', arrivals: [...arrivals] });
  }
});
