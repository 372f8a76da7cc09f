import { randomUUID } from 'node:crypto';
import express, { type Express } from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import { pinoHttp } from 'pino-http';
import type { Container } from './container';
import { appError } from './errors/app-error';
import { errorMiddleware } from './errors/error-middleware';
import { handlers as registeredHandlers } from './http/handler-registry';
import type { HandlerMap } from './http/operation-types';
import { refuseInfiniteNumbers, refuseUnsafeInput } from './http/refuse-unsafe-input';
import { normalizeArrayQuery, stripTrailingSlash } from './http/request-normalizers';
import { operationRoutes } from './http/routes';
import { loadSpecDocument } from './http/spec-document';

export interface AppOptions {
  /** The composition root: services, database, clock and logger, built once per process. */
  container: Container;
  /** Validate every response against the spec; on outside production. */
  validateResponses?: boolean;
  publicUrl?: string;
  handlers?: HandlerMap;
}

/** Largest JSON body the API accepts. */
export const bodyLimit = '1mb';

/** The Express application: validation, then one route per operation with its own access pipeline, one error middleware. */
export function createApp(options: AppOptions): Express {
  const { services, logger } = options.container;
  const document = loadSpecDocument();
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');

  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && /^[\w.-]{1,128}$/.test(given) ? given : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
    }),
  );
  app.use(stripTrailingSlash);
  app.use(express.json({ limit: bodyLimit, type: ['application/json', 'application/*+json'] }));
  app.use(normalizeArrayQuery);
  app.use(refuseUnsafeInput);
  app.use(
    OpenApiValidator.middleware({
      apiSpec: structuredClone(document) as never,
      // `pnpm lint` checks the document with Redocly before it is generated; checking it again costs each app 0.2 s.
      validateApiSpec: false,
      validateRequests: { allowUnknownQueryParameters: true },
      validateResponses: options.validateResponses ?? false,
      validateSecurity: false,
      ignoreUndocumented: false,
    }),
  );
  app.use(refuseInfiniteNumbers);
  app.use(operationRoutes(document, options.handlers ?? registeredHandlers, services, options.publicUrl));
  app.use((_req, _res, next) => next(appError('ROUTE_NOT_FOUND')));
  app.use(errorMiddleware);
  return app;
}
