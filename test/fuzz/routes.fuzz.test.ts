import { ROUTES } from '../../shared/contract/routes';
import { givenSchool, startApi, Api, SchoolWorld } from '../support/world';
import { describeFuzz } from '../support/fuzz';
import { createLocalJobRunner } from '../../infra/local/job-runner';

/**
 * Hostile input for every declared route (a new route is fuzzed without writing a test): wrong
 * types, huge and deeply nested values, unicode, injection strings, missing and extra fields,
 * odd path segments. Every answer must be a 4xx with the error shape (or a 2xx for the rare
 * input that happens to be valid), never a 5xx, and a route that refused everything wrote nothing.
 * `npm test` runs a few cases per route; `npm run fuzz` runs 10,000 (FUZZ_RUNS).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 12);
jest.setTimeout(Math.max(60_000, RUNS * ROUTES.length * 50));

let api: Api;
let world: SchoolWorld;
beforeAll(async () => {
  // Some spoiled examples are still valid job starts: they run, as they would in AWS.
  api = await startApi({ jobs: createLocalJobRunner({ retryPauseMs: 0 }) });
  world = await givenSchool({ studentCount: 3, parentCount: 2 });
});
afterAll(() => api.close());

describeFuzz(ROUTES, RUNS, () => ({ api, world }));
