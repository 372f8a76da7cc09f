import type { Database } from '../../db/connection';
import { idOf } from '../../db/inserted-id';
import { readJson, writeJson } from '../../db/json-column';
import { lockingRowsOf } from '../../db/row-lock';
import type { CustomAttributeDefinitionColumns, DecodedRow, TableRow, TableUpdate } from '../../db/tables';
import type { AttributeModel } from './custom-attribute-vocabulary';

/** A custom attribute an account defines for one model. */
export type CustomAttributeDefinitionRecord = DecodedRow<CustomAttributeDefinitionColumns>;

export type CustomAttributeDefinitionFields = Omit<
  CustomAttributeDefinitionRecord,
  'id' | 'account_id' | 'created_at' | 'updated_at'
>;

const toRecord = (row: TableRow<'custom_attribute_definitions'>): CustomAttributeDefinitionRecord => ({
  ...row,
  attribute_values: readJson(row.attribute_values),
});

function toRow(fields: Partial<CustomAttributeDefinitionFields>): TableUpdate<'custom_attribute_definitions'> {
  const { attribute_values, ...plain } = fields;
  return { ...plain, ...(attribute_values !== undefined && { attribute_values: writeJson(attribute_values) }) };
}

/** Queries on `custom_attribute_definitions`, always inside one account. */
export function customAttributeDefinitionRepository(db: Database) {
  const table = () => db('custom_attribute_definitions');

  return {
    async insert(
      accountId: number,
      fields: CustomAttributeDefinitionFields,
      now: number,
    ): Promise<CustomAttributeDefinitionRecord> {
      const [row] = await table()
        .insert({
          ...fields,
          attribute_values: writeJson(fields.attribute_values),
          account_id: accountId,
          created_at: now,
          updated_at: now,
        })
        .returning('id');
      return { id: idOf(row), account_id: accountId, ...fields, created_at: now, updated_at: now };
    },

    /** With `lock`, inside a transaction, the row stays locked until it ends: see `lockingRowsOf`. */
    async findById(
      accountId: number,
      id: number,
      { lock = false } = {},
    ): Promise<CustomAttributeDefinitionRecord | undefined> {
      const query = table().where({ account_id: accountId, id }).first();
      const row = await (lock ? lockingRowsOf(db, 'custom_attribute_definitions', query) : query);
      return row && toRecord(row);
    },

    /** The definition of `key` for one model of the account, which says how to read and compare its values. */
    async findByKey(
      accountId: number,
      model: AttributeModel,
      key: string,
    ): Promise<CustomAttributeDefinitionRecord | undefined> {
      const row = await table().where({ account_id: accountId, attribute_model: model, attribute_key: key }).first();
      return row && toRecord(row);
    },

    /** The account's definitions in creation order, of one model or of all of them. */
    async listByModel(accountId: number, model?: AttributeModel): Promise<CustomAttributeDefinitionRecord[]> {
      const query = table().where({ account_id: accountId }).orderBy('id');
      if (model !== undefined) query.andWhere({ attribute_model: model });
      const rows = await query;
      return rows.map(toRecord);
    },

    async update(id: number, changes: Partial<CustomAttributeDefinitionFields>, now: number): Promise<void> {
      await table()
        .where({ id })
        .update({ ...toRow(changes), updated_at: now });
    },

    async delete(id: number): Promise<void> {
      await table().where({ id }).delete();
    },
  };
}
