import '../../support/lockout-env';
import { givenSchool, startApi, uniqueId, Api } from '../../support/world';

let api: Api;
beforeAll(async () => (api = await startApi()));
afterAll(() => api.close());

test('repeated failures lock the account; the right password then fails alike until staff unlock it', async () => {
  const world = await givenSchool({ studentCount: 1, parentCount: 1 });
  const s = world.school.schoolId;
  const userName = world.parents[0]!.userName;
  const signIn = (password: string) => api.request('POST', '/auth/sign-in', { body: { district: world.districtId, userName, password }, ip: uniqueId('ip') });
  await api.request('POST', `/schools/${s}/parents/p0/password`, { token: world.adminToken, body: { confirm: true } });
  const ch = await signIn('Family0P');
  const strong = 'copper-kettle-sunrise-8';
  expect((await api.request('POST', '/auth/new-password', { body: { session: ch.body.session, newPassword: strong } })).status).toBe(200);

  const wrong = await signIn('wrong-password-000');
  for (let i = 1; i < 3; i++) await signIn(`wrong-password-00${i}`);
  const locked = await signIn(strong);
  expect(locked.status).toBe(401);
  expect(locked.body).toEqual(wrong.body);

  const found = await api.request('GET', `/schools/${s}/parents?by=userName&q=${userName}`, { token: world.adminToken });
  expect(found.body.items[0].accountState).toBe('locked');
  // A locked parent's existing session is refused too.
  expect((await api.request('GET', '/me/students', { token: await world.parentToken('p0') })).status).toBe(401);

  const unlock = await api.request('POST', `/schools/${s}/parents/p0/unlock`, { token: world.adminToken });
  expect(unlock.status).toBe(200);
  expect(unlock.body.accountState).toBe('active');
  expect((await signIn(strong)).body.token).toEqual(expect.any(String));
  const audit = await api.request('GET', `/schools/${s}/audit?action=parent.unlocked`, { token: world.adminToken });
  expect(audit.body.items).toHaveLength(1);
});
