import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import type { CreatedMessage, MessageLoadOrder, MessageLoadResult } from './message-load';

/** One POST of a message with `content`; resolves with its status and the body's message id and conversation. */
function post(
  agent: Agent,
  url: URL,
  token: string,
  content: string,
): Promise<{ status: number; id?: number; conversationId?: number }> {
  const body = JSON.stringify({ content });
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      {
        agent,
        method: 'POST',
        headers: {
          api_access_token: token,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const status = response.statusCode ?? 0;
          if (status < 200 || status >= 300) {
            resolve({ status });
            return;
          }
          const answer = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { id: number; conversation_id: number };
          resolve({ status, id: answer.id, conversationId: answer.conversation_id });
        });
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/**
 * Sends messages to the conversations' message URLs over `connections` keep-alive connections, each sending its next
 * message as soon as the last is answered, the conversations taken in turn: for the warm-up time, then for the
 * measured time. Every answer is kept, the warm-up's too, so that all can be checked against the database.
 */
async function run(order: MessageLoadOrder): Promise<MessageLoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: order.connections });
  const urls = order.displayIds.map((displayId) => new URL(`${order.conversationsUrl}/${displayId}/messages`));
  const answers: CreatedMessage[] = [];
  const latencies: number[] = [];
  let sent = 0;
  let errors = 0;
  const warmupEnds = performance.now() + order.warmupSeconds * 1000;
  const ends = warmupEnds + order.durationSeconds * 1000;

  const connection = async () => {
    while (performance.now() < ends) {
      const index = sent++;
      const displayId = order.displayIds[index % urls.length]!;
      const content = `${order.contentPrefix} ${index}`;
      const started = performance.now();
      try {
        const answer = await post(agent, urls[index % urls.length]!, order.token, content);
        const finished = performance.now();
        // A request counts in the measured time when it ends there, as in autocannon.
        const measured = finished >= warmupEnds && finished < ends;
        if (measured) latencies.push(finished - started);
        answers.push({ displayId, content, measured, ...answer });
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: order.connections }, connection));
  agent.destroy();
  return { answers, latencies, errors };
}

if (parentPort) {
  const port = parentPort;
  run(workerData as MessageLoadOrder).then(
    (result) => port.postMessage(result),
    (error: unknown) => {
      throw error;
    },
  );
}
