import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, table } from '../../../shared/data/client';
import { keys } from '../../../shared/data/keys';
import { readOutbox } from '../../../shared/data/outbox';
import { putSchool } from '../../../shared/data/schools';
import { givenSchool, startApi, uniqueId, Api, SchoolWorld } from '../../support/world';
import { districtState } from '../../support/state';

let api: Api;
beforeAll(async () => (api = await startApi()));
afterAll(() => api.close());

const STRONG = 'lantern-orbit-meadow-42';

async function givenFamilies(): Promise<SchoolWorld> {
  const world = await givenSchool({ studentCount: 3, parentCount: 0 });
  const roster = {
    parents: [
      { parentId: 'rosa', firstName: 'Rosa', lastName: 'Abbiatici', userName: 'rabbiatici', email: 'Rosa@Example.org' },
      { parentId: 'sean', firstName: 'Seán', lastName: "O'Brien-Smith", userName: 'sobrien' },
      { parentId: 'lotte', firstName: 'Émilie', lastName: 'van der Berg', userName: 'lvdberg' },
    ],
  };
  const answer = await api.request('PUT', `/schools/${world.school.schoolId}/roster`, { token: world.adminToken, body: roster });
  expect(answer.status).toBe(200);
  return world;
}

const signIn = (world: SchoolWorld, userName: string, password: string, ip = uniqueId('ip')) =>
  api.request('POST', '/auth/sign-in', { body: { district: world.districtId, userName, password }, ip });

async function setPassword(world: SchoolWorld, parentId: string) {
  return api.request('POST', `/schools/${world.school.schoolId}/parents/${parentId}/password`, { token: world.adminToken, body: { confirm: true } });
}

test('staff find a forgotten user name by parent name, student, email or user name; each search is audited once', async () => {
  const world = await givenFamilies();
  const s = world.school.schoolId;
  const code = (await api.request('GET', `/schools/${s}/students`, { token: world.adminToken })).body.items[1].code;
  expect((await api.request('POST', '/me/links', { token: await world.parentToken('rosa'), body: { code } })).status).toBe(201);

  const searches = ['by=name&q=abbia', 'by=student&q=Last001', 'by=student&q=100001', 'by=email&q=rosa@example.org', 'by=userName&q=RAbbiatici'];
  for (const search of searches) {
    const found = await api.request('GET', `/schools/${s}/parents?${search}`, { token: world.adminToken });
    expect({ search, status: found.status, ids: found.body.items.map((p: { parentId: string }) => p.parentId) }).toEqual({ search, status: 200, ids: ['rosa'] });
    expect(found.body.items[0]).toMatchObject({
      userName: 'rabbiatici',
      accountState: 'never-signed-in',
      students: [{ studentId: 'st1', firstName: 'First1', lastName: 'Last001' }],
    });
  }
  // One event per search; each showed Rosa alone, so each is in her own trail too.
  const audit = await api.request('GET', `/schools/${s}/audit?action=parents.searched`, { token: world.adminToken });
  expect(audit.body.items).toHaveLength(searches.length);
  expect(audit.body.items.map((e: { parentId?: string; details: { count: number } }) => [e.parentId, e.details.count])).toEqual(searches.map(() => ['rosa', 1]));
  const hers = await api.request('GET', `/schools/${s}/audit?parentId=rosa&action=parents.searched`, { token: world.adminToken });
  expect(hers.body.items).toHaveLength(searches.length);

  // Staff of another school of the same district do not see this school's parents.
  const neighbour = await givenSchool({ districtId: world.districtId, studentCount: 1, parentCount: 0 });
  const elsewhere = await api.request('GET', `/schools/${neighbour.school.schoolId}/parents?by=userName&q=rabbiatici`, { token: neighbour.adminToken });
  expect(elsewhere.body.items).toEqual([]);
  const setElsewhere = await setPassword(neighbour, 'rosa');
  expect(setElsewhere.status).toBe(404);
});

