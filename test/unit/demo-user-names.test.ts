import { demoUserName } from '../../infra/local/demo-data';

/** Demo user names keep every letter, in the plain form people type (finding: Chloé → "chlo"). */
describe('demo user names', () => {
  test.each([
    ['Chloé', 'Murphy', 197, 'chloe.murphy.197'],
    ['Zoë', 'Ñúñez', 3, 'zoe.nunez.3'],
    ['Søren', 'Groß', 4, 'soren.gross.4'],
    ['Anne-Marie', "O'Brien", 5, 'annemarie.obrien.5'],
    ['Łukasz', 'Dvořák', 6, 'lukasz.dvorak.6'],
  ])('%s %s, %i → %s', (first, last, n, expected) => {
    expect(demoUserName(first, last, n)).toBe(expected);
  });
});
