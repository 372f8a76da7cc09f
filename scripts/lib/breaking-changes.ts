type Json = unknown;
type JsonObject = Record<string, Json>;

/** A bundled OpenAPI 3.1 document, references local (`#/components/...`). */
export interface ApiDocument {
  paths?: Record<string, JsonObject>;
  /** What the server posts to receivers: each event's `post`, whose request body receivers read as a response. */
  webhooks?: Record<string, JsonObject>;
  components?: JsonObject;
}

/** A change of the API that can break a client written against the earlier document. */
export interface BreakingChange {
  /** The operation as the earlier document names it: operationId and `METHOD /path`. */
  operation: string;
  /** Where in the operation: `request body.name`, `query parameter page`, `response 200 body.id`; empty for all of it. */
  where: string;
  change: string;
}

/** The one line that names a break, as the checker prints it and as an acknowledgement quotes it. */
export const describeBreak = ({ operation, where, change }: BreakingChange): string =>
  where === '' ? `${operation}: ${change}` : `${operation} ${where}: ${change}`;

/**
 * Which way a schema is read: clients send request schemas (the server must keep accepting what it accepted) and
 * receive response schemas (the server must keep sending what clients were promised).
 */
type Direction = 'request' | 'response';

const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/**
 * Compares two bundled documents operation by operation and returns each change that can break a client: a removed
 * operation or 2xx response, a removed response property or one no longer always present, a new required request
 * property or parameter, an enum value removed, a type a request no longer accepts or a response may now carry; and
 * the same of each webhook's body, which receivers read as a response.
 */
export function findBreakingChanges(before: ApiDocument, after: ApiDocument): BreakingChange[] {
  const changes: BreakingChange[] = [];
  const afterOperations = new Map(listOperations(after).map((operation) => [operation.key, operation]));
  for (const earlier of listOperations(before)) {
    const operation = `${earlier.operationId} (${earlier.method.toUpperCase()} ${earlier.path})`;
    const report = (where: string, change: string) => changes.push({ operation, where, change });
    const later = afterOperations.get(earlier.key);
    if (!later) {
      report('', 'operation removed');
      continue;
    }
    compareParameters(earlier, later, before, after, report);
    compareRequestBodies(earlier, later, before, after, report);
    compareResponses(earlier, later, before, after, report);
  }
  changes.push(...findBreakingWebhookChanges(before, after));
  return changes;
}

/**
 * The breaks of what the server posts to receivers: an event no longer delivered, or a body that no longer carries
 * what receivers were promised. A body is compared as a response is, since receivers read it as clients read answers.
 */
function findBreakingWebhookChanges(before: ApiDocument, after: ApiDocument): BreakingChange[] {
  const changes: BreakingChange[] = [];
  for (const [event, item] of Object.entries(before.webhooks ?? {})) {
    const earlier = asObject(resolve(before, item).post);
    const operation = `${typeof earlier.operationId === 'string' ? earlier.operationId : event} (webhook ${event})`;
    const report = (where: string, change: string) => changes.push({ operation, where, change });
    const laterItem = after.webhooks?.[event];
    const later = laterItem === undefined ? undefined : asObject(resolve(after, laterItem).post);
    if (!later?.requestBody) {
      report('', 'event no longer delivered');
      continue;
    }
    compareContents(
      asObject(earlier.requestBody && resolve(before, earlier.requestBody)).content,
      resolve(after, later.requestBody).content,
      { at: 'body', dropped: (mediaType) => `no longer sent as ${mediaType}` },
      { before, after, direction: 'response', where: 'body', report },
    );
  }
  return changes;
}

interface Operation {
  /** The method and the path with its parameters unnamed, so that renaming a path parameter keeps the operation. */
  key: string;
  operationId: string;
  method: string;
  path: string;
  parameters: JsonObject[];
  operation: JsonObject;
}

type Report = (where: string, change: string) => void;

function listOperations(document: ApiDocument): Operation[] {
  return Object.entries(document.paths ?? {}).flatMap(([path, item]) => {
    const pathItem = resolve(document, item);
    return methods
      .filter((method) => isObject(pathItem[method]))
      .map((method) => {
        const operation = pathItem[method] as JsonObject;
        return {
          key: `${method} ${path.replace(/\{[^}]*\}/g, '{}')}`,
          operationId: typeof operation.operationId === 'string' ? operation.operationId : `${method} ${path}`,
          method,
          path,
          parameters: mergeParameters(document, pathItem.parameters, operation.parameters),
          operation,
        };
      });
  });
}

