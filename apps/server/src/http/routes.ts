import { type RequestHandler, Router } from 'express';
import type { AccountMember } from '../auth/account-member';
import type { Caller } from '../auth/caller';
import type { Services } from '../services';
import type { HandlerContext, HandlerMap, OperationId } from './operation-types';
import type { SpecDocument } from './spec-document';

const methods = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** `/accounts/{account_id}` → `/accounts/:account_id` */
const toExpressPath = (path: string) => path.replace(/\{([^}]+)\}/g, ':$1');

interface OpenApiRequest {
  openapi?: { pathParams?: Record<string, unknown> };
}

/**
 * The path parameters as the validator coerced them to their spec types (`{id}` becomes a number); Express's own
 * `req.params` holds the raw strings.
 */
const pathParamsOf = (req: Parameters<RequestHandler>[0]) => (req as OpenApiRequest).openapi?.pathParams ?? req.params;

/** Where the request came from, for links handed back to the same client. */
function originOf(req: Parameters<RequestHandler>[0], publicUrl: string | undefined): string {
  return publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}

/** One route per operation of the spec, each calling its handler with typed input and rendering its result. */
export function operationRoutes(
  document: SpecDocument,
  handlers: HandlerMap,
  services: Services,
  publicUrl: string | undefined,
): Router {
  const router = Router();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of methods) {
      const operationId = item[method]?.operationId as OperationId | undefined;
      if (!operationId) continue;
      const handler = handlers[operationId] as (context: HandlerContext<OperationId>) => Promise<{
        status: number | string;
        body?: unknown;
      }>;
      router[method](toExpressPath(path), async (req, res, next) => {
        try {
          const result = await handler({
            path: pathParamsOf(req) as never,
            query: req.query as never,
            body: req.body as never,
            caller: res.locals.caller as Caller,
            member: res.locals.member as AccountMember | undefined,
            services,
            origin: originOf(req, publicUrl),
          });
          res.status(Number(result.status));
          if (result.body === undefined) res.end();
          else res.json(result.body);
        } catch (error) {
          next(error);
        }
      });
    }
  }
  return router;
}
