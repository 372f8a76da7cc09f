import { readFileSync } from 'node:fs';

/** What the server reads of an operation; the rest of the operation object is left to the validator. */
export interface SpecOperationObject {
  operationId?: string;
  security?: Array<Record<string, string[]>>;
  [key: string]: unknown;
}

export interface SpecDocument {
  paths: Record<string, Record<string, SpecOperationObject>>;
  [key: string]: unknown;
}

/** The methods an operation may have, in the order the document's operations are walked. */
export const operationMethods = ['get', 'put', 'post', 'delete', 'patch'] as const;

export type OperationMethod = (typeof operationMethods)[number];

/** One operation of the document: where it is, and its object. */
export interface DocumentOperation {
  path: string;
  method: OperationMethod;
  operation: SpecOperationObject;
}

let cached: SpecDocument | undefined;

/** The bundled OpenAPI document that requests are validated against. */
export function loadSpecDocument(): SpecDocument {
  cached ??= JSON.parse(readFileSync(require.resolve('@inquirly/api-types/openapi.json'), 'utf8')) as SpecDocument;
  return cached;
}

let published: SpecDocument | undefined;

/**
 * The bundled document as generated, for those who read it (`GET /openapi.json`): a copy of its own, which the
 * request validator, given the other, never alters.
 */
export function publishedSpecDocument(): SpecDocument {
  published ??= JSON.parse(readFileSync(require.resolve('@inquirly/api-types/openapi.json'), 'utf8')) as SpecDocument;
  return published;
}

/** Every operation of the document, path by path in its order. */
export function operationsOf(document: SpecDocument): DocumentOperation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    operationMethods.flatMap((method) => {
      const operation = item[method];
      return operation ? [{ path, method, operation }] : [];
    }),
  );
}

/** What a local `$ref` (`#/components/schemas/Team`) points at in the document; throws when it points at nothing. */
export function resolveRef(document: SpecDocument, ref: string): unknown {
  const target = ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<unknown>(
      (parent, key) => (parent as Record<string, unknown> | undefined)?.[key.replace(/~1/g, '/').replace(/~0/g, '~')],
      document,
    );
  if (target === undefined) throw new Error(`the spec has no ${ref}`);
  return target;
}
