import { ROUTES } from '../../../shared/contract/routes';
import { givenSchool, startApi, Api, SchoolWorld } from '../../support/world';
import { describeAuthMatrix } from '../../support/auth-matrix';

/** Generated from the declared route table (see describeAuthMatrix), so a new route is covered without writing a test. */
let api: Api;
let world: SchoolWorld;
let other: SchoolWorld;
beforeAll(async () => {
  api = await startApi();
  world = await givenSchool();
  other = await givenSchool(); // another district altogether
});
afterAll(() => api.close());

test('only sign-in, recovery by mail and key discovery are open', () => {
  expect(ROUTES.filter((r) => r.auth === 'none').map((r) => r.id).sort()).toEqual([
    'complete-password-reset', 'jwks', 'new-password', 'openapi', 'openid-configuration', 'recover-user-name', 'request-password-reset', 'sign-in',
  ]);
});

test('every staff route names the permissions it needs', () => {
  expect(ROUTES.filter((r) => r.auth === 'staff' && !r.permissions?.length).map((r) => r.id)).toEqual([]);
});

describeAuthMatrix(ROUTES, () => ({ api, world, other }));
