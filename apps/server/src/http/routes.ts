import { setImmediate as turnOfOthers } from 'node:timers/promises';
import type { Request, RequestHandler } from 'express';
import { type ActorPipeline, actorPipeline } from '../auth/actor-pipeline';
import type { Services } from '../services';
import { FileBody, sendFileBody } from './file-body';
import { HtmlPage, sendHtmlPage } from './html-page';
import { uploadedFilesOf } from './multipart-uploads';
import { operationAccess } from './operation-access';
import type { OperationAccessRule } from './operation-access-rule';
import type { HandlerContext, HandlerMap, OperationId } from './operation-types';
import { resolvedOperationOf } from './resolved-operation';
import { operationsOf, type SpecDocument } from './spec-document';

/** Where the request came from, for links handed back to the same client. */
function originOf(req: Request, publicUrl: string | undefined): string {
  return publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}

/** The largest account id the spec's `account_id` parameter allows: PostgreSQL's `integer`. */
const largestAccountId = 2_147_483_647;

/** The path's account id, as the validator coerces it, or undefined when it will refuse it. */
function accountIdOf(pathParams: Record<string, unknown>): number | undefined {
  const given = pathParams.account_id;
  const id =
    typeof given === 'number' ? given : typeof given === 'string' && /^\d{1,15}$/.test(given) ? Number(given) : NaN;
  return Number.isInteger(id) && id >= 1 && id <= largestAccountId ? id : undefined;
}

type AnyHandler = (context: HandlerContext<OperationId>) => Promise<{ status: number | string; body?: unknown }>;

export interface OperationRouting {
  document: SpecDocument;
  handlers: HandlerMap;
  services: Services;
  publicUrl: string | undefined;
  /** The access rule of each operation: the generated ones unless the document carries others. */
  access?: Record<string, OperationAccessRule>;
}

/**
 * Runs the operation the validator resolved the request to. Each operation carries its own pipeline, built from its
 * access rule: who may call it, then its handler with typed input, then the rendering of its result. The validator has
 * already matched the path against the spec, so the operation is found by its id, in a map: the cost of finding it
 * does not grow with the number of operations, as walking a list of Express routes would.
 */
export function operationRoutes({
  document,
  handlers,
  services,
  publicUrl,
  access = operationAccess,
}: OperationRouting): RequestHandler {
  const routes = new Map<string, RequestHandler>();
  for (const { operation } of operationsOf(document)) {
    const operationId = operation.operationId as OperationId | undefined;
    if (!operationId) continue;
    const handler = (handlers as Record<string, AnyHandler>)[operationId];
    const rule = access[operationId];
    if (!handler || !rule) throw new Error(`Operation ${operationId} has no handler or no access rule`);
    const actorOf = actorPipeline(rule, services);
    routes.set(operationId, async (req, res, next) => {
      try {
        const pathParams = resolvedOperationOf(req)?.pathParams ?? {};
        const actor = await actorOf({
          headers: req.headers,
          accountId: typeof pathParams.account_id === 'number' ? pathParams.account_id : undefined,
        });
        // The request lets the others that are ready take a step twice: once its caller is known, and once its
        // answer is made. Handlers on SQLite never wait for the database, so without these turns the requests that
        // arrive together run one after the other from start to finish, and the last of them waits for all the
        // others before it even starts; with them they advance together, and the slowest answers come much sooner.
        await turnOfOthers();
        const result = await handler({
          path: pathParams as never,
          query: req.query as never,
          body: req.body as never,
          files: uploadedFilesOf(req),
          actor: actor as never,
          services,
          origin: originOf(req, publicUrl),
        });
        await turnOfOthers();
        if (result.body instanceof FileBody) await sendFileBody(res, Number(result.status), result.body);
        else if (result.body instanceof HtmlPage) sendHtmlPage(res, Number(result.status), result.body);
        else if (result.body === undefined) res.status(Number(result.status)).end();
        // A JSON null, which an operation answers only where its schema allows one, is sent as text: the response
        // validator hooks `res.json`, and turns a null there into a 204 without a body.
        else if (result.body === null) res.status(Number(result.status)).type('application/json').send('null');
        else res.status(Number(result.status)).json(result.body);
      } catch (error) {
        next(error);
      }
    });
  }
  return (req, res, next) => {
    const operationId = resolvedOperationOf(req)?.schema?.operationId;
    const route = operationId === undefined ? undefined : routes.get(operationId);
    if (!route) {
      next();
      return;
    }
    route(req, res, next);
  };
}

/**
 * Refuses a caller that may not call the request's operation, before its body is read: the decision of the
 * operation's pipeline, taken early for bodies that cost the server to read (uploads), and again by the route.
 */
export function callerAdmission(
  services: Services,
  access: Record<string, OperationAccessRule> = operationAccess,
): (req: Request) => Promise<void> {
  const pipelines = new Map<string, ActorPipeline>();
  return async (req) => {
    const resolved = resolvedOperationOf(req);
    const operationId = resolved?.schema?.operationId;
    const rule = operationId === undefined ? undefined : access[operationId];
    if (!operationId || !rule) return;
    let admit = pipelines.get(operationId);
    if (!admit) {
      admit = actorPipeline(rule, services);
      pipelines.set(operationId, admit);
    }
    await admit({ headers: req.headers, accountId: accountIdOf(resolved?.pathParams ?? {}) });
  };
}
