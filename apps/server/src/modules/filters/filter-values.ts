import type { FilterValue } from './filter-attribute';

export const secondsPerDay = 86_400;

/** The days `days_before` counts back, as the reference bounds them. */
export const minDaysBefore = 1;
export const maxDaysBefore = 998;

/** The largest id a record may have: ids are 32-bit integer columns, which refuse a larger value in a comparison. */
export const maxId = 2_147_483_647;

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

/** The value as a whole number given as a number or digits, or undefined. */
function wholeNumberOf(value: FilterValue): number | undefined {
  const number =
    typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : Number.NaN;
  return Number.isInteger(number) ? number : undefined;
}

/** The value as a count of days for `days_before`, from `minDaysBefore` to `maxDaysBefore`, or undefined. */
export function dayCountOf(value: FilterValue): number | undefined {
  const count = wholeNumberOf(value);
  return count !== undefined && count >= minDaysBefore && count <= maxDaysBefore ? count : undefined;
}

/** The values as record ids, whole numbers from 1 to `maxId`, or undefined when one is not. */
export function idsOf(values: FilterValue[]): number[] | undefined {
  const ids = values.map(wholeNumberOf);
  return ids.every((id) => id !== undefined && id >= 1 && id <= maxId) ? (ids as number[]) : undefined;
}

/** The day (`YYYY-MM-DD`, UTC) holding a unix second. */
export const dayOf = (seconds: number): string => new Date(seconds * 1000).toISOString().slice(0, 10);

/** The unix second at which the UTC day holding `seconds` started. */
export const startOfDay = (seconds: number): number => Math.floor(seconds / secondsPerDay) * secondsPerDay;

/** The unix second before which `days_before` `days` matches: the start of today, less that many days. */
export const daysBeforeLimit = (nowSeconds: number, days: number): number =>
  startOfDay(nowSeconds) - days * secondsPerDay;
