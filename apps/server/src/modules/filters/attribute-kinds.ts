import type { Database } from '../../db/connection';
import { escapeLike, likeIgnoringCase } from '../../db/like-pattern';
import { expecting, type FilterAttribute, type FilterOperator, type Predicate } from './filter-attribute';
import {
  booleansOf,
  dayCountOf,
  dayOf,
  dayStartOf,
  daysBeforeLimit,
  idsOf,
  maxDaysBefore,
  maxId,
  minDaysBefore,
  numbersOf,
  secondsPerDay,
  textsOf,
} from './filter-values';
import { type BoundValue, column, joinSql, type SqlFragment, sql, sqlList } from './sql-fragment';

/*
 * The kinds of attribute a filter compares, each over an SQL expression of its value. The negative operators also
 * match records whose value is NULL, which is how every reader here says that a record lacks the attribute.
 */

const anyOf = (predicates: SqlFragment[]): SqlFragment => sql`(${joinSql(predicates, ' or ')})`;
const missingOr = (value: SqlFragment, predicate: SqlFragment): SqlFragment => sql`(${value} is null or ${predicate})`;
const dayCount = `a whole number of days from ${minDaysBefore} to ${maxDaysBefore}`;

function unsupported(operator: FilterOperator): never {
  throw new Error(`no SQL for the operator ${operator} here`);
}

export interface TextAttributeOptions {
  operators: readonly FilterOperator[];
  /**
   * The expression holds text whose case needs no folding, so that equality compares it as stored, through a plain
   * index, with the values lower-cased as the text was when stored.
   */
  storedLowerCase?: boolean;
  /**
   * Narrows the records to those that may contain any of `texts`, through an index that LIKE cannot use, or gives
   * undefined when the index cannot tell; `contains` and `starts_with` then check the candidates.
   */
  containingCandidates?: (texts: string[]) => SqlFragment | undefined;
}

/** Text compared ignoring case, where an empty text counts as absent. */
export function textAttribute(
  db: Database,
  value: SqlFragment,
  { operators, storedLowerCase = false, containingCandidates }: TextAttributeOptions,
): FilterAttribute {
  const like = column(likeIgnoringCase(db));
  const lowered = (texts: string[]) =>
    joinSql(
      texts.map((text) => sql`lower(${text})`),
      ', ',
    );
  const equalsAny = (texts: string[]) =>
    storedLowerCase
      ? sql`${value} in (${sqlList(texts.map((text) => text.toLowerCase()))})`
      : sql`lower(${value}) in (${lowered(texts)})`;
  const likeAny = (patterns: string[]) =>
    anyOf(patterns.map((pattern) => sql`${value} ${like} ${pattern} escape '\\'`));
  const containingAny = (texts: string[]) => likeAny(texts.map((text) => `%${escapeLike(text)}%`));
  const startingWithAny = (texts: string[]) => likeAny(texts.map((text) => `${escapeLike(text)}%`));
  const throughCandidates = (texts: string[], matching: SqlFragment) => {
    const candidates = containingCandidates?.(texts);
    return candidates ? sql`(${candidates} and ${matching})` : matching;
  };

  return {
    operators,
    predicate(operator, values) {
      const texts = textsOf(values);
      switch (operator) {
        case 'equal_to':
          return equalsAny(texts);
        case 'not_equal_to':
          return missingOr(value, sql`not (${equalsAny(texts)})`);
        case 'contains':
          return throughCandidates(texts, containingAny(texts));
        case 'does_not_contain':
          return missingOr(value, sql`not ${containingAny(texts)}`);
        case 'starts_with':
          return throughCandidates(texts, startingWithAny(texts));
        case 'is_present':
          return sql`(${value} is not null and ${value} <> '')`;
        case 'is_not_present':
          return sql`(${value} is null or ${value} = '')`;
        default:
          return unsupported(operator);
      }
    },
  };
}

/** Numbers; `value` is NULL where the stored value is not a number. */
export function numberAttribute(value: SqlFragment, operators: readonly FilterOperator[]): FilterAttribute {
  return {
    operators,
    predicate(operator, values) {
      if (operator === 'is_present') return sql`${value} is not null`;
      if (operator === 'is_not_present') return sql`${value} is null`;
      const numbers = numbersOf(values);
      if (!numbers) return expecting('numbers');
      switch (operator) {
        case 'equal_to':
          return sql`${value} in (${sqlList(numbers)})`;
        case 'not_equal_to':
          return missingOr(value, sql`${value} not in (${sqlList(numbers)})`);
        case 'is_greater_than':
          return sql`${value} > ${numbers[0] as number}`;
        case 'is_less_than':
          return sql`${value} < ${numbers[0] as number}`;
        default:
          return unsupported(operator);
      }
    },
  };
}

/**
 * Ids of the records a column links to, compared as the integers the column holds so that an index on it serves
 * them. A record links to none where `value` is NULL, unless `linked` says otherwise.
 */
export function idAttribute(
  value: SqlFragment,
  operators: readonly FilterOperator[],
  linked: SqlFragment = sql`${value} is not null`,
): FilterAttribute {
  return {
    operators,
    predicate(operator, values) {
      if (operator === 'is_present') return linked;
      if (operator === 'is_not_present') return sql`not (${linked})`;
      const ids = idsOf(values);
      if (!ids) return expecting(`ids, whole numbers from 1 to ${maxId}`);
      switch (operator) {
        case 'equal_to':
          return sql`${value} in (${sqlList(ids)})`;
        case 'not_equal_to':
          return missingOr(value, sql`${value} not in (${sqlList(ids)})`);
        default:
          return unsupported(operator);
      }
    },
  };
}

