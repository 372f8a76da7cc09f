import type { Database } from '../../db/connection';
import { jsonText } from '../../db/json-text';
import type { CustomAttributeDefinitionRecord } from '../custom-attributes/custom-attribute-repository';
import type { DisplayType } from '../custom-attributes/custom-attribute-vocabulary';
import { booleanAttribute, dayAttribute, numberAttribute, textAttribute } from './attribute-kinds';
import type { FilterAttribute, FilterOperator } from './filter-attribute';
import { jsonBooleanValue, jsonDayValue, jsonNumberValue } from './json-values';

const presence: FilterOperator[] = ['is_present', 'is_not_present'];
const equality: FilterOperator[] = ['equal_to', 'not_equal_to'];
const textOperators: FilterOperator[] = [...equality, 'contains', 'does_not_contain', ...presence];
const listOperators: FilterOperator[] = [...equality, ...presence];
const numberOperators: FilterOperator[] = [...equality, 'is_greater_than', 'is_less_than', ...presence];
const dateOperators: FilterOperator[] = [...equality, 'is_greater_than', 'is_less_than', 'days_before', ...presence];

/** How a custom attribute of each display type reads from a JSON column and compares. */
const attributeOfType: Record<DisplayType, (db: Database, jsonColumn: string, key: string) => FilterAttribute> = {
  text: (db, jsonColumn, key) => textAttribute(db, jsonText(db, jsonColumn, key), { operators: textOperators }),
  link: (db, jsonColumn, key) => textAttribute(db, jsonText(db, jsonColumn, key), { operators: textOperators }),
  list: (db, jsonColumn, key) => textAttribute(db, jsonText(db, jsonColumn, key), { operators: listOperators }),
  number: (db, jsonColumn, key) => numberAttribute(jsonNumberValue(db, jsonColumn, key), numberOperators),
  currency: (db, jsonColumn, key) => numberAttribute(jsonNumberValue(db, jsonColumn, key), numberOperators),
  percent: (db, jsonColumn, key) => numberAttribute(jsonNumberValue(db, jsonColumn, key), numberOperators),
  date: (db, jsonColumn, key) => dayAttribute(jsonDayValue(db, jsonColumn, key), dateOperators),
  checkbox: (db, jsonColumn, key) => booleanAttribute(jsonBooleanValue(db, jsonColumn, key), equality, String),
};

/** The filter attributes that custom attribute `definitions` give a resource whose values sit in `jsonColumn`. */
export function customAttributeFilters(
  db: Database,
  jsonColumn: string,
  definitions: CustomAttributeDefinitionRecord[],
): Map<string, FilterAttribute> {
  return new Map(
    definitions.map((definition) => [
      definition.attribute_key,
      attributeOfType[definition.attribute_display_type](db, jsonColumn, definition.attribute_key),
    ]),
  );
}
