import type { FilterValue } from './filter-attribute';

export const secondsPerDay = 86_400;

/** The most days `days_before` counts back: far enough for any use, near enough to stay a valid date and bigint. */
export const maxDaysBefore = 100_000;

const numberShape = /^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/;
const dayShape = /^\d{4}-\d{2}-\d{2}$/;

/** The values as text. */
export const textsOf = (values: FilterValue[]): string[] => values.map(String);

/** The values as numbers, given as numbers or numeric text, or undefined when one is not a finite number. */
export function numbersOf(values: FilterValue[]): number[] | undefined {
  const numbers = values.map((value) => {
    if (typeof value === 'number') return value;
    return typeof value === 'string' && numberShape.test(value) ? Number(value) : Number.NaN;
  });
  return numbers.every(Number.isFinite) ? numbers : undefined;
}

/** The values as booleans, given as booleans or as `true` / `false` in any case, or undefined. */
export function booleansOf(values: FilterValue[]): boolean[] | undefined {
  const booleans = values.map((value) => {
    if (typeof value === 'boolean') return value;
    const word = String(value).toLowerCase();
    return word === 'true' ? true : word === 'false' ? false : undefined;
  });
  return booleans.every((value) => value !== undefined) ? booleans : undefined;
}

/** The unix second at which the day `YYYY-MM-DD` starts in UTC, or undefined when the value is no such day. */
export function dayStartOf(value: FilterValue): number | undefined {
  if (typeof value !== 'string' || !dayShape.test(value)) return undefined;
  const milliseconds = Date.parse(`${value}T00:00:00Z`);
  // Date.parse rolls some impossible days over (such as February 30) instead of refusing them.
  if (Number.isNaN(milliseconds) || new Date(milliseconds).toISOString().slice(0, 10) !== value) return undefined;
  return milliseconds / 1000;
}

/** The value as a count of days for `days_before`, given as a number or digits, or undefined. */
export function dayCountOf(value: FilterValue): number | undefined {
  const count =
    typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : -1;
  return Number.isInteger(count) && count >= 0 && count <= maxDaysBefore ? count : undefined;
}

/** The day (`YYYY-MM-DD`, UTC) holding a unix second. */
export const dayOf = (seconds: number): string => new Date(seconds * 1000).toISOString().slice(0, 10);

/** The unix second at which the UTC day holding `seconds` started. */
export const startOfDay = (seconds: number): number => Math.floor(seconds / secondsPerDay) * secondsPerDay;

/** The unix second before which `days_before` `days` matches: the start of today, less that many days. */
export const daysBeforeLimit = (nowSeconds: number, days: number): number =>
  startOfDay(nowSeconds) - days * secondsPerDay;
