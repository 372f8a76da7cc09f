import type { Database } from '../../db/connection';

/** The secrets the server generated for itself, by name (migration 0007-server-secrets). */
export function serverSecretRepository(db: Database) {
  return {
    /**
     * The secret kept under the name: the one already there, or else `candidate`, kept now. Of processes that call
     * this at once, one keeps its candidate and all read that one.
     */
    async keep(name: string, candidate: string, nowSeconds: number): Promise<string> {
      await db('server_secrets').insert({ name, value: candidate, created_at: nowSeconds }).onConflict('name').ignore();
      const row = await db('server_secrets').select('value').where({ name }).first();
      if (!row) throw new Error(`The server secret ${name} vanished right after it was kept`);
      return row.value;
    },
  };
}
