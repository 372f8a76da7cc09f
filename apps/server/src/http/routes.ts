import { type Request, Router } from 'express';
import { actorPipeline } from '../auth/actor-pipeline';
import type { Services } from '../services';
import { operationAccess } from './operation-access';
import type { HandlerContext, HandlerMap, OperationId } from './operation-types';
import type { SpecDocument } from './spec-document';

const methods = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** `/accounts/{account_id}` → `/accounts/:account_id` */
const toExpressPath = (path: string) => path.replace(/\{([^}]+)\}/g, ':$1');

/**
 * The path parameters as the validator coerced them to their spec types (`{id}` becomes a number); Express's own
 * `req.params` holds the raw strings.
 */
const pathParamsOf = (req: Request): Record<string, unknown> =>
  (req as { openapi?: { pathParams?: Record<string, unknown> } }).openapi?.pathParams ?? req.params;

/** Where the request came from, for links handed back to the same client. */
function originOf(req: Request, publicUrl: string | undefined): string {
  return publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}

type AnyHandler = (context: HandlerContext<OperationId>) => Promise<{ status: number | string; body?: unknown }>;

/**
 * One route per operation of the spec. Each carries its own pipeline, built from the operation's access rule: who
 * may call it, then its handler with typed input, then the rendering of its result.
 */
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
      const handler = handlers[operationId] as AnyHandler;
      const actorOf = actorPipeline(operationAccess[operationId], services);
      router[method](toExpressPath(path), async (req, res, next) => {
        try {
          const pathParams = pathParamsOf(req);
          const actor = await actorOf({
            headers: req.headers,
            accountId: typeof pathParams.account_id === 'number' ? pathParams.account_id : undefined,
          });
          const result = await handler({
            path: pathParams as never,
            query: req.query as never,
            body: req.body as never,
            actor: actor as never,
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
