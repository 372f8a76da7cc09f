import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from 'pino';
import { type AppOptions, createApp } from '../app';
import { type Clock, systemClock } from '../config/clock';
import { type Container, type ContainerOptions, createContainer } from '../container';
import type { Database } from '../db/connection';
import type { EventConsumer } from '../events/domain-event';
import { answerMalformedRequestsInJson } from '../http/malformed-requests';
import { createLogger } from '../logger';
import type { AttachmentStorage } from '../modules/attachments/attachment-storage';
import { localDiskStorage } from '../modules/attachments/local-disk-storage';
import type { Services } from '../services';
import { createTestDatabase } from './test-database';

export interface TestResponse<Body = any> {
  status: number;
  headers: Headers;
  body: Body;
}

/** A response as it came, its body not parsed. */
export interface RawTestResponse {
  status: number;
  headers: Headers;
  text: string;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  /** Sent as is, instead of `body` as JSON. */
  rawBody?: string;
  headers?: Record<string, string>;
}

export interface TestServer {
  url: string;
  db: Database;
  /** The database's `DATABASE_URL`, for a second process on the same data. */
  databaseUrl: string;
  services: Services;
  /** The composition root the app runs on: its dispatcher hands recorded events to the consumers given. */
  container: Container;
  request<Body = any>(method: string, path: string, options?: RequestOptions): Promise<TestResponse<Body>>;
  /** The same request, answered with the body's text: for callers that check the body is JSON at all. */
  requestRaw(method: string, path: string, options?: RequestOptions): Promise<RawTestResponse>;
  /** A new platform app; returns its token. */
  createPlatformApp(name?: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The real application on a fresh database and an ephemeral port, validating its own responses. It logs at the level
 * `LOG_LEVEL` names, silent without one: `LOG_LEVEL=error` shows the cause of a 500.
 */
export async function startTestServer(
  options: {
    clock?: Clock;
    consumers?: EventConsumer[];
    /** Where the app logs, instead of a logger at `LOG_LEVEL`. */
    logger?: Logger;
    /**
     * The app's CORS origins, authentication failure limit and client API limit, off unless given; its upload limits; a document
     * of other operations, with their handlers and access rules.
     */
    app?: Pick<
      AppOptions,
      'corsOrigins' | 'authFailureLimit' | 'clientApiLimit' | 'uploads' | 'document' | 'handlers' | 'access'
    >;
    /** Where attachments are kept: a folder of the run's own, removed with the server, unless given. */
    storage?: AttachmentStorage;
    /** `SECRET_KEY_BASE`; the database keeps a generated one unless given. */
    secretKeyBase?: string;
    /** How deliveries are posted; tests that receive them on this machine allow private networks. */
    webhookDelivery?: ContainerOptions['webhookDelivery'];
  } = {},
): Promise<TestServer> {
  const database = await createTestDatabase();
  const clock = options.clock ?? systemClock;
  const storageFolder = mkdtempSync(path.join(os.tmpdir(), 'inquirly-test-storage-'));
  const container = createContainer({
    db: database.db,
    clock,
    logger: options.logger ?? createLogger(process.env.LOG_LEVEL || 'silent'),
    consumers: options.consumers ?? [],
    storage: options.storage ?? localDiskStorage(storageFolder),
    ...(options.secretKeyBase && { secretKeyBase: options.secretKeyBase }),
    ...(options.webhookDelivery && { webhookDelivery: options.webhookDelivery }),
  });
  const app = createApp({ ...options.app, container, validateResponses: true });
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  answerMalformedRequestsInJson(server);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const agent = new Agent({ keepAlive: true });
  const { services } = container;

  const requestRaw = (
    method: string,
    path: string,
    { token, body, rawBody, headers = {} }: RequestOptions = {},
  ): Promise<RawTestResponse> => {
    const payload = rawBody ?? (body === undefined ? undefined : JSON.stringify(body));
    return send(agent, new URL(url + path), {
      method,
      headers: {
        ...(token !== undefined && { api_access_token: token }),
        ...(payload !== undefined && { 'content-type': 'application/json' }),
        ...headers,
      },
      payload,
    });
  };

  return {
    url,
    db: database.db,
    databaseUrl: database.url,
    services,
    container,
    requestRaw,
    async request(method, path, options) {
      const response = await requestRaw(method, path, options);
      return {
        status: response.status,
        headers: response.headers,
        body: response.text ? JSON.parse(response.text) : undefined,
      };
    },
    async createPlatformApp(name = 'Test platform app') {
      return (await services.platformApps.create(name)).token;
    },
    async close() {
      await container.stopBackgroundWork();
      agent.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database.drop();
      rmSync(storageFolder, { recursive: true, force: true });
    },
  };
}

/**
 * One request through `node:http`, over the connections the agent keeps open: fetch spends about half a millisecond
 * more CPU per request, and a run of the suite sends thousands.
 */
function send(
  agent: Agent,
  target: URL,
  options: { method: string; headers: Record<string, string>; payload: string | undefined },
): Promise<RawTestResponse> {
  return new Promise((resolve, reject) => {
    // Node frames a body by its length only when told it, for methods such as DELETE.
    const length =
      options.payload === undefined ? {} : { 'content-length': String(Buffer.byteLength(options.payload)) };
    const headers = { ...length, ...options.headers };
    const outgoing = request(target, { agent, method: options.method, headers }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('error', reject);
      incoming.on('end', () => {
        const received = new Headers();
        for (let index = 0; index < incoming.rawHeaders.length; index += 2) {
          received.append(incoming.rawHeaders[index] as string, incoming.rawHeaders[index + 1] as string);
        }
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: incoming.statusCode as number, headers: received, text });
      });
    });
    outgoing.on('error', reject);
    outgoing.end(options.payload);
  });
}
