import type { Database } from '../../db/connection';
import { jsonText } from '../../db/json-text';
import { customAttributeDefinitionRepository } from '../custom-attributes/custom-attribute-repository';
import {
  booleanAttribute,
  type TagQueries,
  tagsAttribute,
  textAttribute,
  timestampAttribute,
} from '../filters/attribute-kinds';
import { compileFilter, type FilterVocabulary } from '../filters/compile-filter';
import { customAttributeFilters } from '../filters/custom-attribute-filters';
import type { FilterAttribute, FilterCondition, FilterOperator } from '../filters/filter-attribute';
import { column, type SqlFragment, sql, sqlList } from '../filters/sql-fragment';
import { normalisedLabels } from './contact-label-service';
import type { ContactCondition } from './contact-repository';
import { phrase, shortestIndexedText } from './contact-search';

const equality: FilterOperator[] = ['equal_to', 'not_equal_to'];
const textOperators: FilterOperator[] = [...equality, 'contains', 'does_not_contain'];
const dateOperators: FilterOperator[] = ['is_greater_than', 'is_less_than', 'days_before'];

/** Contacts by their labels, each contact checked through the unique index on (contact_id, label). */
function contactLabelQueries(): TagQueries {
  const labelIn = (labels?: string[]) => (labels ? sql` and label in (${sqlList(labels)})` : column(''));
  return {
    normalised: normalisedLabels,
    // EXISTS rather than IN: SQLite reckons any IN (subquery) at 25 rows and would fetch every contact carrying the
    // label before checking the other conditions, where their index finds far fewer; PostgreSQL plans both alike.
    carrying: (labels) =>
      sql`exists (select 1 from contact_labels where contact_labels.contact_id = contacts.id${labelIn(labels)})`,
    // NOT EXISTS rather than NOT IN: PostgreSQL turns it into an anti-join however many contacts carry labels.
    lacking: (labels) =>
      sql`not exists (select 1 from contact_labels where contact_labels.contact_id = contacts.id${labelIn(labels)})`,
  };
}

/**
 * On SQLite, the contacts whose `field` may contain any of `texts`, through the trigram table that substring search
 * uses; PostgreSQL serves `ilike` through trigram indexes on the columns themselves.
 */
function searchTableCandidates(db: Database, field: 'name' | 'email' | 'phone_number') {
  if (db.client.config.client === 'pg') return undefined;
  return (texts: string[]): SqlFragment | undefined => {
    if (texts.some((text) => [...text].length < shortestIndexedText)) return undefined;
    const query = texts.map((text) => `${field} : ${phrase(text)}`).join(' OR ');
    return sql`contacts.id in (select rowid from contact_search where contact_search match ${query})`;
  };
}

/** The standard keys of the contact filter, in the order the reference lists them. */
function standardContactAttributes(db: Database): Map<string, FilterAttribute> {
  const additional = (key: string): SqlFragment => jsonText(db, 'contacts.additional_attributes', key);
  return new Map([
    // `lower(name)` is what the index (account_id, lower(name), id) holds.
    [
      'name',
      textAttribute(db, column('contacts.name'), {
        operators: textOperators,
        containingCandidates: searchTableCandidates(db, 'name'),
      }),
    ],
    [
      'email',
      textAttribute(db, column('contacts.email'), {
        operators: textOperators,
        storedLowerCase: true,
        containingCandidates: searchTableCandidates(db, 'email'),
      }),
    ],
    // E.164 numbers have no letters, so they are stored lower-case as they are.
    [
      'phone_number',
      textAttribute(db, column('contacts.phone_number'), {
        operators: [...textOperators, 'starts_with'],
        storedLowerCase: true,
        containingCandidates: searchTableCandidates(db, 'phone_number'),
      }),
    ],
    ['identifier', textAttribute(db, column('contacts.identifier'), { operators: equality })],
    // The stored, lower-cased copy of additional_attributes.country_code, which the country index holds.
    [
      'country_code',
      textAttribute(db, column('contacts.country_code'), { operators: equality, storedLowerCase: true }),
    ],
    ['city', textAttribute(db, additional('city'), { operators: textOperators })],
    ['company', textAttribute(db, additional('company_name'), { operators: textOperators })],
    ['labels', tagsAttribute(contactLabelQueries(), [...equality, 'is_present', 'is_not_present'])],
    ['created_at', timestampAttribute(column('contacts.created_at'), dateOperators)],
    ['last_activity_at', timestampAttribute(column('contacts.last_activity_at'), dateOperators)],
    ['blocked', booleanAttribute(column('contacts.blocked'), equality, (blocked) => blocked)],
  ]);
}

/**
 * The contacts of an account that a filter's conditions select, as a condition on `contacts`. The account's contact
 * custom attributes are read only when a condition names a key that is not a standard one.
 */
export async function contactFilterCondition(
  db: Database,
  accountId: number,
  conditions: FilterCondition[],
  nowSeconds: number,
): Promise<ContactCondition> {
  const standard = standardContactAttributes(db);
  const namesCustomAttribute = conditions.some((condition) => !standard.has(condition.attribute_key));
  const definitions = namesCustomAttribute
    ? await customAttributeDefinitionRepository(db).listByModel(accountId, 'contact_attribute')
    : [];
  const vocabulary: FilterVocabulary = {
    standard,
    defaultModel: 'contact_attribute',
    custom: { contact_attribute: customAttributeFilters(db, 'contacts.custom_attributes', definitions) },
  };
  const filter = compileFilter(conditions, vocabulary, { nowSeconds });
  return (query) => query.whereRaw(filter.sql, filter.bindings);
}