/** The operation's parameters, its own overriding the path item's of the same name and place. */
function mergeParameters(document: ApiDocument, ...lists: Json[]): JsonObject[] {
  const byKey = new Map<string, JsonObject>();
  for (const list of lists) {
    for (const entry of Array.isArray(list) ? list : []) {
      const parameter = resolve(document, entry);
      byKey.set(`${parameter.in} ${parameter.name}`, parameter);
    }
  }
  return [...byKey.values()];
}

function compareParameters(
  earlier: Operation,
  later: Operation,
  before: ApiDocument,
  after: ApiDocument,
  report: Report,
): void {
  const earlierByKey = new Map(earlier.parameters.map((parameter) => [`${parameter.in} ${parameter.name}`, parameter]));
  for (const parameter of later.parameters) {
    const where = `${parameter.in} parameter ${parameter.name}`;
    const previous = earlierByKey.get(`${parameter.in} ${parameter.name}`);
    if (parameter.in === 'path') {
      if (previous)
        compareSchemas(previous.schema, parameter.schema, { before, after, direction: 'request', where, report });
      continue;
    }
    if (!previous) {
      if (parameter.required === true) report(where, 'new required parameter');
      continue;
    }
    if (parameter.required === true && previous.required !== true) report(where, 'now required');
    compareSchemas(previous.schema, parameter.schema, { before, after, direction: 'request', where, report });
  }
}

function compareRequestBodies(
  earlier: Operation,
  later: Operation,
  before: ApiDocument,
  after: ApiDocument,
  report: Report,
): void {
  const earlierBody = earlier.operation.requestBody ? resolve(before, earlier.operation.requestBody) : undefined;
  const laterBody = later.operation.requestBody ? resolve(after, later.operation.requestBody) : undefined;
  if (!laterBody) return;
  if (!earlierBody) {
    if (laterBody.required === true) report('request body', 'new required request body');
    return;
  }
  if (laterBody.required === true && earlierBody.required !== true) report('request body', 'now required');
  compareContents(
    earlierBody.content,
    laterBody.content,
    { at: 'request body', dropped: (mediaType) => `no longer accepts ${mediaType}` },
    { before, after, direction: 'request', where: 'request body', report },
  );
}

function compareResponses(
  earlier: Operation,
  later: Operation,
  before: ApiDocument,
  after: ApiDocument,
  report: Report,
): void {
  const laterResponses = asObject(later.operation.responses);
  for (const [status, earlierEntry] of Object.entries(asObject(earlier.operation.responses))) {
    const where = `response ${status}`;
    if (!(status in laterResponses)) {
      if (status.startsWith('2')) report(where, 'removed');
      continue;
    }
    compareContents(
      resolve(before, earlierEntry).content,
      resolve(after, laterResponses[status]).content,
      { at: where, dropped: (mediaType) => `no longer answers ${mediaType}` },
      { before, after, direction: 'response', where: `${where} body`, report },
    );
  }
}

/**
 * Compares a body's schemas media type by media type; a media type the later document no longer has is reported at
 * `at`, as `dropped` words it.
 */
function compareContents(
  earlier: Json,
  later: Json,
  { at, dropped }: { at: string; dropped: (mediaType: string) => string },
  comparison: Comparison,
): void {
  for (const [mediaType, earlierMedia] of Object.entries(asObject(earlier))) {
    const laterMedia = asObject(later)[mediaType];
    if (!isObject(laterMedia)) {
      comparison.report(at, dropped(mediaType));
      continue;
    }
    compareSchemas(asObject(earlierMedia).schema, laterMedia.schema, comparison);
  }
}

interface Comparison {
  before: ApiDocument;
  after: ApiDocument;
  direction: Direction;
  where: string;
  report: Report;
  /** The pairs of references being compared further up, so that a recursive schema ends. */
  seen?: Set<string>;
}

/** What a schema allows, with references resolved and compositions folded. */
interface SchemaView {
  /** Undefined when any type goes. */
  types: Set<string> | undefined;
  /** Undefined when any value goes. */
  values: Set<string> | undefined;
  properties: Map<string, Json[]>;
  required: Set<string>;
  items: Json[];
  additionalProperties: Json[];
}

