import express, { type Express, type RequestHandler } from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import type { Container } from './container';
import { appError } from './errors/app-error';
import { errorMiddleware } from './errors/error-middleware';
import { announceAllowedMethods } from './http/allowed-methods';
import { type AuthFailureLimit, authFailureLimiter } from './http/auth-failure-limit';
import { type ClientApiLimit, clientApiLimiter } from './http/client-api-limit';
import { crossOriginAccess } from './http/cross-origin';
import { handlers as registeredHandlers } from './http/handler-registry';
import { multipartUploads, type UploadLimits } from './http/multipart-uploads';
import type { OperationAccessRule } from './http/operation-access-rule';
import type { HandlerMap } from './http/operation-types';
import { refuseInfiniteNumbers, refuseUnsafeInput } from './http/refuse-unsafe-input';
import { requestBodyForms } from './http/request-body-forms';
import { requestLogging } from './http/request-logging';
import { normalizeArrayQuery, stripTrailingSlash } from './http/request-normalizers';
import { callerAdmission, operationRoutes } from './http/routes';
import { loadSpecDocument, type SpecDocument } from './http/spec-document';

export interface AppOptions {
  /** The composition root: services, database, clock and logger, built once per process. */
  container: Container;
  /** Validate every response against the spec; on outside production. */
  validateResponses?: boolean;
  publicUrl?: string;
  handlers?: HandlerMap;
  /** The document to serve, the bundled spec unless given; the bench adds operations to measure routing with. */
  document?: SpecDocument;
  /** The access rule of each operation, the generated ones unless given with a document of other operations. */
  access?: Record<string, OperationAccessRule>;
  /** Origins whose browsers may call the application and platform APIs; the client API answers any origin. */
  corsOrigins?: readonly string[];
  /** Refuses an address that keeps failing to authenticate; off unless given. */
  authFailureLimit?: AuthFailureLimit;
  /** Limits the requests to the client API per address and per inbox; off unless given. */
  clientApiLimit?: ClientApiLimit;
  /** How large the files of a `multipart/form-data` body may be, and where they wait: 40 MB, the temporary folder. */
  uploads?: UploadLimits;
}

/** The largest file an upload may carry unless the options say otherwise. */
const defaultMaxFileBytes = 40 * 1024 * 1024;

/** Largest JSON body the API accepts. */
export const bodyLimit = '1mb';

/**
 * The validator's middlewares with `steps` placed right after its route lookup: there the request's operation is
 * known, and its body not yet validated.
 */
function afterRouteLookup(validator: RequestHandler[], ...steps: RequestHandler[]): RequestHandler[] {
  const lookup = validator.findIndex((middleware) => middleware.name === 'metadataMiddleware');
  if (lookup < 0) throw new Error('express-openapi-validator no longer has a metadataMiddleware to follow');
  return [...validator.slice(0, lookup + 1), ...steps, ...validator.slice(lookup + 1)];
}

/** The Express application: validation, then one route per operation with its own access pipeline, one error middleware. */
export function createApp(options: AppOptions): Express {
  const { services, logger } = options.container;
  const document = options.document ?? loadSpecDocument();
  const authFailures = authFailureLimiter(options.authFailureLimit);
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');

  app.use(requestLogging(logger));
  app.use(crossOriginAccess(options.corsOrigins ?? []));
  app.use(authFailures.refuseBlocked);
  app.use(clientApiLimiter(options.clientApiLimit));
  app.use(stripTrailingSlash);
  app.use(express.json({ limit: bodyLimit, type: ['application/json', 'application/*+json'] }));
  app.use(normalizeArrayQuery);
  app.use(refuseUnsafeInput);
  app.use(
    afterRouteLookup(
      OpenApiValidator.middleware({
        apiSpec: structuredClone(document) as never,
        // `pnpm lint` checks the document with Redocly before it is generated; checking it again costs each app 0.2 s.
        validateApiSpec: false,
        validateRequests: { allowUnknownQueryParameters: true },
        validateResponses: options.validateResponses ?? false,
        validateSecurity: false,
        ignoreUndocumented: false,
        // Forms are read by `multipartUploads`, with the limits the validator's own reader would not hold.
        fileUploader: false,
      }),
      multipartUploads(document, {
        limits: options.uploads ?? { maxFileBytes: defaultMaxFileBytes },
        admit: callerAdmission(services, options.access),
      }),
      requestBodyForms(document),
    ),
  );
  app.use(refuseInfiniteNumbers);
  app.use(
    operationRoutes({
      document,
      handlers: options.handlers ?? registeredHandlers,
      services,
      publicUrl: options.publicUrl,
      ...(options.access && { access: options.access }),
    }),
  );
  app.use((_req, _res, next) => next(appError('ROUTE_NOT_FOUND')));
  app.use(announceAllowedMethods);
  app.use(authFailures.countFailure);
  app.use(errorMiddleware);
  return app;
}
