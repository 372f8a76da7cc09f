declare module 'knex/lib/knex-builder/make-knex' {
  import type { Knex } from 'knex';

  /** knex's query interface over a client: what `knex(config)` returns for the client its configuration makes. */
  export default function makeKnex(client: unknown): Knex;
}
