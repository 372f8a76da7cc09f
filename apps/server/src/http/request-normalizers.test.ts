import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import { normalizeArrayQuery, stripTrailingSlash } from './request-normalizers';

const document = {
  openapi: '3.1.0',
  info: { title: 'normalizers', version: '1' },
  paths: {
    '/items': {
      get: {
        operationId: 'listItems',
        parameters: [
          { name: 'labels', in: 'query', schema: { type: 'array', items: { type: 'string' } } },
          { name: 'page', in: 'query', schema: { type: 'integer' } },
        ],
        responses: { '200': { description: 'ok' } },
      },
    },
  },
};

let server: Server;
let url: string;
beforeAll(async () => {
  const app = express();
  app.use(stripTrailingSlash);
  app.use(normalizeArrayQuery);
  app.use(OpenApiValidator.middleware({ apiSpec: document as never, validateRequests: true }));
  app.get('/items', (req, res) => {
    res.json({ query: req.query });
  });
  app.use(((error, _req, res, _next) => {
    res.status(error.status ?? 500).json({ error: error.message });
  }) as express.ErrorRequestHandler);
  server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const queryOf = async (path: string) => {
  const response = await fetch(url + path);
  expect(response.status).toBe(200);
  return ((await response.json()) as { query: Record<string, unknown> }).query;
};

test.each([
  ['/items?labels=a&labels=b', ['a', 'b']],
  ['/items?labels[]=a&labels[]=b', ['a', 'b']],
  ['/items?labels%5B%5D=a&labels%5B%5D=b', ['a', 'b']],
  ['/items?labels[]=a', ['a']],
  ['/items?labels=a', ['a']],
])('%s reads labels as %j', async (path, labels) => {
  expect((await queryOf(path)).labels).toEqual(labels);
});

test('other parameters keep their single values', async () => {
  expect(await queryOf('/items?labels[]=a&page=2')).toEqual({ labels: ['a'], page: 2 });
});

test('a trailing slash is dropped before matching, the query kept', async () => {
  expect(await queryOf('/items/?labels[]=x')).toEqual({ labels: ['x'] });
});
