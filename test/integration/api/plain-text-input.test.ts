import { givenSchool, startApi, Api, SchoolWorld } from '../../support/world';
import { districtState } from '../../support/state';
import { PERMISSIONS } from '../../../shared/domain/principal';

/**
 * Names and free text refuse control characters and bidi overrides at every door (JSON roster,
 * OneRoster files, school settings, reasons): a 400 that names the field, and nothing written.
 */
let api: Api;
let world: SchoolWorld;
let districtAdmin: string;
beforeAll(async () => {
  api = await startApi();
  world = await givenSchool({ studentCount: 1, parentCount: 1 });
  districtAdmin = await world.tokenFor(PERMISSIONS, '*');
});
afterAll(() => api.close());

const s = () => world.school.schoolId;
const student = (fields: Record<string, string>) => ({ students: [{ studentId: 'n1', firstName: 'Ana', lastName: 'Lee', studentNumber: '1', ...fields }] });
const parent = (fields: Record<string, string>) => ({ parents: [{ parentId: 'q1', firstName: 'Ana', lastName: 'Lee', userName: 'alee-q1', ...fields }] });
const MESSAGE = (character: string) => `must not contain control characters or bidirectional overrides (found ${character}).`;

const cases: [string, string, () => string, unknown, string, string][] = [
  ['a NUL in a student first name', 'PUT', () => `/schools/${s()}/roster`, student({ firstName: 'A\u0000na' }), 'body.students.0.firstName', 'U+0000'],
  ['an ESC in a student last name', 'PUT', () => `/schools/${s()}/roster`, student({ lastName: 'Lee\u001b[31m' }), 'body.students.0.lastName', 'U+001B'],
  ['a BEL in a homeroom', 'PUT', () => `/schools/${s()}/roster`, student({ homeroom: '7\u0007B' }), 'body.students.0.homeroom', 'U+0007'],
  ['a right-to-left override in a parent name', 'PUT', () => `/schools/${s()}/roster`, parent({ lastName: 'Le\u202Ee' }), 'body.parents.0.lastName', 'U+202E'],
  ['an isolate in a user name', 'PUT', () => `/schools/${s()}/roster`, parent({ userName: 'alee\u2066x' }), 'body.parents.0.userName', 'U+2066'],
  ['a newline in a name', 'PUT', () => `/schools/${s()}/roster`, parent({ firstName: 'An\na' }), 'body.parents.0.firstName', 'U+000A'],
  ['a C1 control in a school name', 'PUT', () => `/districts/${world.districtId}/schools/${s()}`, { name: 'Test\u009bSchool' }, 'body.name', 'U+009B'],
  ['a bidi override in a letter', 'PUT', () => `/districts/${world.districtId}/schools/${s()}`, { name: 'Test School', letterText: 'Dear family,\n\u202Egniknil' }, 'body.letterText', 'U+202E'],
  ['a DEL in a contact line', 'PUT', () => `/districts/${world.districtId}/schools/${s()}`, { name: 'Test School', contactLine: 'Office\u007f' }, 'body.contactLine', 'U+007F'],
  ['an ESC in a reason', 'POST', () => `/schools/${s()}/links/clear`, { studentIds: ['st0'], reason: 'moved\u001b[2J' }, 'body.reason', 'U+001B'],
];

test.each(cases)('names with control characters or bidi overrides are refused with the field named (%s)', async (_name, method, path, body, field, character) => {
  const before = await districtState(world);
  const response = await api.request(method, path(), { token: districtAdmin, body });
  expect(response.status).toBe(400);
  expect(response.body.error).toEqual(expect.objectContaining({ code: 'VALIDATION_FAILED', details: [{ path: field, message: MESSAGE(character) }] }));
  expect(await districtState(world)).toEqual(before);
});

test('a letter keeps its line breaks and tabs', async () => {
  const response = await api.request('PUT', `/districts/${world.districtId}/schools/${s()}`, { token: districtAdmin, body: { name: 'Test School', letterText: 'Dear family,\r\n\tyour code is below.' } });
  expect(response.status).toBe(200);
});

test('names with control characters or bidi overrides are refused with the field named (a OneRoster file: file, line and column)', async () => {
  const before = await districtState(world);
  const users = 'sourcedId,status,role,givenName,familyName,orgSourcedIds,username\r\n' + `g1,active,guardian,Ana,Le\u202Ee,${s()},alee-g1\r\n`;
  const response = await api.request('POST', `/schools/${s()}/roster/oneroster`, { token: world.adminToken, body: { files: { 'users.csv': users } } });
  expect(response.status).toBe(400);
  expect(response.body.error).toEqual(expect.objectContaining({ code: 'ROSTER_FILE_INVALID', details: [{ file: 'users.csv', line: 2, column: 'familyName', message: MESSAGE('U+202E') }] }));
  expect(await districtState(world)).toEqual(before);
});
