declare const jsonOf: unique symbol;

/** The JSON text of a `Value`, as `writeJson` makes it: what JSON columns are written with on both engines. */
export type JsonText<Value> = string & { readonly [jsonOf]: Value };

/** A JSON column as read: its text from SQLite, which stores JSON as text; the parsed value from PostgreSQL (jsonb). */
export type StoredJson<Value> = JsonText<Value> | Value;

export function writeJson<Value extends object>(value: Value): JsonText<Value> {
  return JSON.stringify(value) as JsonText<Value>;
}

export function readJson<Value extends object>(stored: StoredJson<Value>): Value {
  return typeof stored === 'string' ? (JSON.parse(stored) as Value) : stored;
}