test('set the default password: needs a confirmation, then sign-in only reaches the change step', async () => {
  const world = await givenFamilies();
  const before = await districtState(world);
  const unconfirmed = await api.request('POST', `/schools/${world.school.schoolId}/parents/rosa/password`, { token: world.adminToken, body: {} });
  expect(unconfirmed.status).toBe(400);
  expect(await districtState(world)).toEqual(before);

  const set = await setPassword(world, 'rosa');
  expect(set.status).toBe(200);
  expect(set.body).toMatchObject({ parentId: 'rosa', userName: 'rabbiatici', policy: 'default' });
  expect(set.body.temporaryPassword).toBeUndefined();
  const days = (Date.parse(set.body.expiresAt) - Date.now()) / 86_400_000;
  expect(days).toBeGreaterThan(2.9);
  expect(days).toBeLessThan(3.1);

  // Case matters: the article's "AbbiaticiR", not "abbiaticir".
  expect((await signIn(world, 'rabbiatici', 'abbiaticir')).status).toBe(401);
  const challenge = await signIn(world, 'rabbiatici', 'AbbiaticiR');
  expect(challenge.status).toBe(200);
  expect(challenge.body).toMatchObject({ challenge: 'NEW_PASSWORD_REQUIRED', session: expect.any(String) });
  expect(challenge.body.token).toBeUndefined();

  // The challenge session is no bearer token: every route refuses it.
  const s = world.school.schoolId;
  for (const [method, path] of [['GET', '/me/students'], ['POST', '/me/links'], ['DELETE', `/me/students/${s}/st0`], ['GET', `/schools/${s}/students`]] as const) {
    const r = await api.request(method, path, { token: challenge.body.session, body: method === 'POST' ? { code: 'x' } : undefined });
    expect({ path, status: r.status }).toEqual({ path, status: 401 });
  }
  // Nor does any older parent token work until the password is changed.
  const oldToken = await world.parentToken('rosa');
  for (const [method, path, body] of [['GET', '/me/students', undefined], ['POST', '/me/links', { code: 'ABCD-EFGH-JKMN' }], ['DELETE', `/me/students/${s}/st0`, undefined], ['POST', `/me/students/${s}/st0/not-my-child`, {}]] as const) {
    const r = await api.request(method, path, { token: oldToken, body });
    expect({ path, status: r.status, code: r.body.error.code }).toEqual({ path, status: 403, code: 'PASSWORD_CHANGE_REQUIRED' });
  }

  // The temporary password worked once: it cannot open a second challenge.
  expect((await signIn(world, 'rabbiatici', 'AbbiaticiR')).status).toBe(401);

  // Weak passwords are refused with reasons; the temporary one can never become permanent.
  const weak = async (newPassword: string) =>
    (await api.request('POST', '/auth/new-password', { body: { session: challenge.body.session, newPassword } })).body.error;
  expect((await weak('zq7-vb')).details.map((d: { problem: string }) => d.problem)).toEqual(['TOO_SHORT']);
  expect((await weak('1qaz2wsx3edc')).details.map((d: { problem: string }) => d.problem)).toContain('COMMON_PASSWORD');
  expect((await weak('Abbiatici-family-home')).details.map((d: { problem: string }) => d.problem)).toEqual(['CONTAINS_NAME']);
  expect((await weak('rabbiatici-at-home-1')).details.map((d: { problem: string }) => d.problem)).toContain('CONTAINS_USER_NAME');
  expect((await weak('AbbiaticiR')).code).toBe('WEAK_PASSWORD');

  const changed = await api.request('POST', '/auth/new-password', { body: { session: challenge.body.session, newPassword: STRONG } });
  expect(changed.status).toBe(200);
  expect(changed.body.token).toEqual(expect.any(String));
  // The session it returns is a real parent token.
  expect((await api.request('GET', '/me/students', { token: changed.body.token })).status).toBe(200);
  // The challenge cannot be replayed, the temporary password is dead, the new one works.
  expect((await api.request('POST', '/auth/new-password', { body: { session: challenge.body.session, newPassword: 'another-strong-one-77' } })).status).toBe(401);
  expect((await signIn(world, 'rabbiatici', 'AbbiaticiR')).status).toBe(401);
  const signedIn = await signIn(world, 'RABBIATICI', STRONG);
  expect(signedIn.status).toBe(200);
  expect(signedIn.body.token).toEqual(expect.any(String));

  const found = await api.request('GET', `/schools/${s}/parents?by=userName&q=rabbiatici`, { token: world.adminToken });
  expect(found.body.items[0]).toMatchObject({ accountState: 'active', lastSignInAt: expect.any(String) });
});

test('an expired temporary password fails', async () => {
  const world = await givenFamilies();
  await setPassword(world, 'sean');
  await dynamo.send(
    new UpdateCommand({
      TableName: table('parents'),
      Key: keys.parent(world.districtId, 'sean'),
      UpdateExpression: 'SET tempPassword.expiresAt = :past',
      ExpressionAttributeValues: { ':past': '2020-01-01T00:00:00.000Z' },
    }),
  );
  expect((await signIn(world, 'sobrien', "O'Brien-SmithS")).status).toBe(401);
});

