/** Makes a cached value read-only all the way down: requests share it, and none may change it for the others. */
export function frozen<Value>(value: Value): Value {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const nested of Object.values(value)) frozen(nested);
  }
  return value;
}

/**
 * Makes concurrent calls share reads, each call still getting a read that begins after it was made: a read already
 * under way may have begun before a change a caller must see, so callers arriving meanwhile wait for the next read,
 * which all of them share. Under load, a burst of requests costs two reads, not one each.
 */
export function sharedReadsStartingAfterCall<Value>(read: () => Promise<Value>): () => Promise<Value> {
  let running: Promise<unknown> | undefined;
  let next: Promise<Value> | undefined;
  const start = (): Promise<Value> => {
    const started = read();
    running = started;
    const settled = () => {
      if (running === started) running = undefined;
    };
    started.then(settled, settled);
    return started;
  };
  return () => {
    // Not yet begun, the next read begins after this call: it may be shared.
    if (next) return next;
    if (!running) return start();
    const ignore = () => undefined;
    next = running.then(ignore, ignore).then(() => {
      next = undefined;
      return start();
    });
    return next;
  };
}
