import { districtState } from '../../support/state';
import { givenSchool, startApi, Api, SchoolWorld } from '../../support/world';

/**
 * OneRoster CSV as SIS exports write it: a byte-order mark, CRLF lines, quoted fields with commas
 * and doubled quotes, 1.1 and 1.2 headers, other schools' and other roles' rows, and broken rows.
 */
let api: Api;
beforeAll(async () => (api = await startApi()));
afterAll(() => api.close());

const BOM = '\ufeff';
const csv = (rows: string[]) => BOM + rows.join('\r\n') + '\r\n';
const USERS_11 = 'sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password';
const USERS_12 =
  'sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password,userMasterIdentifier,resourceSourcedIds,preferredGivenName,preferredMiddleName,preferredFamilyName,primaryOrgSourcedId,pronouns';

function files(world: SchoolWorld) {
  return {
    'orgs.csv': csv([
      'sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId',
      `org-lincoln,active,2026-08-01T00:00:00.000Z,"Lincoln Middle School, Annex",school,${world.school.schoolId},district-1`,
      'org-other,active,2026-08-01T00:00:00.000Z,Other School,school,OTHER,district-1',
    ]),
    'users.csv': csv([
      USERS_11,
      'stu-zoe,active,,true,org-lincoln,student,znguyen,,Zoë,Nguyễn,,900001,,,,"gdn-rosa,gdn-li",07,',
      'stu-ann,active,,true,org-lincoln,student,aobrien,,"Ann ""Annie""","O\'Brien, Jr.",,900002,,,,gdn-li,"08,09",',
      'stu-enr,active,,true,,student,enr,,Enzo,Rossi,,900003,,,,,06,',
      'stu-other,active,,true,org-other,student,other,,Otto,Other,,900004,,,,,07,',
      'tch-1,active,,true,org-lincoln,teacher,teach,,Tea,Cher,,T1,teacher@example.org,,,,,',
      'stu-gone,tobedeleted,,true,org-lincoln,student,gone,,Gone,Away,,900005,,,,,07,',
      'gdn-rosa,active,,true,org-lincoln,guardian,rnguyen-or,,Rosa,Nguyễn,,,rosa@example.org,,,,,',
      'gdn-li,active,,true,,parent,li.wei-or,,Li,Wei,,,li@example.org,,,,,',
      'gdn-other,active,,true,org-other,guardian,ogdn-or,,Olga,Other,,,,,,,,',
    ]),
    'enrollments.csv': csv([
      'sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate',
      'enr-1,active,,class-1,org-lincoln,stu-enr,student,false,2026-08-20,2027-06-10',
      'enr-2,active,,class-1,org-lincoln,tch-1,teacher,true,2026-08-20,2027-06-10',
    ]),
  };
}

const importFiles = (world: SchoolWorld, body: unknown, token = world.adminToken) =>
  api.request('POST', `/schools/${world.school.schoolId}/roster/oneroster`, { token, body });

test('students, guardians and their links come in; other schools, other roles and deletions are skipped; a re-import changes nothing', async () => {
  const world = await givenSchool({ studentCount: 0, parentCount: 0 });
  const first = await importFiles(world, { files: files(world), linkGuardians: true });
  expect(first.status).toBe(200);
  expect(first.body).toEqual({
    students: { created: 3, updated: 0, unchanged: 0 },
    parents: { written: 2, unchanged: 0 },
    links: { created: 3, existing: 0 },
    skipped: { users: 4 },
  });
  const list = (await api.request('GET', `/schools/${world.school.schoolId}/students`, { token: world.adminToken })).body.items;
  const byId = new Map(list.map((s: { studentId: string }) => [s.studentId, s]));
  expect([...byId.keys()].sort()).toEqual(['stu-ann', 'stu-enr', 'stu-zoe']);
  expect(byId.get('stu-zoe')).toMatchObject({ firstName: 'Zoë', lastName: 'Nguyễn', studentNumber: '900001', grade: '07' });
  expect(byId.get('stu-ann')).toMatchObject({ firstName: 'Ann "Annie"', lastName: "O'Brien, Jr.", grade: '08' });
  expect((byId.get('stu-zoe') as { parents: { parentId: string }[] }).parents.map((p) => p.parentId).sort()).toEqual(['gdn-li', 'gdn-rosa']);
  const rosa = await world.parentToken('gdn-rosa');
  expect((await api.request('GET', '/me/students', { token: rosa })).body.students.map((s: { studentId: string }) => s.studentId)).toEqual(['stu-zoe']);
  const found = await api.request('GET', `/schools/${world.school.schoolId}/parents?by=userName&q=li.wei-or`, { token: world.adminToken });
  expect(found.body.items[0]).toMatchObject({ parentId: 'gdn-li', email: 'li@example.org' });

  const before = await districtState(world);
  const again = await importFiles(world, { files: files(world), linkGuardians: true });
  expect(again.body).toEqual({
    students: { created: 0, updated: 0, unchanged: 3 },
    parents: { written: 0, unchanged: 2 },
    links: { created: 0, existing: 3 },
    skipped: { users: 4 },
  });
  expect(await districtState(world)).toEqual(before);
});

