import type { Request, Response } from 'express';
import type { Services } from '../services';
import type { HandlerMap } from './operation-types';
import { operationRoutes } from './routes';
import { loadSpecDocument } from './spec-document';

test('requests that arrive together advance together instead of one after the other', async () => {
  const steps: string[] = [];
  const getHealth = async ({ query }: { query: { name: string } }) => {
    steps.push(`${query.name} handled`);
    return { status: 200, body: { status: 'up', database: 'up' } };
  };
  const route = operationRoutes({
    document: loadSpecDocument(),
    // Every operation needs a handler; only the health check is called.
    handlers: new Proxy({}, { get: () => getHealth }) as HandlerMap,
    services: {} as Services,
    publicUrl: 'http://localhost',
  });
  const answer = (name: string) =>
    new Promise<void>((resolve, reject) => {
      const req = { headers: {}, query: { name }, openapi: { schema: { operationId: 'getHealth' }, pathParams: {} } };
      const res = {
        status: () => res,
        json: () => {
          steps.push(`${name} answered`);
          resolve();
        },
      };
      // Each request starts in a callback of its own, as each arrives on a socket of its own.
      setImmediate(() => route(req as unknown as Request, res as unknown as Response, reject));
    });
  await Promise.all([answer('first'), answer('second')]);
  expect(steps).toEqual(['first handled', 'second handled', 'first answered', 'second answered']);
});
