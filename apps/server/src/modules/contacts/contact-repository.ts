import type { Knex } from 'knex';
import type { Database } from '../../db/connection';
import { idOf } from '../../db/inserted-id';
import { readJson, writeJson } from '../../db/json-column';
import { lockingRowsOf } from '../../db/row-lock';
import type { ContactColumns, DecodedRow, TableRow, TableUpdate } from '../../db/tables';
import { isStorableId } from '../inboxes/inbox-repository';
import { type ContactOrder, isIndexedOrder, orderContacts } from './contact-order';

/** A contact as services read it; `country_code` is the database's own index of `additional_attributes`. */
export type ContactRecord = Omit<DecodedRow<ContactColumns>, 'country_code'>;

/** The columns substring search reads, which the index of the default order also holds. */
export const searchedColumns = ['name', 'email', 'phone_number', 'identifier'] as const;

/** The fields no two contacts of an account may share. */
export const uniqueContactFields = ['email', 'phone_number', 'identifier'] as const;
export type UniqueContactField = (typeof uniqueContactFields)[number];

export type ContactFields = Omit<ContactRecord, 'id' | 'account_id' | 'created_at' | 'updated_at'>;

/** Narrows a query on `contacts` to the contacts a listing wants. */
export type ContactCondition = (query: Knex.QueryBuilder) => void;

/** Contacts with an email, a phone number or an identifier: anonymous website visitors have none of them. */
export const identifiedContacts: ContactCondition = (query) =>
  query.where((either) =>
    either.whereNotNull('contacts.email').orWhereNotNull('contacts.phone_number').orWhereNotNull('contacts.identifier'),
  );

/** Contacts carrying any of `labels`, which are stored lower-cased. */
export const carryingAnyLabel =
  (accountId: number, labels: string[]): ContactCondition =>
  (query) =>
    query.whereIn('contacts.id', (labelled) =>
      labelled.select('contact_id').from('contact_labels').where('account_id', accountId).whereIn('label', labels),
    );

/** Contacts meeting every one of `conditions`. */
export const allOf =
  (...conditions: ContactCondition[]): ContactCondition =>
  (query) => {
    for (const condition of conditions) query.where((narrowed) => condition(narrowed));
  };

export interface ContactPageRequest {
  /** From 1. */
  page: number;
  pageSize: number;
  order: ContactOrder;
}

function toRecord(row: TableRow<'contacts'>): ContactRecord {
  return {
    ...row,
    blocked: Boolean(row.blocked),
    additional_attributes: readJson(row.additional_attributes),
    custom_attributes: readJson(row.custom_attributes),
  };
}

function toRow(fields: Partial<ContactFields>): TableUpdate<'contacts'> {
  const { additional_attributes, custom_attributes, ...plain } = fields;
  return {
    ...plain,
    ...(additional_attributes !== undefined && { additional_attributes: writeJson(additional_attributes) }),
    ...(custom_attributes !== undefined && { custom_attributes: writeJson(custom_attributes) }),
  };
}

