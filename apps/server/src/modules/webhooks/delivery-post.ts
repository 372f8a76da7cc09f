import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { isPrivateAddress, PrivateAddressError, publicOnlyLookup } from './network-guard';

/** How a delivery's request is made. */
export interface PostSettings {
  /** How long the connection and the answer may take together, in milliseconds (`WEBHOOK_TIMEOUT`). */
  timeoutMs: number;
  /** Whether loopback, private and link-local addresses may be reached (`WEBHOOK_ALLOW_PRIVATE_NETWORKS`). */
  allowPrivateNetworks: boolean;
}

/** What came of one attempt: the receiver's status, or why there was none. */
export type PostOutcome = { statusCode: number } | { error: string };

/** How much of a receiver's answer is read before the connection is closed: the body is not used. */
const answerReadLimit = 16 * 1024;

// Connections are kept for the next delivery to the same receiver; the lookup that guards them runs when each opens.
const guardedAgents = {
  http: new http.Agent({ keepAlive: true, lookup: publicOnlyLookup }),
  https: new https.Agent({ keepAlive: true, lookup: publicOnlyLookup }),
};
const openAgents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };

/**
 * Posts a delivery's body to `url` with `headers`. Redirects are not followed (a 3xx is an answer like any other),
 * the answer's body is read up to a small limit and dropped, and without `allowPrivateNetworks` the request never
 * reaches a private address, whether the URL names one or its host resolves to one.
 */
export function postDelivery(
  url: string,
  body: string,
  headers: Record<string, string>,
  settings: PostSettings,
): Promise<PostOutcome> {
  return new Promise((settle) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      settle({ error: 'the address is not a valid URL' });
      return;
    }
    const secure = target.protocol === 'https:';
    if (!secure && target.protocol !== 'http:') {
      settle({ error: `the address's scheme ${target.protocol} is not http or https` });
      return;
    }
    const host = target.hostname.replace(/^\[|\]$/g, '');
    if (!settings.allowPrivateNetworks && isIP(host) !== 0 && isPrivateAddress(host)) {
      settle({ error: new PrivateAddressError(host, host).message });
      return;
    }
    const agents = settings.allowPrivateNetworks ? openAgents : guardedAgents;
    const request = (secure ? https : http).request(target, {
      method: 'POST',
      agent: secure ? agents.https : agents.http,
      headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
      timeout: settings.timeoutMs,
    });
    const deadline = setTimeout(
      () => request.destroy(new Error(`no answer within ${settings.timeoutMs} ms`)),
      settings.timeoutMs,
    );
    request.on('response', (response) => {
      let read = 0;
      response.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read > answerReadLimit) response.destroy();
      });
      const done = () => {
        clearTimeout(deadline);
        settle({ statusCode: response.statusCode ?? 0 });
      };
      response.on('end', done);
      response.on('close', done);
      response.on('error', done);
    });
    request.on('timeout', () => request.destroy(new Error(`no answer within ${settings.timeoutMs} ms`)));
    request.on('error', (error) => {
      clearTimeout(deadline);
      settle({ error: error.message });
    });
    request.end(body);
  });
}