function compareSchemas(earlier: Json, later: Json, comparison: Comparison): void {
  if (earlier === undefined || later === undefined) return;
  const seen = comparison.seen ?? new Set<string>();
  const pairKey = `${refOf(earlier)} ${refOf(later)}`;
  if (refOf(earlier) !== undefined && refOf(later) !== undefined) {
    if (seen.has(pairKey)) return;
    seen.add(pairKey);
  }
  const { before, after, direction, where, report } = comparison;
  const was = viewOf(before, earlier);
  const is = viewOf(after, later);
  compareTypes(was.types, is.types, direction, where, report);
  compareValues(was.values, is.values, direction, where, report);

  for (const [name, earlierSchemas] of was.properties) {
    const laterSchemas = is.properties.get(name);
    if (!laterSchemas) {
      if (direction === 'response') report(`${where}.${name}`, 'property removed');
      continue;
    }
    if (direction === 'response' && was.required.has(name) && !is.required.has(name)) {
      report(`${where}.${name}`, 'no longer always present');
    }
    compareSchemas(anyOf(earlierSchemas), anyOf(laterSchemas), { ...comparison, where: `${where}.${name}`, seen });
  }
  if (direction === 'request') {
    for (const name of is.required) {
      if (was.required.has(name)) continue;
      report(`${where}.${name}`, was.properties.has(name) ? 'now required' : 'new required property');
    }
  }
  if (was.items.length > 0 && is.items.length > 0) {
    compareSchemas(anyOf(was.items), anyOf(is.items), { ...comparison, where: `${where}[]`, seen });
  }
  if (was.additionalProperties.length > 0 && is.additionalProperties.length > 0) {
    compareSchemas(anyOf(was.additionalProperties), anyOf(is.additionalProperties), {
      ...comparison,
      where: `${where}.*`,
      seen,
    });
  }
  if (refOf(earlier) !== undefined && refOf(later) !== undefined) seen.delete(pairKey);
}

/**
 * A request breaks when it no longer accepts a type it accepted; a response breaks when it may carry a type it did
 * not. A type exchanged for another breaks both.
 */
function compareTypes(
  was: Set<string> | undefined,
  is: Set<string> | undefined,
  direction: Direction,
  where: string,
  report: Report,
): void {
  if (was === undefined && is === undefined) return;
  const narrower = direction === 'request' ? is : was;
  const wider = direction === 'request' ? was : is;
  if (narrower === undefined) return;
  const lost = wider === undefined ? ['any type'] : [...wider].filter((type) => !allows(narrower, type));
  if (lost.length > 0) report(where, `type changed from ${typeList(was)} to ${typeList(is)}`);
}

/** Whether a schema of `types` takes values of `type`: every integer is a number. */
const allows = (types: Set<string>, type: string) => types.has(type) || (type === 'integer' && types.has('number'));

const typeList = (types: Set<string> | undefined) => (types === undefined ? 'any' : [...types].sort().join(' | '));

/** An enum value removed breaks both ways: requests that sent it, clients that handle it. */
function compareValues(
  was: Set<string> | undefined,
  is: Set<string> | undefined,
  direction: Direction,
  where: string,
  report: Report,
): void {
  if (is === undefined) return;
  if (was === undefined) {
    if (direction === 'request') report(where, `now limited to ${[...is].join(', ')}`);
    return;
  }
  const removed = [...was].filter((value) => !is.has(value));
  if (removed.length > 0) report(where, `enum no longer has ${removed.join(', ')}`);
}

const anyOf = (schemas: Json[]): Json => (schemas.length === 1 ? schemas[0] : { anyOf: schemas });

function viewOf(document: ApiDocument, schema: Json, resolving: string[] = []): SchemaView {
  const ref = refOf(schema);
  if (ref !== undefined) {
    if (resolving.includes(ref)) return openView();
    return viewOf(document, { ...resolve(document, schema), ...withoutRef(schema) }, [...resolving, ref]);
  }
  if (!isObject(schema)) return openView();

  let view: SchemaView = {
    types: typesOf(schema),
    values: valuesOf(schema),
    properties: new Map(Object.entries(asObject(schema.properties)).map(([name, value]) => [name, [value]])),
    required: new Set(Array.isArray(schema.required) ? schema.required.map(String) : []),
    items: schema.items === undefined ? [] : [schema.items],
    additionalProperties: isObject(schema.additionalProperties) ? [schema.additionalProperties] : [],
  };
  if (Array.isArray(schema.allOf)) {
    for (const part of schema.allOf) view = intersect(view, viewOf(document, part, resolving));
  }
  for (const keyword of ['oneOf', 'anyOf']) {
    const alternatives = schema[keyword];
    if (Array.isArray(alternatives) && alternatives.length > 0) {
      view = intersect(view, alternatives.map((part) => viewOf(document, part, resolving)).reduce(unite));
    }
  }
  return view;
}

const openView = (): SchemaView => ({
  types: undefined,
  values: undefined,
  properties: new Map(),
  required: new Set(),
  items: [],
  additionalProperties: [],
});

