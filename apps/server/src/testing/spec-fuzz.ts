import fc, { type Arbitrary } from 'fast-check';
import { operationsOf, resolveRef, type SpecDocument } from '../http/spec-document';
import { createAccountFixture } from './account-fixture';
import { type JsonSchema, junkNumber, junkString, nested, SchemaArbitraries } from './schema-arbitraries';
import type { RawTestResponse, TestServer } from './test-server';

export interface SpecParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  schema: JsonSchema;
}

/** One operation of the spec, with its parameters and references followed. */
export interface SpecOperation {
  operationId: string;
  method: string;
  /** The path template, such as `/api/v1/accounts/{account_id}/teams/{team_id}`. */
  path: string;
  parameters: SpecParameter[];
  body?: { schema: JsonSchema; example?: unknown };
  /** The security schemes any of which the operation accepts; none when it is open. */
  schemes: string[];
  /** The fields of its `multipart/form-data` body that take files, when it also takes its body as a form. */
  fileFields?: string[];
  /** The statuses it answers with an HTML page rather than JSON, as a page a browser opens does. */
  pageStatuses: number[];
}

/** A request as sent: the path with its query, the headers, the body's text. */
export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** Where the fuzzed operations run: the caller's tokens, accounts and the records that exist. */
export interface FuzzSetting {
  /** A token for each security scheme the spec uses. */
  credentials: Record<string, string>;
  /** Tokens that should not open the operation at hand: of another scheme, of a non-administrator, of nobody. */
  strangerTokens: string[];
  /** The account the credentials' user administers, and an account of someone else. */
  accountId: number;
  otherAccountId: number;
  /** Ids of records, by the collection path (template) whose POST created them. */
  idsByCollection: Map<string, number[]>;
  /** The ids of the fixture's account and users and of every record created, whatever their kind. */
  existingIds: number[];
}

/** Every operation of the document, in its order. */
export function specOperations(document: SpecDocument): SpecOperation[] {
  const deref = (value: JsonSchema): JsonSchema =>
    typeof value.$ref === 'string' ? deref(resolveRef(document, value.$ref) as JsonSchema) : value;
  const operations: SpecOperation[] = [];
  for (const { path, method, operation } of operationsOf(document)) {
    const shared = ((document.paths[path] as JsonSchema).parameters as JsonSchema[] | undefined) ?? [];
    const own = (operation.parameters as JsonSchema[] | undefined) ?? [];
    const byKey = new Map<string, SpecParameter>();
    for (const parameter of [...shared, ...own].map(deref)) {
      byKey.set(`${parameter.in}:${parameter.name}`, {
        name: parameter.name as string,
        in: parameter.in as SpecParameter['in'],
        required: parameter.required === true,
        schema: (parameter.schema as JsonSchema | undefined) ?? {},
      });
    }
    const requestBody = operation.requestBody ? deref(operation.requestBody as JsonSchema) : undefined;
    const content = requestBody?.content as Record<string, JsonSchema> | undefined;
    const media = content?.['application/json'];
    const form = content?.['multipart/form-data']?.schema as JsonSchema | undefined;
    const schema = (media?.schema as JsonSchema | undefined) ?? {};
    const example = media?.example ?? deref(schema).example;
    const security = (operation.security ?? document.security ?? []) as Array<Record<string, string[]>>;
    const responses = (operation.responses ?? {}) as Record<string, JsonSchema>;
    const pageStatuses = Object.entries(responses)
      .filter(([, response]) => (deref(response).content as JsonSchema | undefined)?.['text/html'] !== undefined)
      .map(([status]) => Number(status));
    operations.push({
      operationId: operation.operationId as string,
      method: method.toUpperCase(),
      path,
      parameters: [...byKey.values()],
      ...(media && { body: { schema, example } }),
      schemes: security.flatMap((requirement) => Object.keys(requirement)),
      ...(form && { fileFields: fileFieldsOf(form, deref) }),
      pageStatuses,
    });
  }
  return operations;
}

