import type { ErrorRequestHandler } from 'express';
import type { SpecDocument } from './spec-document';

const methodOrder = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** `/accounts/{account_id}/teams` → a pattern matching `/accounts/7/teams`. */
function patternOf(template: string): RegExp {
  const segments = template
    .split(/\{[^}]+\}/)
    .map((literal) => literal.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
    .join('[^/]+');
  return new RegExp(`^${segments}$`);
}

/**
 * The methods the spec defines at a request path, for the `Allow` header of a 405: the union over every path template
 * the request path matches, since each of those methods would be routed.
 */
export function allowedMethodsOf(document: SpecDocument): (path: string) => string[] {
  const templates = Object.entries(document.paths).map(([template, item]) => ({
    pattern: patternOf(template),
    methods: methodOrder.filter((method) => item[method]?.operationId),
  }));
  return (path) => {
    const allowed = new Set(templates.filter(({ pattern }) => pattern.test(path)).flatMap(({ methods }) => methods));
    return methodOrder.filter((method) => allowed.has(method)).map((method) => method.toUpperCase());
  };
}

/** Sends `Allow` with a 405, as HTTP asks, naming the methods the spec defines for the path. */
export function announceAllowedMethods(document: SpecDocument): ErrorRequestHandler {
  const allowedAt = allowedMethodsOf(document);
  return (error: { status?: unknown }, req, res, next) => {
    if (error?.status === 405 && !res.headersSent) res.setHeader('Allow', allowedAt(req.path).join(', '));
    next(error);
  };
}
