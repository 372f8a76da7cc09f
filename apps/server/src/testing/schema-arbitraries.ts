import fc, { type Arbitrary } from 'fast-check';

/** A JSON Schema of the spec (OpenAPI 3.1), as the bundled document holds it. */
export type JsonSchema = { readonly [keyword: string]: unknown };

/** What the arbitraries of a schema need besides the schema itself. */
export interface SchemaContext {
  /** The schema a local `$ref` such as `#/components/schemas/Team` points at. */
  resolve(ref: string): JsonSchema;
  /** Ids of existing records that a field of this name may refer to (`inbox_id`, `user_ids`, `agent_bot`). */
  idsNamed(name: string): readonly number[];
  /** Ids of existing records of any kind, offered to every id field. */
  existingIds: readonly number[];
}

const int4Max = 2147483647;

/** How deep the generators follow a schema; no schema of the spec nests deeper, and it guards against cycles. */
const maxSchemaDepth = 8;

/** Strings that have broken stores and parsers before: NUL, lone surrogates, LIKE wildcards, quotes, long runs. */
const hostileStrings: readonly string[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '%',
  '%_\\',
  "' OR 1=1 --",
  '"; DROP TABLE users; --',
  '\\',
  '*',
  '(',
  ')',
  '"',
  'NEAR(',
  'a AND OR NOT b',
  '\u202eevil',
  '\u0301\u0301\u0301',
  '👩‍👩‍👧‍👦',
  'ǅ',
  'İ',
  'ß',
  '\ufeff',
  '\r\n\t\v\f',
  'null',
  'undefined',
  'NaN',
  '-1',
  '0',
  '1e309',
  '2147483648',
  '9223372036854775808',
  '__proto__',
  'constructor',
  'toString',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  'x'.repeat(256),
  'é'.repeat(2049),
];

/** Numbers at the edges: of PostgreSQL's int4 and int8, of exact doubles, of doubles themselves. */
const hostileNumbers: readonly number[] = [
  -1,
  0,
  -0,
  0.5,
  -2147483648,
  2147483648,
  -2147483649,
  4294967296,
  9007199254740991,
  2 ** 53 + 2,
  -(2 ** 53) - 2,
  2 ** 63,
  1e21,
  1e308,
  -1e308,
  Number.MIN_VALUE,
];

/**
 * Any string, often with characters outside ASCII and sometimes a hostile one, up to `maxLength` UTF-16 units: a long
 * one for a body, a short one for a path, a query or a header, which Node's HTTP parser limits to 16 KB before the
 * application sees them.
 */
export const junkString = (maxLength = 70000): Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...hostileStrings.filter((text) => text.length <= maxLength)) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    {
      weight: 1,
      arbitrary: fc.integer({ min: Math.min(1000, maxLength), max: maxLength }).map((length) => 'ÿ'.repeat(length)),
    },
  );

/** A number that is not a small safe integer. */
export const junkNumber = (): Arbitrary<number> =>
  fc.oneof(
    fc.constantFrom(...hostileNumbers),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer({ min: -int4Max - 1, max: -1 }),
  );

/** An object nested `depth` levels deep. */
export function nested(depth: number): unknown {
  let value: unknown = { leaf: 'x' };
  for (let level = 1; level < depth; level++) value = { level: value };
  return value;
}

/** Any JSON value, nested a little. */
const anyJson = (): Arbitrary<unknown> => fc.jsonValue({ maxDepth: 3, stringUnit: 'grapheme' });

/** A JSON value of each type; a wrong-type value for a schema is one whose type the schema does not allow. */
const valuesByType: Record<string, () => Arbitrary<unknown>> = {
  string: () => junkString(),
  integer: () => fc.oneof(fc.constantFrom(-1, 0, 2147483648, 2 ** 53 + 2), fc.integer()),
  number: () => fc.constantFrom(0.5, -1.25, 1e308),
  boolean: () => fc.boolean(),
  null: () => fc.constant(null),
  array: () => fc.array(anyJson(), { maxLength: 3 }),
  object: () =>
    fc.oneof(
      fc.dictionary(fc.string({ maxLength: 8 }), anyJson(), { maxKeys: 3 }),
      fc.integer({ min: 1, max: 40 }).map(nested),
    ),
};

