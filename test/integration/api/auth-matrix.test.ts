import { ROUTES } from '../../../shared/contract/routes';
import { givenSchool, startApi, Api, SchoolWorld } from '../../support/world';
import { describeAuthMatrix } from '../../support/auth-matrix';
import { PERMISSIONS } from '../../../shared/domain/principal';

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

test('a missing permission is refused in words: what the account can do, what it cannot, who can; the permission in details', async () => {
  const s = world.school.schoolId;
  // An office clerk's account: it can look students and parents up, nothing else.
  const clerk = await world.tokenFor(['students:read', 'parents:read']);
  const reset = await api.request('POST', `/schools/${s}/codes/reset`, { token: clerk, body: { studentIds: ['st0'] } });
  expect(reset.status).toBe(403);
  expect(reset.body.error).toEqual({
    code: 'FORBIDDEN',
    message: 'Your account can see students and jobs and look up parents but cannot reset access codes. Ask a school administrator to reset access codes or to give your account that permission.',
    details: { permission: 'codes:reset' },
  });
  // A job type's own permission, beyond the route's: the act is named.
  const jobsToo = await world.tokenFor(['students:read', 'parents:read', 'jobs:run']);
  const resetAll = await api.request('POST', `/schools/${s}/jobs`, { token: jobsToo, body: { type: 'reset-codes' } });
  expect(resetAll.body.error).toEqual({
    code: 'FORBIDDEN',
    message: 'Your account can see students and jobs, look up parents and run whole-school jobs but cannot reset access codes, which it needs to start a Reset All job. ' +
      'Ask a school administrator to start a Reset All job or to give your account that permission.',
    details: { permission: 'codes:reset' },
  });
  // An account of many permissions is not read its list; a district route's refusal names the district's administrator.
  const allButAudit = await world.tokenFor(PERMISSIONS.filter((p) => p !== 'audit:read'), '*');
  const trail = await api.request('GET', `/districts/${world.districtId}/audit`, { token: allButAudit });
  expect(trail.body.error).toEqual({
    code: 'FORBIDDEN',
    message: 'Your account cannot read the audit trail. Ask a district administrator to read the audit trail or to give your account that permission.',
    details: { permission: 'audit:read' },
  });
});

describeAuthMatrix(ROUTES, () => ({ api, world, other }));
