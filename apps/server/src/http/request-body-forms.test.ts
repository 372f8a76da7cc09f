import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { requestBodyForms } from './request-body-forms';
import type { SpecDocument } from './spec-document';

const jsonBody = (schema: unknown) => ({ content: { 'application/json': { schema } } });

const document = {
  openapi: '3.1.0',
  info: { title: 'body forms', version: '1' },
  paths: {
    '/items/{id}': {
      patch: {
        operationId: 'updateItem',
        'x-root-key': 'item',
        requestBody: { $ref: '#/components/requestBodies/ItemUpdate' },
        responses: { '200': { description: 'ok' } },
      },
    },
  },
  components: {
    requestBodies: { ItemUpdate: jsonBody({ $ref: '#/components/schemas/ItemUpdate' }) },
    schemas: {
      ItemUpdate: {
        type: 'object',
        allOf: [{ properties: { count: { type: 'integer' } } }],
        properties: {
          label: { type: 'string' },
          code: { type: ['string', 'integer'] },
          kind: { anyOf: [{ type: 'integer' }, { enum: ['small'] }] },
          ref: { oneOf: [{ type: 'integer' }, { type: 'string', pattern: '^[a-z]+$' }] },
        },
      },
    },
  },
};

let server: Server;
let url: string;
beforeAll(async () => {
  const app = express();
  app.use(express.json());
  // The validator's route lookup, as far as the middleware reads it: the one operation is PATCH /items/{id}.
  app.use((req, _res, next) => {
    if (req.method === 'PATCH' && req.path.startsWith('/items/'))
      Object.assign(req, { openapi: { schema: { operationId: 'updateItem' } } });
    next();
  });
  app.use(requestBodyForms(document as unknown as SpecDocument));
  app.use((req, res) => {
    res.json({ body: req.body });
  });
  server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const bodyAfter = async (method: string, path: string, body: unknown) => {
  const response = await fetch(url + path, {
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return ((await response.json()) as { body: unknown }).body;
};

test('a string of digits becomes a number only where the schemas expect an integer and never text', async () => {
  const given = { item: { count: '3', label: '4', code: '5', kind: '1', ref: '6' } };
  expect(await bodyAfter('PATCH', '/items/7', given)).toEqual({
    count: 3,
    label: '4',
    code: '5',
    kind: '1',
    ref: '6',
  });
});

test('bodies of other routes and methods pass untouched', async () => {
  expect(await bodyAfter('PATCH', '/other/7', { item: { count: '3' } })).toEqual({ item: { count: '3' } });
  expect(await bodyAfter('POST', '/items/7', { item: { count: '3' } })).toEqual({ item: { count: '3' } });
});

const withOperation = (operation: Record<string, unknown>) =>
  ({ ...document, paths: { '/things': { post: { operationId: 'createThing', ...operation } } } }) as never;

test('refuses, at startup, a root key on an operation without a JSON body', () => {
  expect(() => requestBodyForms(withOperation({ 'x-root-key': 'thing' }))).toThrow(
    'createThing: x-root-key is set but it takes no JSON body',
  );
});

test('refuses, at startup, a root key that is also a field of the body', () => {
  const requestBody = jsonBody({ type: 'object', properties: { thing: { type: 'object' } } });
  expect(() => requestBodyForms(withOperation({ 'x-root-key': 'thing', requestBody }))).toThrow(
    'createThing: its x-root-key "thing" is also a field of its body',
  );
});