const optionsOf = <T>(arbitraries: Arbitrary<T>[]): Arbitrary<T> =>
  arbitraries.length === 1 ? (arbitraries[0] as Arbitrary<T>) : fc.oneof(...arbitraries);

const codePoints = (text: string) => [...text].length;

/**
 * Valid and invalid values of the spec's schemas. The valid ones satisfy the keywords the spec uses (`type`,
 * `enum`, `const`, bounds, lengths, `pattern`, `format`, `required`, `allOf`, `oneOf`) closely enough that most requests
 * reach their handler; conditional keywords (`if`/`then`) are not followed, so some are refused, which is fine for a
 * fuzzer. An invalid value breaks one rule: a wrong type, a value out of bounds, a missing required field, an unknown
 * one, a hostile string.
 */
export class SchemaArbitraries {
  constructor(private readonly context: SchemaContext) {}

  /** The schema with its `$ref` followed and its `allOf` parts merged into one object schema. */
  flatten(schema: JsonSchema): JsonSchema {
    const resolved = typeof schema.$ref === 'string' ? this.flatten(this.context.resolve(schema.$ref)) : schema;
    const parts = resolved.allOf as JsonSchema[] | undefined;
    if (!parts) return resolved;
    const { allOf: _parts, ...own } = resolved;
    const merged: Record<string, unknown> = { ...own };
    const properties: Record<string, JsonSchema> = { ...(own.properties as Record<string, JsonSchema>) };
    const required = new Set<string>((own.required as string[]) ?? []);
    for (const part of parts.map((item) => this.flatten(item))) {
      if (part.if !== undefined) continue;
      for (const [key, value] of Object.entries(part)) {
        if (key !== 'properties' && key !== 'required' && key !== 'additionalProperties') merged[key] ??= value;
      }
      if (part.additionalProperties === false) merged.additionalProperties = false;
      for (const [name, property] of Object.entries((part.properties as Record<string, JsonSchema>) ?? {})) {
        properties[name] = properties[name] ? { allOf: [properties[name], property] } : property;
      }
      for (const name of (part.required as string[]) ?? []) required.add(name);
    }
    return { ...merged, type: merged.type ?? 'object', properties, required: [...required] };
  }

  private typesOf(schema: JsonSchema): string[] {
    if (Array.isArray(schema.type)) return schema.type as string[];
    if (typeof schema.type === 'string') return [schema.type];
    if (schema.properties) return ['object'];
    return [];
  }

  /** The names of the properties of the schema's objects, at any depth. */
  fieldNames(schema: JsonSchema, depth = 0): string[] {
    if (depth > maxSchemaDepth) return [];
    const flat = this.flatten(schema);
    const properties = Object.entries((flat.properties as Record<string, JsonSchema> | undefined) ?? {});
    const children = [
      ...properties.map(([, property]) => property),
      ...(flat.items ? [flat.items as JsonSchema] : []),
      ...(((flat.oneOf ?? flat.anyOf) as JsonSchema[] | undefined) ?? []),
    ];
    return [...properties.map(([name]) => name), ...children.flatMap((child) => this.fieldNames(child, depth + 1))];
  }

  /** Values the schema accepts. `name` is the field's, which tells an id field from others. */
  valid(schema: JsonSchema, name = '', depth = 0): Arbitrary<unknown> {
    const flat = this.flatten(schema);
    if (depth > maxSchemaDepth) return fc.constant(null);
    if ('const' in flat) return fc.constant(flat.const);
    if (Array.isArray(flat.enum)) return fc.constantFrom(...(flat.enum as unknown[]));
    const alternatives = (flat.oneOf ?? flat.anyOf) as JsonSchema[] | undefined;
    if (alternatives) return optionsOf(alternatives.map((alternative) => this.valid(alternative, name, depth + 1)));
    const types = this.typesOf(flat);
    if (types.length === 0) return anyJson();
    return optionsOf(types.map((type) => this.validOfType(flat, type, name, depth)));
  }

  private validOfType(schema: JsonSchema, type: string, name: string, depth: number): Arbitrary<unknown> {
    switch (type) {
      case 'null':
        return fc.constant(null);
      case 'boolean':
        return fc.boolean();
      case 'integer':
        return this.validInteger(schema, name);
      case 'number':
        return fc.double({
          noNaN: true,
          noDefaultInfinity: true,
          ...(typeof schema.minimum === 'number' && { min: schema.minimum }),
          ...(typeof schema.maximum === 'number' && { max: schema.maximum }),
        });
      case 'string':
        return this.validString(schema);
      case 'array':
        return this.validArray(schema, name, depth);
      default:
        return this.validObject(schema, depth);
    }
  }