test('bulk default passwords for names with spaces, hyphens, apostrophes and accents', async () => {
  const world = await givenFamilies();
  const set = await api.request('POST', `/schools/${world.school.schoolId}/parents/passwords`, {
    token: world.adminToken,
    body: { parentIds: ['rosa', 'sean', 'lotte'], confirm: true },
  });
  expect(set.status).toBe(200);
  expect(set.body.parents.map((p: { parentId: string }) => p.parentId)).toEqual(['rosa', 'sean', 'lotte']);
  const expected: [string, string][] = [['rabbiatici', 'AbbiaticiR'], ['sobrien', "O'Brien-SmithS"], ['lvdberg', 'vanderBergÉ']];
  for (const [userName, password] of expected) {
    const r = await signIn(world, userName, password);
    expect({ userName, status: r.status, challenge: r.body.challenge }).toEqual({ userName, status: 200, challenge: 'NEW_PASSWORD_REQUIRED' });
  }

  const before = await districtState(world);
  const unknown = await api.request('POST', `/schools/${world.school.schoolId}/parents/passwords`, {
    token: world.adminToken,
    body: { parentIds: ['rosa', 'nobody'], confirm: true },
  });
  expect(unknown.status).toBe(404);
  const tooMany = await api.request('POST', `/schools/${world.school.schoolId}/parents/passwords`, {
    token: world.adminToken,
    body: { parentIds: Array.from({ length: 26 }, (_, i) => `x${i}`), confirm: true },
  });
  expect(tooMany.status).toBe(400);
  expect(await districtState(world)).toEqual(before);
});

test('the random policy returns a random temporary password once', async () => {
  const world = await givenFamilies();
  await putSchool({ ...world.school, passwordPolicy: 'random' });
  const set = await setPassword(world, 'rosa');
  expect(set.body.policy).toBe('random');
  expect(set.body.temporaryPassword).toMatch(/^\w{4}-\w{4}-\w{4}-\w{4}$/);
  expect((await signIn(world, 'rabbiatici', 'AbbiaticiR')).status).toBe(401);
  expect((await signIn(world, 'rabbiatici', set.body.temporaryPassword)).body.challenge).toBe('NEW_PASSWORD_REQUIRED');
});

test('unknown user, wrong password and locked account get one answer; sign-in failures are throttled', async () => {
  const world = await givenFamilies();
  await setPassword(world, 'lotte');
  const ch = await signIn(world, 'lvdberg', 'vanderBergÉ');
  await api.request('POST', '/auth/new-password', { body: { session: ch.body.session, newPassword: STRONG } });

  const unknown = await signIn(world, 'nobody-here', STRONG);
  const wrong = await signIn(world, 'lvdberg', 'not-the-password-1');
  expect(unknown.status).toBe(401);
  expect(wrong.body).toEqual(unknown.body);
  expect(unknown.body.error.code).toBe('INVALID_CREDENTIALS');

  // From one address, the per-account window (5 failures) runs out: 429, even for the right password.
  const ip = uniqueId('ip');
  for (let i = 0; i < 4; i++) expect((await signIn(world, 'lvdberg', `wrong-guess-${i}-xx`, ip)).status).toBe(401);
  const throttled = await signIn(world, 'lvdberg', STRONG, ip);
  expect(throttled.status).toBe(429);
  expect(throttled.body.error.code).toBe('TOO_MANY_ATTEMPTS');
});

test('events announce password and link changes, carrying ids only; no password in events or audit records', async () => {
  const world = await givenFamilies();
  const s = world.school.schoolId;
  {
    await setPassword(world, 'rosa');
    const ch = await signIn(world, 'rabbiatici', 'AbbiaticiR');
    await api.request('POST', '/auth/new-password', { body: { session: ch.body.session, newPassword: 'short' } });
    const done = await api.request('POST', '/auth/new-password', { body: { session: ch.body.session, newPassword: STRONG } });
    const code = (await api.request('GET', `/schools/${s}/students`, { token: world.adminToken })).body.items[0].code;
    await api.request('POST', '/me/links', { token: done.body.token, body: { code } });
    await api.request('DELETE', `/schools/${s}/students/st0/parents/rosa`, { token: world.adminToken });
  }
  const events = await readOutbox({ districtId: world.districtId });
  expect(events.map((e) => e.type)).toEqual(['parent.password-set', 'link.created', 'link.removed']);
  expect(events.every((e) => e.parentId === 'rosa')).toBe(true);
  const audit = JSON.stringify((await api.request('GET', `/schools/${s}/audit?parentId=rosa&limit=100`, { token: world.adminToken })).body);
  expect(audit).toContain('parent.password-set');
  for (const secret of ['AbbiaticiR', STRONG, 'scrypt$']) {
    expect(JSON.stringify(events)).not.toContain(secret);
    expect(audit).not.toContain(secret);
  }
});