/** The values a choice attribute takes besides its choices: `everyChoice` stands for all of them. */
export interface ChoiceOptions {
  everyChoice?: string;
}

/** One of a fixed set of lower-case words, stored as such; the values may come in any case. */
export function choiceAttribute(
  value: SqlFragment,
  choices: readonly string[],
  operators: readonly FilterOperator[],
  { everyChoice }: ChoiceOptions = {},
): FilterAttribute {
  const accepted = everyChoice ? [...choices, everyChoice] : choices;
  return {
    operators,
    predicate(operator, values) {
      const words = textsOf(values).map((text) => text.toLowerCase());
      if (!words.every((word) => accepted.includes(word))) return expecting(`any of ${accepted.join(', ')}`);
      const chosen = everyChoice && words.includes(everyChoice) ? [...choices] : words;
      switch (operator) {
        case 'equal_to':
          return sql`${value} in (${sqlList(chosen)})`;
        case 'not_equal_to':
          return missingOr(value, sql`${value} not in (${sqlList(chosen)})`);
        default:
          return unsupported(operator);
      }
    },
  };
}

/** Days as `YYYY-MM-DD` text, which orders as the days do; `value` is NULL where no day is stored. */
export function dayAttribute(value: SqlFragment, operators: readonly FilterOperator[]): FilterAttribute {
  return {
    operators,
    predicate(operator, values, { nowSeconds }): Predicate {
      if (operator === 'is_present') return sql`${value} is not null`;
      if (operator === 'is_not_present') return sql`${value} is null`;
      if (operator === 'days_before') {
        const days = dayCountOf(values[0] as BoundValue);
        if (days === undefined) return expecting(dayCount);
        return sql`${value} < ${dayOf(daysBeforeLimit(nowSeconds, days))}`;
      }
      const days = operator === 'equal_to' || operator === 'not_equal_to' ? values : values.slice(0, 1);
      if (!days.every((day) => dayStartOf(day) !== undefined)) return expecting('dates as YYYY-MM-DD');
      const texts = textsOf(days);
      switch (operator) {
        case 'equal_to':
          return sql`${value} in (${sqlList(texts)})`;
        case 'not_equal_to':
          return missingOr(value, sql`${value} not in (${sqlList(texts)})`);
        case 'is_greater_than':
          return sql`${value} > ${texts[0] as string}`;
        case 'is_less_than':
          return sql`${value} < ${texts[0] as string}`;
        default:
          return unsupported(operator);
      }
    },
  };
}

/**
 * Moments stored as unix seconds, compared by UTC day: after a day means from the start of the next one, before a
 * day means before its start. Plain comparisons of the column, so that an index on it serves them.
 */
export function timestampAttribute(seconds: SqlFragment, operators: readonly FilterOperator[]): FilterAttribute {
  return {
    operators,
    predicate(operator, values, { nowSeconds }) {
      if (operator === 'days_before') {
        const days = dayCountOf(values[0] as BoundValue);
        if (days === undefined) return expecting(dayCount);
        return sql`${seconds} < ${daysBeforeLimit(nowSeconds, days)}`;
      }
      const dayStart = dayStartOf(values[0] as BoundValue);
      if (dayStart === undefined) return expecting('a date as YYYY-MM-DD');
      switch (operator) {
        case 'is_greater_than':
          return sql`${seconds} >= ${dayStart + secondsPerDay}`;
        case 'is_less_than':
          return sql`${seconds} < ${dayStart}`;
        default:
          return unsupported(operator);
      }
    },
  };
}

/** Booleans, which `stored` turns into what `value` holds for them. */
export function booleanAttribute(
  value: SqlFragment,
  operators: readonly FilterOperator[],
  stored: (boolean: boolean) => BoundValue,
): FilterAttribute {
  return {
    operators,
    predicate(operator, values) {
      const booleans = booleansOf(values);
      if (!booleans) return expecting('true or false');
      const list = sqlList(booleans.map(stored));
      switch (operator) {
        case 'equal_to':
          return sql`${value} in (${list})`;
        case 'not_equal_to':
          return missingOr(value, sql`${value} not in (${list})`);
        default:
          return unsupported(operator);
      }
    },
  };
}

/** How to find the records carrying tags, such as labels. */
export interface TagQueries {
  /** The tags as stored, from the values a filter gives. */
  normalised(values: string[]): string[];
  /** Records carrying any of `tags`, or any tag at all when none are given. */
  carrying(tags?: string[]): SqlFragment;
  /** Records carrying none of `tags`, or no tag at all when none are given. */
  lacking(tags?: string[]): SqlFragment;
}

/** Tags a record carries any number of: `equal_to` any of them, `not_equal_to` none of them. */
export function tagsAttribute(queries: TagQueries, operators: readonly FilterOperator[]): FilterAttribute {
  return {
    operators,
    predicate(operator, values) {
      if (operator === 'is_present') return queries.carrying();
      if (operator === 'is_not_present') return queries.lacking();
      const tags = queries.normalised(textsOf(values));
      if (tags.length === 0) return expecting('names that are not blank');
      switch (operator) {
        case 'equal_to':
          return queries.carrying(tags);
        case 'not_equal_to':
          return queries.lacking(tags);
        default:
          return unsupported(operator);
      }
    },
  };
}
