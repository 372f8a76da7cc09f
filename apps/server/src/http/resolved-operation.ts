import type { Request } from 'express';

/** What the validator found a request to be: its operation, and its path parameters coerced to their spec types. */
export interface ResolvedOperation {
  schema?: { operationId?: string };
  pathParams?: Record<string, unknown>;
}

/** The operation the validator's route lookup resolved the request to, once it has run. */
export const resolvedOperationOf = (req: Request): ResolvedOperation | undefined =>
  (req as { openapi?: ResolvedOperation }).openapi;
