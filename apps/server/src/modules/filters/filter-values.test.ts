import { booleansOf, dayCountOf, dayStartOf, daysBeforeLimit, idsOf, numbersOf } from './filter-values';

describe('filter values', () => {
  test('a day is a real calendar day as YYYY-MM-DD, starting at midnight UTC', () => {
    expect([dayStartOf('2025-01-31'), dayStartOf('0050-01-01')]).toEqual([1_738_281_600, -60_589_296_000]);
    expect(['2025-02-30', '2025-1-31', '2025-01-31T00:00:00Z', 20250131, 'yesterday'].map(dayStartOf)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  test('numbers are numbers or numeric text, never words or infinities', () => {
    expect(numbersOf([1, '2.5', ' -3e2 ', '.5'])).toEqual([1, 2.5, -300, 0.5]);
    for (const value of ['abc', '', '1e999', '0x10', true]) expect(numbersOf([1, value])).toBeUndefined();
  });

  test('booleans are booleans or the words true and false in any case', () => {
    expect(booleansOf([true, 'FALSE', 'True'])).toEqual([true, false, true]);
    expect(booleansOf(['yes'])).toBeUndefined();
  });

  test('days_before takes a whole number of days from 1 to 998', () => {
    expect([dayCountOf(1), dayCountOf('30'), dayCountOf(998)]).toEqual([1, 30, 998]);
    for (const value of [0, -1, 1.5, '1e2', ' 3', 999, '999', 1e300]) expect(dayCountOf(value)).toBeUndefined();
  });

  test('ids are whole numbers from 1 to the largest 32-bit integer, given as numbers or digits', () => {
    expect(idsOf([1, '42', 2_147_483_647])).toEqual([1, 42, 2_147_483_647]);
    for (const value of [0, -3, 2.5, '2.0', 'abc', '', 2_147_483_648, true]) expect(idsOf([1, value])).toBeUndefined();
  });

  test('days_before counts back from the start of the current UTC day', () => {
    const noonOfJanuaryTenth = Date.parse('2025-01-10T12:00:00Z') / 1000;
    expect(daysBeforeLimit(noonOfJanuaryTenth, 3)).toBe(Date.parse('2025-01-07T00:00:00Z') / 1000);
  });
});