test('1.2 headers and no orgs.csv: the org sourcedId is the school id; guardians are not linked unless asked', async () => {
  const world = await givenSchool({ studentCount: 0, parentCount: 0 });
  const s = world.school.schoolId;
  const users = csv([
    USERS_12,
    `stu-1,active,2026-08-01T00:00:00.000Z,true,${s},student,s1,,Mia,Kowalski,,800001,,,,gdn-1,K,,MID-1,,Mimi,,,${s},she/her`,
    `gdn-1,active,2026-08-01T00:00:00.000Z,true,${s},relative,kowalska-or,,Łucja,Kowalska,,,,,,,,,,,,,,${s},`,
  ]);
  const answer = await importFiles(world, { files: { 'users.csv': users } });
  expect(answer.status).toBe(200);
  expect(answer.body).toMatchObject({ students: { created: 1 }, parents: { written: 1 }, links: { created: 0, existing: 0 } });
  const student = (await api.request('GET', `/schools/${s}/students`, { token: world.adminToken })).body.items[0];
  expect(student).toMatchObject({ studentId: 'stu-1', grade: 'K', parents: [] });
});

test('broken files are refused with every problem by file, line and column, and nothing is written', async () => {
  const world = await givenSchool({ studentCount: 2, parentCount: 1 });
  const s = world.school.schoolId;
  const before = await districtState(world);
  const users = csv([
    USERS_11,
    `ok-1,active,,true,${s},student,ok,,Ok,Student,,700001,,,,gdn-1,05,`,
    `bad id!,active,,true,${s},student,x,,Bad,Id,,700002,,,,,05,`,
    `gdn-1,active,,true,${s},guardian,,,No,Username,,,not-an-email,,,,,`,
    `short-row,active,,true,${s},student`,
    '',
    `ok-2,active,,true,${s},student,ok2,,,Nameless,,700003,,,,gdn-missing,05,`,
  ]);
  const answer = await importFiles(world, { files: { 'users.csv': users } });
  expect(answer.status).toBe(400);
  expect(answer.body.error.code).toBe('ROSTER_FILE_INVALID');
  expect(answer.body.error.message).toMatch(/nothing was imported/);
  // The short row is reported alone: ragged rows stop the check before the rules run.
  expect(answer.body.error.details).toEqual([{ file: 'users.csv', line: 5, message: 'The row has 6 fields; the header has 18.' }]);

  const fixedRagged = users.replace(`short-row,active,,true,${s},student\r\n`, '');
  const rules = await importFiles(world, { files: { 'users.csv': fixedRagged } });
  expect(rules.status).toBe(400);
  const where = rules.body.error.details.map((d: { file: string; line: number; column?: string }) => `${d.file}:${d.line}:${d.column}`);
  expect(where).toEqual(['users.csv:3:sourcedId', 'users.csv:6:givenName', 'users.csv:6:agentSourcedIds', 'users.csv:4:username', 'users.csv:4:email']);
  expect(await districtState(world)).toEqual(before);
});

test('unreadable CSV, a missing column, an unknown school org or enrollment user: each named, nothing written', async () => {
  const world = await givenSchool({ studentCount: 1, parentCount: 1 });
  const before = await districtState(world);
  const problems = async (body: unknown) => {
    const answer = await importFiles(world, body);
    expect(answer.status).toBe(400);
    return answer.body.error.details;
  };
  expect(await problems({ files: { 'users.csv': csv([USERS_11, 'a,active,,true,x,student,u,,"Open quote,Name,,1,,,,,,']) } })).toEqual([
    { file: 'users.csv', line: 2, message: 'Not a readable CSV file: a quoted field opens here and is never closed.' },
  ]);
  expect(await problems({ files: { 'users.csv': csv(['sourcedId,role,givenName', 'a,student,A']) } })).toEqual([
    { file: 'users.csv', line: 1, column: 'familyName', message: 'The header has no "familyName" column.' },
  ]);
  const orgs = csv(['sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId', 'org-x,active,,X,school,X,']);
  expect(await problems({ files: { 'users.csv': csv([USERS_11]), 'orgs.csv': orgs } })).toEqual([
    { file: 'orgs.csv', line: 1, message: `No org has the sourcedId or identifier "${world.school.schoolId}" (this school).` },
  ]);
  const enrollments = csv(['sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate', `e1,active,,c1,${world.school.schoolId},ghost,student,false,,`]);
  expect(await problems({ files: { 'users.csv': csv([USERS_11]), 'enrollments.csv': enrollments } })).toEqual([
    { file: 'enrollments.csv', line: 2, column: 'userSourcedId', message: 'No user "ghost" in users.csv.' },
  ]);
  expect(await districtState(world)).toEqual(before);
});
