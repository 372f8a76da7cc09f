import type { ErrorRequestHandler } from 'express';

const methodOrder = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** The validator's refusal of a method the path's route does not define, with the methods it does define. */
interface MethodNotAllowed {
  status?: unknown;
  headers?: { Allow?: string };
}

/**
 * Sends `Allow` with a 405, as HTTP asks: the methods the spec defines on the route the request's path resolved to,
 * which the validator's refusal names, upper-cased and in a fixed order.
 */
export const announceAllowedMethods: ErrorRequestHandler = (error: MethodNotAllowed, _req, res, next) => {
  const allow = error?.status === 405 ? error.headers?.Allow : undefined;
  if (allow !== undefined && !res.headersSent) {
    const methods = new Set(allow.split(',').map((method) => method.trim().toUpperCase()));
    res.setHeader('Allow', methodOrder.filter((method) => methods.has(method)).join(', '));
  }
  next(error);
};
