import { describe, expect, it } from 'vitest';
import { parseDate } from '../../../../../lambdas/processes/invoice/extract/dates.ts';

describe('parseDate', () => {
  it.each([
    ['01-Jan-2021', '2021-01-01'],
    ['01/31/2021', '2021-01-31'],
    ['31/01/2021', '2021-01-31'],
    ['2021-01-31', '2021-01-31'],
    ['2021/1/5', '2021-01-05'],
    ['31.01.2021', '2021-01-31'],
    ['03.02.2021', '2021-02-03'],
    ['January 31, 2021', '2021-01-31'],
    ['Jan 31 2021', '2021-01-31'],
    ['March 12th, 2020', '2020-03-12'],
    ['31 January 2021', '2021-01-31'],
    ['12 March 2020', '2020-03-12'],
    ['Thursday, 26 March 2020', '2020-03-26'],
    ['31. Januar 2021', '2021-01-31'],
    ['1. März 2021', '2021-03-01'],
    ['1. Maerz 2021', '2021-03-01'],
    ['15. Dez. 2021', '2021-12-15'],
    ['Montag, 4. Oktober 2021', '2021-10-04'],
    ['31 janvier 2021', '2021-01-31'],
    ['1er février 2021', '2021-02-01'],
    ['15 août 2021', '2021-08-15'],
    ['3 déc. 2021', '2021-12-03'],
    ['01-Jan-21', '2021-01-01'],
    ['  29 February 2024 ', '2024-02-29'],
    ['12/12/2021', '2021-12-12'],
    ['August 3, 2014', '2014-08-03'],
    ['3rd of August, 2014', '2014-08-03'],
    ['2 juillet 2015', '2015-07-02'],
    ['19 april 2014', '2014-04-19'],
    ['19 mrt. 2014', '2014-03-19'],
    ['3 de agosto de 2014', '2014-08-03'],
    ['3 agosto 2014', '2014-08-03'],
    ['3 de março de 2014', '2014-03-03'],
    ['3 sierpnia 2014 r.', '2014-08-03'],
    ['12 października 2023', '2023-10-12'],
    ['1º gennaio 2024', '2024-01-01'],
    ['woensdag 3 januari 2024', '2024-01-03'],
  ])('reads %j as %s, unambiguously', (text, iso) => {
    // Act
    const parsed = parseDate(text, { monthFirst: true });

    // Assess
    expect(parsed).toEqual({ iso, ambiguous: false });
  });

  it.each([
    ['03/02/2021', true, '2021-03-02'],
    ['03/02/2021', false, '2021-02-03'],
    ['12-07-2019', true, '2019-12-07'],
    ['12/07/19', false, '2019-07-12'],
  ])('reads ambiguous %j with monthFirst=%s as %s and says so', (text, monthFirst, iso) => {
    // Act
    const parsed = parseDate(text, { monthFirst });

    // Assess
    expect(parsed).toEqual({ iso, ambiguous: true });
  });

  it.each([
    '',
    'soon',
    '31/31/2021',
    '29 February 2023',
    '2021-13-01',
    '32 January 2021',
    'Smarch 3, 2021',
    '1/2',
  ])('refuses %j', (text) => {
    // Act
    const parsed = parseDate(text, { monthFirst: false });

    // Assess
    expect(parsed).toBeNull();
  });
});