/** What both views allow: the view of an `allOf`. */
function intersect(a: SchemaView, b: SchemaView): SchemaView {
  return {
    types: a.types === undefined ? b.types : b.types === undefined ? a.types : overlap(a.types, b.types),
    values: a.values === undefined ? b.values : b.values === undefined ? a.values : overlap(a.values, b.values),
    properties: mergeProperties(a.properties, b.properties),
    required: new Set([...a.required, ...b.required]),
    items: [...a.items, ...b.items],
    additionalProperties: [...a.additionalProperties, ...b.additionalProperties],
  };
}

/** What either view allows: the view of a `oneOf` or `anyOf`. */
function unite(a: SchemaView, b: SchemaView): SchemaView {
  return {
    types: a.types === undefined || b.types === undefined ? undefined : new Set([...a.types, ...b.types]),
    values: a.values === undefined || b.values === undefined ? undefined : new Set([...a.values, ...b.values]),
    properties: mergeProperties(a.properties, b.properties),
    required: overlap(a.required, b.required),
    items: [...a.items, ...b.items],
    additionalProperties: [...a.additionalProperties, ...b.additionalProperties],
  };
}

const overlap = (a: Set<string>, b: Set<string>) => new Set([...a].filter((entry) => b.has(entry)));

function mergeProperties(a: Map<string, Json[]>, b: Map<string, Json[]>): Map<string, Json[]> {
  const merged = new Map(a);
  for (const [name, schemas] of b) merged.set(name, [...(merged.get(name) ?? []), ...schemas]);
  return merged;
}

function typesOf(schema: JsonObject): Set<string> | undefined {
  if (typeof schema.type === 'string') return new Set([schema.type]);
  if (Array.isArray(schema.type)) return new Set(schema.type.map(String));
  return undefined;
}

function valuesOf(schema: JsonObject): Set<string> | undefined {
  if ('const' in schema) return new Set([JSON.stringify(schema.const)]);
  if (Array.isArray(schema.enum)) return new Set(schema.enum.map((value) => JSON.stringify(value)));
  return undefined;
}

function refOf(node: Json): string | undefined {
  return isObject(node) && typeof node.$ref === 'string' ? node.$ref : undefined;
}

function withoutRef(node: Json): JsonObject {
  const { $ref: _ref, ...rest } = asObject(node);
  return rest;
}

/** The node a local reference points to, or the node itself. */
function resolve(document: ApiDocument, node: Json, depth = 0): JsonObject {
  const ref = refOf(node);
  if (ref === undefined) return asObject(node);
  if (!ref.startsWith('#/') || depth > 50) throw new Error(`cannot resolve ${ref}`);
  const target = ref
    .slice(2)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<Json>((current, segment) => asObject(current)[segment], document);
  if (target === undefined) throw new Error(`${ref} points to nothing`);
  return resolve(document, target, depth + 1);
}

function isObject(node: Json): node is JsonObject {
  return typeof node === 'object' && node !== null && !Array.isArray(node);
}

const asObject = (node: Json): JsonObject => (isObject(node) ? node : {});

/** A break made on purpose, as `spec/breaking-changes.yaml` lists it. */
export interface Acknowledgement {
  /** The line the checker prints for the break. */
  break: string;
  reason: string;
}

/** The acknowledgements of a parsed `spec/breaking-changes.yaml`; throws on an entry without a break or a reason. */
export function readAcknowledgements(parsed: Json): Acknowledgement[] {
  const entries = asObject(parsed).acknowledged ?? [];
  if (!Array.isArray(entries)) throw new Error('`acknowledged` must be a list');
  return entries.map((entry, index) => {
    const { break: line, reason } = asObject(entry);
    if (typeof line !== 'string' || typeof reason !== 'string' || reason.trim() === '') {
      throw new Error(`acknowledged[${index}] needs a \`break\` (the line the checker prints) and a \`reason\``);
    }
    return { break: line, reason };
  });
}

/** Splits the breaks into those an acknowledgement quotes and the others. */
export function sortOutAcknowledged(
  changes: BreakingChange[],
  acknowledgements: Acknowledgement[],
): { acknowledged: BreakingChange[]; unacknowledged: BreakingChange[] } {
  const quoted = new Set(acknowledgements.map((acknowledgement) => acknowledgement.break.trim()));
  return {
    acknowledged: changes.filter((change) => quoted.has(describeBreak(change))),
    unacknowledged: changes.filter((change) => !quoted.has(describeBreak(change))),
  };
}
