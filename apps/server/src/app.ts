import { randomUUID } from 'node:crypto';
import express, { type Express } from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { authenticate } from './auth/authenticate';
import { authorizeAccount } from './auth/authorize-account';
import { type Clock, systemClock } from './config/clock';
import type { Database } from './db/connection';
import { appError } from './errors/app-error';
import { errorMiddleware } from './errors/error-middleware';
import { handlers as registeredHandlers } from './handlers/registry';
import type { HandlerMap } from './http/operation-types';
import { normalizeArrayQuery, stripTrailingSlash } from './http/request-normalizers';
import { operationRoutes } from './http/routes';
import { loadSpecDocument } from './http/spec-document';
import { createServices } from './services';

export interface AppOptions {
  db: Database;
  logger: Logger;
  clock?: Clock;
  /** Validate every response against the spec; on outside production. */
  validateResponses?: boolean;
  publicUrl?: string;
  handlers?: HandlerMap;
}

/** Largest JSON body the API accepts. */
export const bodyLimit = '1mb';

/** The Express application: validation, authentication, one route per operation, one error middleware. */
export function createApp(options: AppOptions): Express {
  const services = createServices(options.db, options.clock ?? systemClock);
  const document = loadSpecDocument();
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');

  app.use(
    pinoHttp({
      logger: options.logger,
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
  app.use(
    OpenApiValidator.middleware({
      apiSpec: structuredClone(document) as never,
      validateRequests: { allowUnknownQueryParameters: true },
      validateResponses: options.validateResponses ?? false,
      validateSecurity: false,
      ignoreUndocumented: false,
    }),
  );
  app.use(authenticate(services.accessTokens));
  app.use(authorizeAccount(services.accountMembers));
  app.use(operationRoutes(document, options.handlers ?? registeredHandlers, services, options.publicUrl));
  app.use((_req, _res, next) => next(appError('ROUTE_NOT_FOUND')));
  app.use(errorMiddleware);
  return app;
}