const isFileSchema = (schema: JsonSchema) => schema.type === 'string' && schema.format === 'binary';

/** The properties of a form's schema, or of the schemas it combines with `allOf`, that take files. */
function fileFieldsOf(form: JsonSchema, deref: (value: JsonSchema) => JsonSchema): string[] {
  const schema = deref(form);
  const own = Object.entries((schema.properties as Record<string, JsonSchema> | undefined) ?? {})
    .filter(([, property]) => {
      const field = deref(property);
      return isFileSchema(field) || (field.items !== undefined && isFileSchema(deref(field.items as JsonSchema)));
    })
    .map(([name]) => name);
  const combined = ((schema.allOf as JsonSchema[] | undefined) ?? []).flatMap((part) => fileFieldsOf(part, deref));
  return [...own, ...combined];
}

const formBoundary = 'fuzz-form-boundary';

/** One part of a form, its field name escaped as browsers escape it. */
const formPart = (name: string, value: string, file?: { fileName: string; contentType: string }) =>
  [
    `--${formBoundary}`,
    `Content-Disposition: form-data; name="${name.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}"${
      file ? `; filename="${file.fileName}"` : ''
    }`,
    ...(file ? [`Content-Type: ${file.contentType}`] : []),
    '',
    value,
    '',
  ].join('\r\n');

/**
 * A JSON body sent as a form, as clients of an operation that takes files send it: each field as text (a text as it
 * is, anything else as its JSON), and `files` small files in the first field that takes files.
 */
