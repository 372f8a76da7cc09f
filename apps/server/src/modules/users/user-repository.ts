import type { Database } from '../../db/connection';
import { idOf } from '../../db/inserted-id';
import { readJson, writeJson } from '../../db/json-column';
import { lockingRowsOf } from '../../db/row-lock';
import type { LeftJoined, QualifiedColumn, SelectedRow } from '../../db/selected-columns';
import type { DecodedRow, TableRow, TableUpdate, UserColumns } from '../../db/tables';
import type { TokenOwnerType } from '../access-tokens/access-token-repository';

export type UserRecord = DecodedRow<UserColumns>;

export type UserFields = Omit<UserRecord, 'id' | 'created_at' | 'updated_at'>;

const toRecord = (row: TableRow<'users'>): UserRecord => ({
  ...row,
  ui_settings: readJson(row.ui_settings),
  custom_attributes: readJson(row.custom_attributes),
});

function toRow(fields: Partial<UserFields>): TableUpdate<'users'> {
  const { ui_settings, custom_attributes, ...plain } = fields;
  return {
    ...plain,
    ...(ui_settings !== undefined && { ui_settings: writeJson(ui_settings) }),
    ...(custom_attributes !== undefined && { custom_attributes: writeJson(custom_attributes) }),
  };
}

const tokenOwnerColumns = [
  'access_tokens.owner_type',
  'access_tokens.owner_id',
] as const satisfies readonly QualifiedColumn<'access_tokens'>[];

/** An access token's owner, with the user's columns when a user owns it. */
type TokenOwnerRow = SelectedRow<typeof tokenOwnerColumns> & LeftJoined<TableRow<'users'>>;

export function userRepository(db: Database) {
  return {
    async insert(fields: UserFields, now: number): Promise<UserRecord> {
      const [row] = await db('users')
        .insert({
          ...fields,
          ui_settings: writeJson(fields.ui_settings),
          custom_attributes: writeJson(fields.custom_attributes),
          created_at: now,
          updated_at: now,
        })
        .returning('id');
      return { id: idOf(row), ...fields, created_at: now, updated_at: now };
    },

    /** With `lock`, inside a transaction, the row stays locked until it ends: see `lockingRowsOf`. */
    async findById(id: number, { lock = false } = {}): Promise<UserRecord | undefined> {
      const query = db('users').where({ id }).first();
      const row = await (lock ? lockingRowsOf(db, 'users', query) : query);
      return row && toRecord(row);
    },

    /**
     * The owner of an access token together with the token's owner type, in one query: the user when a user owns the
     * token, and only the owner's type and id otherwise.
     */
    async findTokenOwner(
      token: string,
    ): Promise<{ ownerType: TokenOwnerType; ownerId: number; user: UserRecord | undefined } | undefined> {
      const row = await db('access_tokens')
        .leftJoin('users', (join) => {
          join.on('users.id', 'access_tokens.owner_id').andOnVal('access_tokens.owner_type', 'User');
        })
        .select<TokenOwnerRow[]>(...tokenOwnerColumns, 'users.*')
        .where('access_tokens.token', token)
        .first();
      if (!row) return undefined;
      const { owner_type, owner_id, ...user } = row;
      return { ownerType: owner_type, ownerId: owner_id, user: user.id === null ? undefined : toRecord(user) };
    },

    /** Emails are stored lower-case, so this lookup ignores case. */
    async findByEmail(email: string): Promise<UserRecord | undefined> {
      const row = await db('users').where({ email: email.toLowerCase() }).first();
      return row && toRecord(row);
    },

    async update(id: number, fields: Partial<UserFields>, now: number): Promise<void> {
      await db('users')
        .where({ id })
        .update({ ...toRow(fields), updated_at: now });
    },

    async delete(id: number): Promise<void> {
      await db('users').where({ id }).delete();
    },
  };
}