/** Contacts, always within one account. */
export function contactRepository(db: Database) {
  const inAccount = (accountId: number, condition?: ContactCondition) => {
    const query = db('contacts').where('contacts.account_id', accountId);
    if (condition) query.where((narrowed) => condition(narrowed));
    return query;
  };

  return {
    async insert(accountId: number, fields: ContactFields, now: number): Promise<ContactRecord> {
      const [row] = await db('contacts')
        .insert({
          ...fields,
          additional_attributes: writeJson(fields.additional_attributes),
          custom_attributes: writeJson(fields.custom_attributes),
          account_id: accountId,
          created_at: now,
          updated_at: now,
        })
        .returning('id');
      return { id: idOf(row), account_id: accountId, ...fields, created_at: now, updated_at: now };
    },

    /** With `lock`, inside a transaction, the row stays locked until it ends: see `lockingRowsOf`. */
    async findInAccount(accountId: number, id: number, { lock = false } = {}): Promise<ContactRecord | undefined> {
      if (!isStorableId(id)) return undefined;
      const query = db('contacts').where({ account_id: accountId, id }).first();
      const row = await (lock ? lockingRowsOf(db, 'contacts', query) : query);
      return row && toRecord(row);
    },

    async findManyInAccount(accountId: number, ids: number[]): Promise<ContactRecord[]> {
      if (ids.length === 0) return [];
      const rows = await db('contacts').where('account_id', accountId).whereIn('id', ids);
      return rows.map(toRecord);
    },

    /**
     * The account's contact with this identifier, else with this email, else with this phone number: the contact a
     * person who writes through the client API turns out to be.
     */
    async findByUniqueFields(
      accountId: number,
      fields: Partial<Pick<ContactFields, UniqueContactField>>,
    ): Promise<ContactRecord | undefined> {
      for (const field of ['identifier', 'email', 'phone_number'] as const) {
        const value = fields[field];
        if (value === undefined || value === null) continue;
        const row = await db('contacts')
          .where({ account_id: accountId, [field]: value })
          .first();
        if (row) return toRecord(row);
      }
      return undefined;
    },

    /** Which of these unique fields another contact of the account already has. */
    async takenFields(
      accountId: number,
      fields: Partial<Pick<ContactFields, UniqueContactField>>,
      exceptId?: number,
    ): Promise<UniqueContactField[]> {
      const given = uniqueContactFields.filter((field) => fields[field] !== undefined && fields[field] !== null);
      if (given.length === 0) return [];
      const query = db('contacts')
        .select(given)
        .where('account_id', accountId)
        .where((either) => {
          for (const field of given) either.orWhere(field, fields[field] as string);
        })
        .limit(given.length);
      if (exceptId !== undefined) query.whereNot('id', exceptId);
      const rows = await query;
      return given.filter((field) => rows.some((row) => row[field] === fields[field]));
    },

    async update(id: number, changes: Partial<ContactFields>, now: number): Promise<void> {
      await db('contacts')
        .where({ id })
        .update({ ...toRow(changes), updated_at: now });
    },

    async delete(id: number): Promise<void> {
      await db('contacts').where({ id }).delete();
    },

    /** How many contacts of the account meet `condition`. */
    async count(accountId: number, condition?: ContactCondition): Promise<number> {
      const row = await inAccount(accountId, condition).count({ count: '*' }).first();
      return row?.count ?? 0;
    },

    /**
     * One page of the account's contacts meeting `condition`, plus the first contact of the next page when
     * `lookAhead` asks for it, so that a caller knows whether more follow without counting them all.
     * `withinFirst`, in an order an index gives, reads only that many of the account's first contacts in that order:
     * the page is then exact only if it comes back full. `matchingFirst` finds every contact meeting the condition
     * before ordering them, where the planner could otherwise walk an index in the page's order through the whole
     * account in search of a rare few.
     */
    async page(
      accountId: number,
      condition: ContactCondition | undefined,
      request: ContactPageRequest,
      {
        lookAhead = false,
        withinFirst,
        matchingFirst = false,
      }: { lookAhead?: boolean; withinFirst?: number; matchingFirst?: boolean } = {},
    ): Promise<ContactRecord[]> {
      const limit = request.pageSize + (lookAhead ? 1 : 0);
      const offset = (request.page - 1) * request.pageSize;
      let query: Knex.QueryBuilder;
      if (withinFirst !== undefined && isIndexedOrder(request.order)) {
        // The first contacts come from the order's index; the activity index holds the searched columns too, so that
        // only the page's rows are read from the table.
        const first = db('contacts')
          .select('id', 'last_activity_at', ...searchedColumns)
          .where('account_id', accountId)
          .limit(withinFirst);
        orderContacts(db, first, request.order);
        const matching = db.from(first.as('contacts')).select('contacts.id').limit(limit).offset(offset);
        if (condition) matching.where((narrowed) => condition(narrowed));
        orderContacts(db, matching, request.order);
        query = db('contacts').whereIn('contacts.id', matching);
      } else if (matchingFirst) {
        query = db
          .withMaterialized('matching', inAccount(accountId, condition).select('contacts.*'))
          .from('matching as contacts')
          .limit(limit)
          .offset(offset);
      } else {
        query = inAccount(accountId, condition).limit(limit).offset(offset);
      }
      orderContacts(db, query, request.order);
      const rows = await query.select<TableRow<'contacts'>[]>('contacts.*');
      return rows.map(toRecord);
    },
  };
}

export type ContactRepository = ReturnType<typeof contactRepository>;