function asForm(body: unknown, fileFields: string[], files: number): { headers: Record<string, string>; text: string } {
  const fields = body !== null && typeof body === 'object' && !Array.isArray(body) ? Object.entries(body) : [];
  const parts = fields
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => formPart(name, typeof value === 'string' ? value : JSON.stringify(value)));
  const [fileField] = fileFields;
  if (fileField !== undefined) {
    for (let index = 0; index < files; index++) {
      parts.push(
        formPart(`${fileField}[]`, `fuzzed file ${index}`, {
          fileName: `file-${index}.txt`,
          contentType: 'text/plain',
        }),
      );
    }
  }
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${formBoundary}` },
    text: `${parts.join('')}--${formBoundary}--\r\n`,
  };
}

/** The collection a path parameter's records belong to: the template up to the parameter. */
const collectionOf = (template: string, parameter: string): string =>
  template.slice(0, template.indexOf(`/{${parameter}}`));

/** Every numeric `id` in a response body, at any depth. */
function idsIn(value: unknown, found: number[] = []): number[] {
  if (Array.isArray(value)) for (const item of value) idsIn(item, found);
  else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === 'id' && Number.isInteger(child)) found.push(child as number);
      else idsIn(child, found);
    }
  }
  return found;
}

/**
 * Percent-encodes every byte of the text's UTF-8 but the unreserved ones; unlike `encodeURIComponent` it takes lone
 * surrogates (as U+FFFD) and encodes dots, which would otherwise make `.` and `..` path segments.
 */
const percentEncode = (text: string): string =>
  [...Buffer.from(text, 'utf8')]
    .map((byte) =>
      /[A-Za-z0-9_~-]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');

/** The longest junk text put in a path, a query value or a header. */
const urlJunkLength = 256;

const weighted = <T>(weight: number, arbitrary: Arbitrary<T>) => ({ weight, arbitrary });

/** Values of a path parameter that are not a valid id: texts, negative, fractional and overflowing numbers. */
const junkPathValue = (): Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom(
      '0',
      '-1',
      '1.5',
      '1e3',
      '0x10',
      ' 1',
      '2147483648',
      '99999999999999999999',
      '1e309',
      '-Infinity',
      'NaN',
    ),
    junkNumber().map(String),
    junkString(urlJunkLength).map(percentEncode),
    fc.constantFrom('%', '%zz', '%E0%A4%A', '%2e%2e', '%C0%80'),
  );

/** Content types the API does not read, and bodies that are not JSON or not an object. */
const wrongContentTypes = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=fuzz',
  'application/xml',
  'application/json; charset=utf-16',
  'application/json; charset=koi8-r',
  'application/merge-patch+json',
  'application/octet-stream',
  '',
];
const nonJsonBodies = [
  '',
  '{',
  '{"a":',
  '}',
  '{"a":1}{"b":2}',
  'null',
  'true',
  '0',
  '1e999',
  '"text"',
  '[]',
  '[{}]',
  "{'single':'quotes'}",
  '{"__proto__":{"admin":true}}',
  '{"constructor":{"prototype":{"admin":true}}}',
  '\u0000',
  '\ufeff{}',
  'a=1&b=2',
];

/** The paths to every value inside a JSON value, the value itself first. */
function valuePaths(value: unknown, path: Array<string | number> = []): Array<Array<string | number>> {
  const children =
    value !== null && typeof value === 'object'
      ? Object.entries(value).flatMap(([key, child]) =>
          valuePaths(child, [...path, Array.isArray(value) ? Number(key) : key]),
        )
      : [];
  return [path, ...children];
}

/** A copy of the value with the value at the path replaced. */
function replaceAt(value: unknown, path: Array<string | number>, replacement: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return replacement;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>;
  copy[head] = replaceAt(copy[head], rest, replacement);
  return copy;
}

/**
 * The example with one of its values, at any depth, replaced by junk: a body that passes the checks of its
 * neighbours (a filter's known attribute and operator) so that the junk reaches the rules deepest in the service.
 */
const withJunkLeaf = (example: unknown): Arbitrary<unknown> =>
  fc
    .tuple(
      fc.constantFrom(...valuePaths(example)),
      fc.oneof(
        junkString(),
        junkNumber(),
        fc.constantFrom(null, true, [], {}, [null], ['']),
        fc.integer({ min: 1, max: 40 }).map(nested),
      ),
    )
    .map(([path, junk]) => replaceAt(example, path, junk));

/** Builds requests for operations of one document, in one setting. */
export class RequestArbitraries {
  private readonly schemas: SchemaArbitraries;

  constructor(
    document: SpecDocument,
    private readonly setting: FuzzSetting,
  ) {
    this.schemas = new SchemaArbitraries({
      resolve: (ref: string) => resolveRef(document, ref) as JsonSchema,
      idsNamed: (name) => idsNamed(setting, name),
      existingIds: setting.existingIds,
    });
  }

  /**
   * Requests for the operation: valid ones, reaching the handler with the right caller, and ones with an invalid
   * part (path, query, caller or body) among valid others.
   */
  requests(operation: SpecOperation): Arbitrary<FuzzRequest> {
    const part = <T>(valid: Arbitrary<T>, invalid: Arbitrary<T>) => fc.oneof(weighted(2, valid), weighted(1, invalid));
    const validParts = fc.tuple(
      this.validPath(operation),
      this.validQuery(operation),
      this.validCaller(operation),
      this.validBody(operation),
    );
    const mixedParts = fc.tuple(
      part(this.validPath(operation), this.invalidPath(operation)),
      part(this.validQuery(operation), this.invalidQuery(operation)),
      part(this.validCaller(operation), this.invalidCaller(operation)),
      part(this.validBody(operation), this.invalidBody(operation)),
    );
    return fc.oneof(weighted(2, validParts), weighted(3, mixedParts)).map(([path, query, caller, body]) => {
      const request: FuzzRequest = {
        method: operation.method,
        path: path + query,
        headers: { ...caller, ...body.headers },
        ...(body.text !== undefined && { body: body.text }),
      };
      // fast-check prints a failing request with this, shortened, instead of every character of its long texts.
      return Object.assign(request, { [fc.toStringMethod]: () => describeRequest(request) });
    });
  }

  private pathParameters(operation: SpecOperation) {
    return operation.parameters.filter((parameter) => parameter.in === 'path');
  }

  private fillPath(operation: SpecOperation, values: Record<string, string>): string {
    return operation.path.replace(/\{([^}]+)\}/g, (_match, name: string) => values[name] ?? '');
  }

  private validPathValue(operation: SpecOperation, parameter: SpecParameter): Arbitrary<string> {
    const inRange = this.schemas.valid(parameter.schema, parameter.name).map(String);
    if (parameter.name === 'account_id') {
      return fc.oneof(
        weighted(12, fc.constant(String(this.setting.accountId))),
        weighted(1, fc.constant(String(this.setting.otherAccountId))),
        weighted(1, inRange),
      );
    }
    const own = [
      ...(this.setting.idsByCollection.get(collectionOf(operation.path, parameter.name)) ?? []),
      ...idsNamed(this.setting, parameter.name),
    ];
    const options = [weighted(1, inRange)];
    if (own.length > 0) options.push(weighted(4, fc.constantFrom(...own).map(String)));
    if (this.setting.existingIds.length > 0)
      options.push(weighted(2, fc.constantFrom(...this.setting.existingIds).map(String)));
    return fc.oneof(...options);
  }

  private validPath(operation: SpecOperation): Arbitrary<string> {
    const parameters = this.pathParameters(operation);
    return fc
      .tuple(...parameters.map((parameter) => this.validPathValue(operation, parameter)))
      .map((values) =>
        this.fillPath(
          operation,
          Object.fromEntries(parameters.map((parameter, index) => [parameter.name, values[index] as string])),
        ),
      );
  }

  private invalidPath(operation: SpecOperation): Arbitrary<string> {
    const parameters = this.pathParameters(operation);
    if (parameters.length === 0) return this.validPath(operation);
    return fc
      .tuple(
        fc.constantFrom(...parameters.map((parameter) => parameter.name)),
        junkPathValue(),
        ...parameters.map((parameter) => this.validPathValue(operation, parameter)),
      )
      .map(([broken, junk, ...values]) =>
        this.fillPath(operation, {
          ...Object.fromEntries(parameters.map((parameter, index) => [parameter.name, values[index] as string])),
          [broken]: junk,
        }),
      );
  }

  private queryParameters(operation: SpecOperation) {
    return operation.parameters.filter((parameter) => parameter.in === 'query');
  }

  /** `?name=value&…`, an array as repeated names, the way the reference's clients send one. */
  private serializeQuery(entries: Array<[string, unknown]>): string {
    const pairs = entries.flatMap(([name, value]) =>
      (Array.isArray(value) ? value : [value]).map(
        (item) =>
          `${percentEncode(name)}=${percentEncode(typeof item === 'object' ? JSON.stringify(item) : String(item))}`,
      ),
    );
    return pairs.length > 0 ? `?${pairs.join('&')}` : '';
  }

  private validQuery(operation: SpecOperation): Arbitrary<string> {
    const parameters = this.queryParameters(operation);
    return fc
      .tuple(
        ...parameters.map((parameter) => {
          const value = this.schemas.valid(parameter.schema, parameter.name);
          return parameter.required ? value : fc.option(value, { nil: undefined });
        }),
      )
      .map((values) =>
        this.serializeQuery(
          parameters
            .map((parameter, index): [string, unknown] => [parameter.name, values[index]])
            .filter(([, value]) => value !== undefined),
        ),
      );
  }

  private invalidQuery(operation: SpecOperation): Arbitrary<string> {
    const parameters = this.queryParameters(operation);
    const names = fc.oneof(
      ...(parameters.length > 0 ? [fc.constantFrom(...parameters.map((parameter) => parameter.name))] : []),
      junkString(urlJunkLength),
    );
    const brokenValue = fc.oneof(
      junkString(urlJunkLength),
      junkNumber(),
      ...parameters.map((parameter) => this.schemas.invalid(parameter.schema, parameter.name)),
    );
    const raw = fc.constantFrom('?%', '?a=%zz', '?&&&', '?=x', '?page[]=1&page[]=2', '?q[a]=b', '?labels[][]=x');
    return fc.oneof(
      weighted(
        4,
        fc
          .tuple(this.validQuery(operation), fc.array(fc.tuple(names, brokenValue), { minLength: 1, maxLength: 3 }))
          .map(([valid, extra]) => {
            const added = this.serializeQuery(extra);
            return valid === '' ? added : `${valid}&${added.slice(1)}`;
          }),
      ),
      weighted(1, raw),
    );
  }

  private validCaller(operation: SpecOperation): Arbitrary<Record<string, string>> {
    const tokens = operation.schemes
      .map((scheme) => this.setting.credentials[scheme])
      .filter((token): token is string => token !== undefined);
    if (tokens.length === 0) return fc.constant({});
    return fc.constantFrom(...tokens).map((token) => ({ api_access_token: token }));
  }

  private invalidCaller(operation: SpecOperation): Arbitrary<Record<string, string>> {
    return fc.oneof(
      fc.constant({}),
      fc.constantFrom(...this.setting.strangerTokens).map((token) => ({ api_access_token: token })),
      junkString(urlJunkLength)
        .filter((token) => /^[\t\x20-\x7e\x80-\xff]*$/.test(token))
        .map((token) => ({ api_access_token: token })),
      this.validCaller(operation).map((caller) => ({ ...caller, authorization: 'Bearer nonsense' })),
    );
  }

  private validBody(operation: SpecOperation): Arbitrary<{ headers: Record<string, string>; text?: string }> {
    if (!operation.body) return fc.constant({ headers: {} });
    const example = operation.body.example;
    const generated = this.schemas.valid(operation.body.schema);
    const value =
      example === undefined ? generated : fc.oneof(weighted(1, fc.constant(example)), weighted(3, generated));
    const json = value.map((body) => ({ headers: { 'content-type': 'application/json' }, text: JSON.stringify(body) }));
    const { fileFields } = operation;
    if (!fileFields) return json;
    const form = fc
      .tuple(value, fc.integer({ min: 0, max: 2 }))
      .map(([body, files]) => asForm(body, fileFields, files));
    return fc.oneof(json, form);
  }

  private invalidBody(operation: SpecOperation): Arbitrary<{ headers: Record<string, string>; text?: string }> {
    const json = { 'content-type': 'application/json' };
    const example = operation.body?.example;
    const invalidValue = operation.body
      ? fc.oneof(
          weighted(2, this.schemas.invalid(operation.body.schema)),
          ...(example === undefined ? [] : [weighted(1, withJunkLeaf(example))]),
        )
      : fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.integer({ min: 1, max: 40 }).map(nested));
    const { fileFields } = operation;
    const invalidForms = fileFields
      ? [
          weighted(
            2,
            fc
              .tuple(invalidValue, fc.integer({ min: 0, max: 20 }))
              .map(([body, files]) => asForm(body, fileFields, files)),
          ),
        ]
      : [];
    return fc.oneof(
      weighted(
        6,
        invalidValue.map((body) => ({ headers: json, text: JSON.stringify(body) ?? 'null' })),
      ),
      ...invalidForms,
      weighted(1, fc.constant({ headers: {} })),
      weighted(
        2,
        fc.constantFrom(...nonJsonBodies).map((text) => ({ headers: json, text })),
      ),
      weighted(
        2,
        fc
          .tuple(fc.constantFrom(...wrongContentTypes), this.validBody(operation))
          .map(([type, body]) => ({ headers: { 'content-type': type }, text: body.text ?? '{}' })),
      ),
      weighted(
        1,
        fc.integer({ min: 33, max: 200 }).map((depth) => ({
          headers: json,
          text: `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`,
        })),
      ),
    );
  }
}

/**
 * Sends a fuzzed request to `operation` and returns the response, or the reason it breaks the API's promises: no 5xx,
 * and every 4xx in JSON but those the operation answers with a page.
 */
export async function sendFuzzRequest(
  server: TestServer,
  request: FuzzRequest,
  operation: Pick<SpecOperation, 'pageStatuses'>,
): Promise<{ response: RawTestResponse; problem?: string }> {
  const response = await server.requestRaw(request.method, request.path, {
    headers: request.headers,
    ...(request.body !== undefined && { rawBody: request.body }),
  });
  if (response.status >= 500) return { response, problem: `answered ${response.status}` };
  if (response.status >= 400) {
    const type = response.headers.get('content-type') ?? '';
    if (operation.pageStatuses.includes(response.status) && type.startsWith('text/html')) return { response };
    if (!type.startsWith('application/json')) return { response, problem: `answered ${response.status} as "${type}"` };
    try {
      JSON.parse(response.text);
    } catch {
      return { response, problem: `answered ${response.status} with a body that is not JSON` };
    }
  }
  return { response };
}

const shorten = (text: string) => (text.length > 1000 ? `${text.slice(0, 1000)}… (${text.length} characters)` : text);

/** The request as a failure report shows it: method, path, headers and body, long texts cut. */
function describeRequest(request: FuzzRequest): string {
  return [
    `${request.method} ${shorten(request.path)}`,
    `request headers: ${shorten(JSON.stringify(request.headers))}`,
    `request body: ${request.body === undefined ? '(none)' : shorten(JSON.stringify(request.body))}`,
  ].join('\n');
}

/** The request and its response, as a failure report shows them. */
export function describeExchange(request: FuzzRequest, response: RawTestResponse): string {
  return `${describeRequest(request)}\nresponse: ${response.status} ${response.headers.get('content-type') ?? ''} ${shorten(response.text)}`;
}

/** Sends a request that the fuzz run depends on; a 5xx or a non-JSON 4xx fails the run as any fuzzed one would. */
async function sendChecked(server: TestServer, request: FuzzRequest): Promise<RawTestResponse> {
  const { response, problem } = await sendFuzzRequest(server, request, { pageStatuses: [] });
  if (problem) throw new Error(`${problem}\n${describeExchange(request, response)}`);
  return response;
}

const bodyOf = (response: RawTestResponse): unknown => (response.text === '' ? undefined : JSON.parse(response.text));

const isSuccess = (response: RawTestResponse) => response.status >= 200 && response.status < 300;

/** The static name a collection path ends with: `/api/v1/accounts/{account_id}/inboxes` → `inboxes`. */
const lastSegment = (path: string) =>
  path
    .split('/')
    .filter((segment) => !segment.startsWith('{'))
    .at(-1) ?? '';

/**
 * The collections, among `paths`, whose records a field or parameter of this name refers to: `inbox_id` to
 * `…/inboxes`, `user_ids` to `…/users`, `agent_bot` to `…/agent_bots`.
 */
function collectionsNamed(paths: Iterable<string>, name: string): string[] {
  const stem = name.replace(/_ids?$/, '');
  const names = new Set([stem, `${stem}s`, `${stem}es`]);
  return [...paths].filter((path) => names.has(lastSegment(path)));
}

/** Ids of existing records that a field or path parameter of this name may refer to. */
function idsNamed(setting: FuzzSetting, name: string): number[] {
  if (name === 'account_id') return [setting.accountId];
  return collectionsNamed(setting.idsByCollection.keys(), name).flatMap(
    (collection) => setting.idsByCollection.get(collection) ?? [],
  );
}

/** Operations that create records: a POST with a body. */
const isCreator = (operation: SpecOperation) => operation.method === 'POST' && operation.body !== undefined;

/**
 * The creating operations whose records the targets' paths or bodies may refer to, each after those its own needs
 * refer to: the records a call needs so that it reaches its handler, not only its 404.
 */
function creatorsFor(targets: SpecOperation[], operations: SpecOperation[], schemas: SchemaArbitraries) {
  const creators = new Map(operations.filter(isCreator).map((creator) => [creator.path, creator]));
  const ordered: SpecOperation[] = [];
  const visited = new Set<SpecOperation>(targets);
  const visit = (current: SpecOperation) => {
    const pathNames = current.parameters.filter((parameter) => parameter.in === 'path').map(({ name }) => name);
    const names = [...pathNames, ...(current.body ? schemas.fieldNames(current.body.schema) : [])].filter(
      (name) => name !== 'account_id',
    );
    const collections = [
      ...pathNames.map((name) => collectionOf(current.path, name)),
      ...names.flatMap((name) => collectionsNamed(creators.keys(), name)),
    ];
    for (const collection of collections) {
      const creator = creators.get(collection);
      if (!creator || visited.has(creator)) continue;
      visited.add(creator);
      visit(creator);
      ordered.push(creator);
    }
  };
  for (const target of targets) visit(target);
  return ordered;
}

/**
 * A fresh account with its administrator and agent, and the records the target operations may refer to: each is
 * made by calling the operation that creates it with its example, or with generated bodies until one is accepted.
 * The ids are kept by the collection that made them, so that paths and id fields can name records that exist.
 */
export async function prepareFuzzSetting(
  server: TestServer,
  document: SpecDocument,
  operations: SpecOperation[],
  targets: SpecOperation[],
): Promise<FuzzSetting> {
  const fixture = await createAccountFixture(server);
  const credentials: Record<string, string> = {
    platformAppApiKey: fixture.platformToken,
    userApiKey: fixture.admin.token,
  };
  if (targets.some((target) => target.schemes.includes('agentBotApiKey'))) {
    const bot = await server.request('POST', `/api/v1/accounts/${fixture.accountId}/agent_bots`, {
      token: fixture.admin.token,
      body: { name: 'Fuzz bot' },
    });
    credentials.agentBotApiKey = bot.body.access_token;
  }
  for (const target of targets) {
    const missing = target.schemes.find((scheme) => credentials[scheme] === undefined);
    if (missing) throw new Error(`${target.operationId} needs a token of ${missing}, which the fuzz run lacks`);
  }
  const setting: FuzzSetting = {
    credentials,
    strangerTokens: [fixture.platformToken, fixture.agent.token, fixture.outsider.token, 'not-a-token'],
    accountId: fixture.accountId,
    otherAccountId: fixture.otherAccountId,
    idsByCollection: new Map(),
    existingIds: [fixture.accountId, fixture.admin.id, fixture.agent.id],
  };
  const schemas = new SchemaArbitraries({
    resolve: (ref: string) => resolveRef(document, ref) as JsonSchema,
    idsNamed: (name) => idsNamed(setting, name),
    existingIds: setting.existingIds,
  });
  const pathOf = (creator: SpecOperation) =>
    creator.path.replace(/\{([^}]+)\}/g, (_match, name: string) =>
      String(
        [...(setting.idsByCollection.get(collectionOf(creator.path, name)) ?? []), ...idsNamed(setting, name)][0] ?? 0,
      ),
    );
  for (const creator of creatorsFor(targets, operations, schemas)) {
    if (!creator.body) continue;
    const generated = fc.sample(schemas.valid(creator.body.schema), { numRuns: 3, seed: 1 });
    const bodies = creator.body.example === undefined ? generated : [creator.body.example, ...generated];
    const token = credentials[creator.schemes[0] ?? ''];
    for (const body of bodies) {
      const response = await sendChecked(server, {
        method: 'POST',
        path: pathOf(creator),
        headers: { ...(token && { api_access_token: token }), 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (isSuccess(response)) {
        const ids = idsIn(bodyOf(response));
        setting.idsByCollection.set(creator.path, ids);
        setting.existingIds.push(...ids);
        break;
      }
    }
  }
  return setting;
}
