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

test('only sign-in (password or passkey), recovery by mail, invitation links, lost codes and key discovery are open', () => {
  expect(ROUTES.filter((r) => r.auth === 'none').map((r) => r.id).sort()).toEqual([
    'accept-invitation', 'complete-password-reset', 'jwks', 'new-password', 'openapi', 'openid-configuration', 'passkey-sign-in', 'passkey-sign-in-options',
    'preview-invitation', 'recover-user-name', 'request-lost-code', 'request-password-reset', 'sign-in',
  ]);
});

test('every staff route names the permissions it needs', () => {
  expect(ROUTES.filter((r) => r.auth === 'staff' && !r.permissions?.length).map((r) => r.id)).toEqual([]);
});

describeAuthMatrix(ROUTES, () => ({ api, world, other }));
