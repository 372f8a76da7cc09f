import { readFileSync } from 'node:fs';

export interface SpecDocument {
  paths: Record<string, Record<string, { operationId?: string; security?: Array<Record<string, string[]>> }>>;
  [key: string]: unknown;
}

let cached: SpecDocument | undefined;

/** The bundled OpenAPI document that requests are validated against. */
export function loadSpecDocument(): SpecDocument {
  cached ??= JSON.parse(readFileSync(require.resolve('@inquirly/api-types/openapi.json'), 'utf8')) as SpecDocument;
  return cached;
}
