import type { Request, RequestHandler } from 'express';
import { type FieldProblem, validationError } from '../errors/app-error';
import { resolvedOperationOf } from './resolved-operation';

/** How deep a JSON body may nest; free-form objects such as `custom_attributes` need a few levels, not thousands. */
export const maxJsonDepth = 32;

/** Where a value sits in the input, as the request validator names fields: `custom_attributes.note`, `payload.0`. */
const childName = (parent: string, key: string) => (parent === '' ? key : `${parent}.${key}`);

/** A UTF-16 surrogate without its pair: JSON can escape one (`"\ud800"`), but no UTF-8 text can hold it. */
const unpairedSurrogate = /\p{Surrogate}/u;

/** What a text or a key holds that no store keeps, as the end of a field problem's message; none when it is fine. */
function unstorable(text: string): string | undefined {
  if (text.includes('\u0000')) return 'the NUL character (U+0000)';
  if (unpairedSurrogate.test(text)) return 'an unpaired surrogate (U+D800 to U+DFFF)';
  return undefined;
}

/**
 * The problems of one input value: a NUL character in a text or a key (PostgreSQL refuses it in text and jsonb, and
 * SQLite's full-text search in a query), an unpaired surrogate (PostgreSQL refuses its escape in jsonb, where domain
 * events and free-form attributes are kept), or nesting past `maxJsonDepth` (serialising it back would overflow the
 * stack). The walk stops at the first problem of each branch and never goes deeper than the limit.
 */
function inspect(value: unknown, name: string, depth: number, problems: FieldProblem[]): void {
  if (typeof value === 'string') {
    const found = unstorable(value);
    if (found) problems.push({ attribute: name, message: `must not contain ${found}` });
    return;
  }
  if (value === null || typeof value !== 'object') return;
  if (depth >= maxJsonDepth) {
    problems.push({ attribute: name, message: `must not nest deeper than ${maxJsonDepth} levels` });
    return;
  }
  for (const [key, child] of Object.entries(value)) {
    const found = unstorable(key);
    if (found) {
      problems.push({ attribute: name || 'body', message: `must not have a key containing ${found}` });
      continue;
    }
    inspect(child, childName(name, key), depth + 1, problems);
  }
}

/**
 * Refuses, at the edge and the same way on both engines, input no store can keep: a 422 naming each offending field
 * of the path, the query or the body.
 */
export const refuseUnsafeInput: RequestHandler = (req, _res, next) => {
  const problems: FieldProblem[] = [];
  if (safeDecode(req.path).includes('\u0000'))
    problems.push({ attribute: 'path', message: 'must not contain the NUL character (U+0000)' });
  inspect(req.query, '', 0, problems);
  inspect(req.body, '', 0, problems);
  next(problems.length > 0 ? validationError(problems) : undefined);
};

/** The path as routes will read it; a malformed escape is left for the router to refuse. */
function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** The path parameters and query as the request validator coerced them to their spec types. */
function coercedParameters(req: Request): Array<[string, unknown]> {
  const pathParams = resolvedOperationOf(req)?.pathParams ?? {};
  return [...Object.entries(pathParams), ...Object.entries(req.query as Record<string, unknown>)];
}

/**
 * Refuses, after request validation, a path or query number that is not finite: the validator turns `Infinity` or
 * `1e309` into an infinite number and then skips its bounds (Ajv checks `minimum` and `maximum` of finite numbers
 * only), which PostgreSQL would refuse as an integer. A 422 naming the parameter, as an out-of-range id gets.
 */
export const refuseInfiniteNumbers: RequestHandler = (req, _res, next) => {
  const problems: FieldProblem[] = coercedParameters(req)
    .filter(([, value]) => [value].flat().some((item) => typeof item === 'number' && !Number.isFinite(item)))
    .map(([name]) => ({ attribute: name, message: 'must be a finite number' }));
  next(problems.length > 0 ? validationError(problems) : undefined);
};
