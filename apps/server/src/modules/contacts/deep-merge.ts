type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `changes` merged into `kept`, nested objects key by key; any other value, arrays included, replaces what was kept. */
export function deepMerge(kept: JsonObject, changes: JsonObject): JsonObject {
  const merged: JsonObject = { ...kept };
  for (const [key, value] of Object.entries(changes)) {
    const before = Object.hasOwn(merged, key) ? merged[key] : undefined;
    // Defined rather than assigned, so that a key such as `__proto__` is kept as data.
    Object.defineProperty(merged, key, {
      value: isObject(before) && isObject(value) ? deepMerge(before, value) : value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return merged;
}