  private validInteger(schema: JsonSchema, name: string): Arbitrary<number> {
    const min = typeof schema.minimum === 'number' ? schema.minimum : Number.MIN_SAFE_INTEGER;
    const max = typeof schema.maximum === 'number' ? schema.maximum : Number.MAX_SAFE_INTEGER;
    const inRange = (ids: readonly number[]) => ids.filter((id) => id >= min && id <= max);
    const named = inRange(this.context.idsNamed(name));
    const existing = /(^|_)ids?$/.test(name) || named.length > 0 ? inRange(this.context.existingIds) : [];
    const options = [{ weight: 1, arbitrary: fc.integer({ min, max }) }];
    if (named.length > 0) options.push({ weight: 4, arbitrary: fc.constantFrom(...named) });
    if (existing.length > 0) options.push({ weight: 2, arbitrary: fc.constantFrom(...existing) });
    return fc.oneof(...options);
  }

  private validString(schema: JsonSchema): Arbitrary<string> {
    const minLength = typeof schema.minLength === 'number' ? schema.minLength : 0;
    const maxLength = typeof schema.maxLength === 'number' ? schema.maxLength : Number.MAX_SAFE_INTEGER;
    const fits = (text: string) => codePoints(text) >= minLength && codePoints(text) <= maxLength;
    let text: Arbitrary<string>;
    if (typeof schema.pattern === 'string') {
      const pattern = new RegExp(schema.pattern, 'u');
      text = fc.stringMatching(pattern).filter((value) => pattern.test(value) && !value.includes('\u0000'));
    } else if (schema.format === 'email') text = fc.emailAddress();
    else if (schema.format === 'uri') text = fc.webUrl();
    else if (schema.format === 'date-time')
      text = fc
        .date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true })
        .map((date) => date.toISOString());
    else {
      const lengths = { minLength, maxLength: Math.min(maxLength, minLength + 40) };
      const options = [
        fc.string({ ...lengths, unit: 'grapheme-ascii' }),
        fc.string({ ...lengths, unit: 'grapheme' }),
        fc.string({ ...lengths, unit: 'binary' }),
      ];
      // At the longest the spec allows, in characters of four UTF-8 bytes: what a column sized in bytes cannot hold.
      if (Number.isFinite(schema.maxLength)) options.push(fc.constant('😀'.repeat(maxLength)));
      text = fc.oneof(...options).filter((value) => !value.includes('\u0000'));
    }
    return text.filter(fits);
  }

  private validArray(schema: JsonSchema, name: string, depth: number): Arbitrary<unknown[]> {
    const items = (schema.items as JsonSchema | undefined) ?? {};
    const minLength = typeof schema.minItems === 'number' ? schema.minItems : 0;
    const maxLength = Math.min(typeof schema.maxItems === 'number' ? schema.maxItems : 5, minLength + 5);
    const item = this.valid(items, name, depth + 1);
    return schema.uniqueItems
      ? fc.uniqueArray(item, { minLength, maxLength, selector: (value) => JSON.stringify(value) })
      : fc.array(item, { minLength, maxLength });
  }

  private validObject(schema: JsonSchema, depth: number): Arbitrary<Record<string, unknown>> {
    const properties = (schema.properties as Record<string, JsonSchema> | undefined) ?? {};
    const additional = schema.additionalProperties;
    if (Object.keys(properties).length === 0) {
      if (additional === false) return fc.constant({});
      const value = typeof additional === 'object' ? this.valid(additional as JsonSchema, '', depth + 1) : anyJson();
      return fc.dictionary(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }), value, { maxKeys: 4 });
    }
    const record = fc.record(
      Object.fromEntries(
        Object.entries(properties).map(([key, property]) => [key, this.valid(property, key, depth + 1)]),
      ),
      { requiredKeys: (schema.required as string[] | undefined) ?? [] },
    ) as Arbitrary<Record<string, unknown>>;
    const minProperties = typeof schema.minProperties === 'number' ? schema.minProperties : 0;
    return minProperties > 0 ? record.filter((value) => Object.keys(value).length >= minProperties) : record;
  }

  /** Values the schema refuses, or most of them do (a hostile string may fit a free-form text). */
  invalid(schema: JsonSchema, name = '', depth = 0): Arbitrary<unknown> {
    const flat = this.flatten(schema);
    const types = this.typesOf(flat);
    const options: Arbitrary<unknown>[] = [];
    if (types.length > 0 && !('const' in flat) && !flat.oneOf && !flat.anyOf) {
      const wrongTypes = Object.keys(valuesByType).filter(
        (type) => !types.includes(type) && !(type === 'integer' && types.includes('number')),
      );
      options.push(optionsOf(wrongTypes.map((type) => (valuesByType[type] as () => Arbitrary<unknown>)())));
    }
    if (Array.isArray(flat.enum) || 'const' in flat) options.push(junkString(), junkNumber());
    if (depth < maxSchemaDepth) {
      if (types.includes('string')) options.push(this.invalidString(flat));
      if (types.includes('integer') || types.includes('number')) options.push(this.invalidNumber(flat, types));
      if (types.includes('array')) options.push(this.invalidArray(flat, name, depth));
      if (types.includes('object')) options.push(this.invalidObject(flat, depth));
    }
    return options.length > 0 ? optionsOf(options) : junkString();
  }

  private invalidString(schema: JsonSchema): Arbitrary<string> {
    const options: Arbitrary<string>[] = [junkString()];
    if (typeof schema.maxLength === 'number') {
      const maxLength = schema.maxLength;
      options.push(fc.integer({ min: 1, max: 64 }).map((extra) => 'é'.repeat(maxLength + extra)));
    }
    if (typeof schema.minLength === 'number' && schema.minLength > 0) options.push(fc.constant(''));
    return optionsOf(options);
  }

  private invalidNumber(schema: JsonSchema, types: string[]): Arbitrary<number> {
    const options: Arbitrary<number>[] = [junkNumber()];
    if (typeof schema.minimum === 'number') options.push(fc.constant(schema.minimum - 1));
    if (typeof schema.maximum === 'number') options.push(fc.constant(schema.maximum + 1));
    if (!types.includes('number')) options.push(fc.constantFrom(1.5, -0.25));
    return optionsOf(options);
  }

  private invalidArray(schema: JsonSchema, name: string, depth: number): Arbitrary<unknown[]> {
    const items = (schema.items as JsonSchema | undefined) ?? {};
    const item = this.valid(items, name, depth + 1);
    const options: Arbitrary<unknown[]>[] = [
      fc
        .tuple(fc.array(item, { maxLength: 3 }), this.invalid(items, name, depth + 1))
        .map(([valid, bad]) => [...valid, bad]),
    ];
    if (typeof schema.maxItems === 'number') {
      const tooMany = schema.maxItems + 1;
      options.push(item.map((value) => Array.from({ length: tooMany }, () => value)));
    }
    if (typeof schema.minItems === 'number' && schema.minItems > 0) options.push(fc.constant([]));
    return optionsOf(options);
  }

  private invalidObject(schema: JsonSchema, depth: number): Arbitrary<Record<string, unknown>> {
    const valid = this.validObject(schema, depth);
    const properties = (schema.properties as Record<string, JsonSchema> | undefined) ?? {};
    const required = (schema.required as string[] | undefined) ?? [];
    const options: Arbitrary<Record<string, unknown>>[] = [
      fc
        .tuple(
          valid,
          fc.oneof(fc.constantFrom('__proto__', 'constructor', 'id', 'account_id'), junkString()),
          anyJson(),
        )
        .map(([value, key, extra]) => ({ ...value, [key]: extra })),
      fc
        .tuple(valid, fc.integer({ min: 1, max: 40 }))
        .map(([value, depthOfJunk]) => ({ ...value, [Object.keys(properties)[0] ?? 'nested']: nested(depthOfJunk) })),
    ];
    if (required.length > 0) {
      options.push(
        fc.tuple(valid, fc.constantFrom(...required)).map(([value, missing]) => {
          const { [missing]: _missing, ...rest } = value;
          return rest;
        }),
      );
    }
    for (const [key, property] of Object.entries(properties)) {
      options.push(
        fc.tuple(valid, this.invalid(property, key, depth + 1)).map(([value, bad]) => ({ ...value, [key]: bad })),
      );
    }
    return optionsOf(options);
  }
}
