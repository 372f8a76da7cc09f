import type { RequestHandler } from 'express';
import { resolvedOperationOf } from './resolved-operation';
import { operationsOf, resolveRef, type SpecDocument } from './spec-document';

/**
 * The vendor extension of an operation naming the key under which it also accepts its body, as the reference's
 * Rails controllers do when they read `params.require(:key)`: `{"team": {"name": "x"}}` as well as `{"name": "x"}`.
 */
export const rootKeyExtension = 'x-root-key';

/** The parts of a JSON Schema that say where a request body holds integers, and where a form holds files. */
export interface Schema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  format?: string;
  maxItems?: number;
}

interface Operation {
  operationId?: string;
  requestBody?: { $ref?: string; content?: Record<string, { schema?: Schema }> };
  [rootKeyExtension]?: string;
}

/** What the reference's clients may send for one operation, and the schema its body is validated against. */
interface BodyForm {
  rootKey: string | undefined;
  schema: Schema;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A whole integer as text, such as `"5"`; Rails casts these where an integer is expected. */
const integerText = /^-?\d+$/;

/** The node, or what its `$ref` points at, followed to the end. */
export function resolve<T extends { $ref?: string }>(document: SpecDocument, node: T): T {
  return node.$ref ? resolve(document, resolveRef(document, node.$ref) as T) : node;
}

/** A schema and every schema it combines with `allOf`, `oneOf` or `anyOf`, resolved: all that may apply to a value. */
export function applicableSchemas(document: SpecDocument, schema: Schema): Schema[] {
  const resolved = resolve(document, schema);
  return [
    resolved,
    ...[...(resolved.allOf ?? []), ...(resolved.oneOf ?? []), ...(resolved.anyOf ?? [])].flatMap((part) =>
      applicableSchemas(document, part),
    ),
  ];
}

export const typesOf = (schema: Schema): string[] => (schema.type === undefined ? [] : [schema.type].flat());

/** Whether a schema takes strings: by its type, or by a string among its allowed values. */
const admitsString = (schema: Schema): boolean =>
  typesOf(schema).includes('string') ||
  typeof schema.const === 'string' ||
  (schema.enum ?? []).some((allowed) => typeof allowed === 'string');

/**
 * The value with each string of digits that stands where the schemas expect an integer, and never a string, turned
 * into that number: `"inbox_id": "5"` becomes `5`, `"user_ids": ["2"]` becomes `[2]`. Anything else is left for the
 * validator to judge, so `"abc"` is still refused naming its field. Objects and arrays are changed in place.
 */
function integersFromText(document: SpecDocument, value: unknown, schemas: Schema[]): unknown {
  if (schemas.length === 0) return value;
  const applicable = schemas.flatMap((schema) => applicableSchemas(document, schema));
  if (typeof value === 'string') {
    const integerExpected =
      applicable.some((schema) => typesOf(schema).includes('integer')) && !applicable.some(admitsString);
    if (integerExpected && integerText.test(value) && Number.isSafeInteger(Number(value))) return Number(value);
    return value;
  }
  if (Array.isArray(value)) {
    const itemSchemas = applicable.flatMap((schema) => (schema.items ? [schema.items] : []));
    value.forEach((item, index) => {
      value[index] = integersFromText(document, item, itemSchemas);
    });
    return value;
  }
  if (isPlainObject(value)) {
    for (const [key, child] of Object.entries(value)) {
      value[key] = integersFromText(document, child, childSchemas(applicable, key));
    }
  }
  return value;
}

/** The schemas that apply to the child of `applicable` under `key`. */
function childSchemas(applicable: Schema[], key: string): Schema[] {
  return applicable.flatMap((schema) => {
    if (schema.properties && Object.hasOwn(schema.properties, key)) return [schema.properties[key] as Schema];
    return isPlainObject(schema.additionalProperties) ? [schema.additionalProperties] : [];
  });
}

/**
 * The text fields of a form as the JSON values their schemas take: a text where no schema takes a string is read as
 * JSON (`"true"`, `"5"`, `'{"a": 1}'`), as OpenAPI encodes such fields of a form; a text that is not JSON is left for
 * the validator to refuse, naming its field. Objects and arrays are changed in place.
 */
function valuesFromFormText(document: SpecDocument, value: unknown, schemas: Schema[]): unknown {
  if (schemas.length === 0) return value;
  const applicable = schemas.flatMap((schema) => applicableSchemas(document, schema));
  if (typeof value === 'string') {
    if (applicable.some(admitsString)) return value;
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  if (Array.isArray(value)) {
    const itemSchemas = applicable.flatMap((schema) => (schema.items ? [schema.items] : []));
    value.forEach((item, index) => {
      value[index] = valuesFromFormText(document, item, itemSchemas);
    });
    return value;
  }
  if (isPlainObject(value)) {
    for (const [key, child] of Object.entries(value)) {
      value[key] = valuesFromFormText(document, child, childSchemas(applicable, key));
    }
  }
  return value;
}

/**
 * The body as the operation reads it. A body whose root key holds an object is unwrapped; a field given both inside
 * and beside the root key takes the value inside, as Rails does (its params wrapper stands aside when the root key is
 * present, and the controller reads the wrapped object), while the other fields beside it are kept and validated.
 */
function normalizeBody(document: SpecDocument, body: Record<string, unknown>, form: BodyForm): unknown {
  return integersFromText(document, unwrap(body, form), [form.schema]);
}

function unwrap(body: Record<string, unknown>, form: BodyForm): Record<string, unknown> {
  if (form.rootKey === undefined || !isPlainObject(body[form.rootKey])) return body;
  const { [form.rootKey]: wrapped, ...beside } = body;
  return { ...beside, ...(wrapped as Record<string, unknown>) };
}

/** The JSON body schema and root key of an operation; throws on a root key the body could not be told apart from. */
function bodyFormOf(document: SpecDocument, operation: Operation, where: string): BodyForm | undefined {
  const rootKey = operation[rootKeyExtension];
  const schema = operation.requestBody
    ? resolve(document, operation.requestBody).content?.['application/json']?.schema
    : undefined;
  if (!schema) {
    if (rootKey !== undefined) throw new Error(`${where}: ${rootKeyExtension} is set but it takes no JSON body`);
    return undefined;
  }
  if (
    rootKey !== undefined &&
    applicableSchemas(document, schema).some((part) => part.properties && Object.hasOwn(part.properties, rootKey))
  ) {
    throw new Error(`${where}: its ${rootKeyExtension} "${rootKey}" is also a field of its body`);
  }
  return { rootKey, schema };
}

/** The JSON body form of each operation that takes one, by operation id. */
function bodyFormsOf(document: SpecDocument): Map<string, BodyForm> {
  const forms = new Map<string, BodyForm>();
  for (const { path, method, operation } of operationsOf(document)) {
    const form = bodyFormOf(
      document,
      operation as Operation,
      operation.operationId ?? `${method.toUpperCase()} ${path}`,
    );
    if (form && operation.operationId) forms.set(operation.operationId, form);
  }
  return forms;
}

/**
 * Reads the text fields of a multipart form as the operation's JSON body, which its form must also take: unwrapped
 * from the operation's root key, and each text read as JSON where the body's schema takes no string there.
 */
export function formFieldReader(
  document: SpecDocument,
): (operationId: string, fields: Record<string, unknown>) => unknown {
  const forms = bodyFormsOf(document);
  return (operationId, fields) => {
    const form = forms.get(operationId);
    if (!form) throw new Error(`${operationId} takes a form but no JSON body to read its fields as`);
    return valuesFromFormText(document, unwrap(fields, form), [form.schema]);
  };
}

/**
 * Accepts request bodies in the forms the reference accepts them, before they are validated against the spec: the
 * body of an operation with an `x-root-key` with or without that root key, and integer fields as strings of digits.
 * Handlers see the one form the spec describes. It runs once the validator has resolved the request's operation, and
 * finds the operation's form by its id.
 */
export function requestBodyForms(document: SpecDocument): RequestHandler {
  const forms = bodyFormsOf(document);
  return (req, _res, next) => {
    const operationId = resolvedOperationOf(req)?.schema?.operationId;
    const form = operationId === undefined ? undefined : forms.get(operationId);
    if (form && isPlainObject(req.body)) req.body = normalizeBody(document, req.body, form);
    next();
  };
}
