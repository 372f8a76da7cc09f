import type { components } from '@inquirly/api-types';
import type { Knex } from 'knex';
import type { Database } from '../../db/connection';
import { jsonText } from '../../db/json-text';

/** A `sort` value of the contact lists: a key, descending with a leading `-`. */
export type ContactSort = components['parameters']['ContactSort'];

export type ContactOrder = { key: ContactSortKey; descending: boolean } | 'recent-activity';

type ContactSortKey = ContactSort extends `-${infer Key}` ? Key : never;

const additionalAttributeOf: Partial<Record<ContactSortKey, string>> = {
  company: 'company_name',
  city: 'city',
  country: 'country',
};

/** The order a `sort` value asks for; without one, the most recently active contacts first. */
export function contactOrderOf(sort: ContactSort | undefined): ContactOrder {
  if (sort === undefined) return 'recent-activity';
  const descending = sort.startsWith('-');
  return { key: (descending ? sort.slice(1) : sort) as ContactSortKey, descending };
}

/** Whether an index gives contacts in this order, so that the first ones come without sorting the account. */
export function isIndexedOrder(order: ContactOrder): boolean {
  return order === 'recent-activity' || order.key === 'name';
}

/**
 * Orders contacts with those lacking the value last in either direction, ties by id. The default order and the name
 * order follow an index of their own, so that the first pages of a large account come without sorting it.
 */
export function orderContacts(db: Database, query: Knex.QueryBuilder, order: ContactOrder): void {
  const isPostgres = db.client.config.client === 'pg';
  if (order === 'recent-activity') {
    // SQLite sorts nulls first, so its plain descending order already puts them last and matches its index.
    query.orderByRaw(
      isPostgres
        ? 'contacts.last_activity_at desc nulls last, contacts.id desc'
        : 'contacts.last_activity_at desc, contacts.id desc',
    );
    return;
  }
  const direction = order.descending ? 'desc' : 'asc';
  if (order.key === 'name') {
    query.orderByRaw(`lower(contacts.name) ${direction}, contacts.id ${direction}`);
    return;
  }
  const attribute = additionalAttributeOf[order.key];
  const value = attribute
    ? jsonText(db, 'contacts.additional_attributes', attribute)
    : { sql: `contacts.${order.key}`, bindings: [] };
  query.orderByRaw(`${value.sql} is null, ${value.sql} ${direction}, contacts.id ${direction}`, [
    ...value.bindings,
    ...value.bindings,
  ]);
}
