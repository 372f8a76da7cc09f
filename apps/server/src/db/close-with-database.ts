import type { Knex } from 'knex';

/** Makes `db.destroy()` run `close` first: for connections and threads opened beside the pool, ended with it. */
export function closeWithDatabase(db: Knex, close: () => void | Promise<void>): void {
  const destroy = db.destroy.bind(db);
  Object.defineProperty(db, 'destroy', {
    configurable: true,
    writable: true,
    value: async (...args: Parameters<Knex['destroy']>) => {
      await close();
      return destroy(...args);
    },
  });
}
