import { CONSOLE_BUDGET_GZIP_BYTES, consoleBundleSize } from '../../bench/console-bundle';

// `npm test` and `npm run test:infra` build the console first; `npm run bench` reports the same figure.
test('the console a browser loads first stays within 150 KB gzipped', () => {
  const size = consoleBundleSize();
  expect(Object.keys(size.files)).toEqual(expect.arrayContaining(['index.html']));
  expect(Object.keys(size.files).some((f) => f.endsWith('.js'))).toBe(true);
  expect(size.gzipBytes).toBeLessThanOrEqual(CONSOLE_BUDGET_GZIP_BYTES);
});
