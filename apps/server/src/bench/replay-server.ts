import type { RequestListener } from 'node:http';

export interface RecordedReply {
  status: number;
  contentType: string;
  body: Buffer;
}

/** The status, content type and body bytes that `url` answers with (to a GET, or to `request`). */
export async function recordReply(
  url: string,
  headers: Record<string, string>,
  request: { method: 'GET' | 'POST'; body?: string } = { method: 'GET' },
): Promise<RecordedReply> {
  const response = await fetch(url, { headers, method: request.method, body: request.body });
  const body = Buffer.from(await response.arrayBuffer());
  const contentType = response.headers.get('content-type');
  if (!response.ok || contentType === null) {
    throw new Error(`${request.method} ${url} answered ${response.status} (${contentType}): ${body.toString('utf8')}`);
  }
  return { status: response.status, contentType, body };
}

/**
 * A bare node:http request listener that answers `method path` with the recorded bytes: the floor that any framework
 * work is measured against. Anything else gets a 404 so that a mistargeted load run shows up as non-2xx.
 */
export function replayListener(method: string, path: string, reply: RecordedReply): RequestListener {
  const headers = { 'content-type': reply.contentType, 'content-length': reply.body.length };
  return (req, res) => {
    if (req.method === method && req.url === path) {
      res.writeHead(reply.status, headers).end(reply.body);
    } else {
      res.writeHead(404).end();
    }
  };
}

/** Throws unless both replies carry the same status, content type and body bytes. */
export function assertSameReply(expected: RecordedReply, actual: RecordedReply): void {
  if (
    expected.status !== actual.status ||
    expected.contentType !== actual.contentType ||
    !expected.body.equals(actual.body)
  ) {
    throw new Error('the replay server does not answer the same bytes as the Express endpoint');
  }
}
