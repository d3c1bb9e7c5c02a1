import { givenSchool, startApi, Api, SchoolWorld } from '../../support/world';
import { districtState } from '../../support/state';

/** Bad input gets a 400 with a machine-readable code and changes nothing. */
let api: Api;
let world: SchoolWorld;
beforeAll(async () => {
  api = await startApi();
  world = await givenSchool();
});
afterAll(() => api.close());

const s = () => world.school.schoolId;

const cases: [string, string, () => string, { body?: unknown; rawBody?: string }, number, string][] = [
  ['reset: not JSON', 'POST', () => `/schools/${s()}/codes/reset`, { rawBody: '{"studentIds": [' }, 400, 'VALIDATION_FAILED'],
  ['reset: no body', 'POST', () => `/schools/${s()}/codes/reset`, {}, 400, 'VALIDATION_FAILED'],
  ['reset: empty list', 'POST', () => `/schools/${s()}/codes/reset`, { body: { studentIds: [] } }, 400, 'VALIDATION_FAILED'],
  ['reset: wrong type', 'POST', () => `/schools/${s()}/codes/reset`, { body: { studentIds: 'st1' } }, 400, 'VALIDATION_FAILED'],
  ['reset: unknown field', 'POST', () => `/schools/${s()}/codes/reset`, { body: { studentIds: ['st1'], all: true } }, 400, 'VALIDATION_FAILED'],
  ['reset: injected id', 'POST', () => `/schools/${s()}/codes/reset`, { body: { studentIds: ['st1#x'] } }, 400, 'VALIDATION_FAILED'],
  ['reset: too many', 'POST', () => `/schools/${s()}/codes/reset`, { body: { studentIds: Array.from({ length: 501 }, (_, i) => `x${i}`) } }, 400, 'VALIDATION_FAILED'],
  ['reset: one unknown id among known ones', 'POST', () => `/schools/${s()}/codes/reset`, { body: { studentIds: ['st1', 'nobody'] } }, 404, 'NOT_FOUND'],
  ['clear: one unknown id among known ones', 'POST', () => `/schools/${s()}/links/clear`, { body: { studentIds: ['st0', 'nobody'] } }, 404, 'NOT_FOUND'],
  ['clear: reason too long', 'POST', () => `/schools/${s()}/links/clear`, { body: { studentIds: ['st0'], reason: 'x'.repeat(501) } }, 400, 'VALIDATION_FAILED'],
  ['remove: no such link', 'DELETE', () => `/schools/${s()}/students/st1/parents/p3`, {}, 404, 'NOT_FOUND'],
  ['remove: unknown student', 'DELETE', () => `/schools/${s()}/students/ghost/parents/p0`, {}, 404, 'NOT_FOUND'],
  ['list: limit out of range', 'GET', () => `/schools/${s()}/students?limit=1000`, {}, 400, 'VALIDATION_FAILED'],
  ['list: forged cursor into another school', 'GET', () => `/schools/${s()}/students?cursor=${Buffer.from(JSON.stringify({ schoolId: 'other', nameKey: 'a', pk: 'STUDENT#other#a' })).toString('base64url')}`, {}, 400, 'VALIDATION_FAILED'],
  ['list: garbage cursor', 'GET', () => `/schools/${s()}/students?cursor=%%%`, {}, 400, 'VALIDATION_FAILED'],
  ['audit: bad time', 'GET', () => `/schools/${s()}/audit?from=yesterday`, {}, 400, 'VALIDATION_FAILED'],
  ['roster: missing name', 'PUT', () => `/schools/${s()}/roster`, { body: { students: [{ studentId: 'n1', lastName: 'X', studentNumber: '1' }] } }, 400, 'VALIDATION_FAILED'],
  ['roster: duplicate ids', 'PUT', () => `/schools/${s()}/roster`, { body: { students: [{ studentId: 'n1', firstName: 'A', lastName: 'X', studentNumber: '1' }, { studentId: 'n1', firstName: 'B', lastName: 'Y', studentNumber: '2' }] } }, 400, 'VALIDATION_FAILED'],
  ['roster: bad email', 'PUT', () => `/schools/${s()}/roster`, { body: { parents: [{ parentId: 'q1', firstName: 'A', lastName: 'B', userName: 'abc', email: 'nope' }] } }, 400, 'VALIDATION_FAILED'],
  ['roster: array body', 'PUT', () => `/schools/${s()}/roster`, { body: [] }, 400, 'VALIDATION_FAILED'],
];

test.each(cases)('%s → %i %s, nothing written', async (_name, method, path, options, status, code) => {
  const before = await districtState(world);
  const response = await api.request(method, path(), { token: world.adminToken, ...options });
  expect(response.status).toBe(status);
  expect(response.body.error).toEqual(expect.objectContaining({ code, message: expect.any(String) }));
  expect(await districtState(world)).toEqual(before);
});

test('validation errors say where the problem is', async () => {
  const response = await api.request('POST', `/schools/${s()}/codes/reset`, { token: world.adminToken, body: { studentIds: [42] } });
  expect(response.body.error.details).toEqual([expect.objectContaining({ path: 'body.studentIds.0' })]);
});

test('unknown routes are 404 in the shape API Gateway itself answers', async () => {
  const response = await api.request('GET', '/nope', { token: world.adminToken });
  expect(response.status).toBe(404);
  // API Gateway itself answers a route it does not have, in its own shape.
  expect(response.body).toEqual({ message: 'Not Found' });
});
