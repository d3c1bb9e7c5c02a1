import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, table } from '../../../shared/data/client';
import { keys } from '../../../shared/data/keys';
import { seedLinks, seedStudents } from '../../support/seed';
import { countDynamoCalls } from '../../support/dynamo-calls';
import { givenSchool, startApi, Api, SchoolWorld } from '../../support/world';
import { upsertRoster } from '../../../shared/use-cases/roster';
import { MAX_INDEX_QUERIES } from '../../../shared/domain/name-search';
import { SEARCH_MAX_CANDIDATES, SEARCH_MAX_CHILDREN, SEARCH_MAX_LINK_CHECKS } from '../../../shared/use-cases/parent-administration';

/**
 * Staff search as people search (issue 23): students and parents by any part of a name in any
 * order, case and accents ignored, a parent through a child, by email or user name; only what the
 * school may see; bounded work; one audit event per parent search, without the query.
 *
 * Ids are neutral (pr1, sg1, …) so "the event never holds the query" can be checked by the names.
 */
let api: Api;
beforeAll(async () => (api = await startApi()));
afterAll(() => api.close());

const setup = { type: 'system' as const, id: 'test-setup' };

interface Families {
  a: SchoolWorld;
  b: SchoolWorld;
}

/**
 * School A: Giulia Abbiatici (linked to her mother Rosa), María de la Cruz (the roster names Luis
 * de la Cruz her guardian, not linked), Chloe Martin; Chloé Dubois, a parent; twelve Rossi
 * students and twelve Rossi parents. School B, same district: another Rosa Abbiatici with her own
 * Giulia Abbiatici.
 */
async function givenFamilies(): Promise<Families> {
  const a = await givenSchool({ studentCount: 0, parentCount: 0 });
  const b = await givenSchool({ districtId: a.districtId, studentCount: 0, parentCount: 0 });
  await upsertRoster(
    a.school,
    {
      students: [
        { studentId: 'sg1', firstName: 'Giulia', lastName: 'Abbiatici', studentNumber: '700001' },
        { studentId: 'sm2', firstName: 'María', lastName: 'de la Cruz', studentNumber: '700002' },
        { studentId: 'sc3', firstName: 'Chloe', lastName: 'Martin', studentNumber: '700003' },
        ...Array.from({ length: 12 }, (_, i) => ({ studentId: `sx${i}`, firstName: `Nico${i}`, lastName: 'Rossi', studentNumber: `71${String(i).padStart(4, '0')}` })),
      ],
      parents: [
        { parentId: 'pr1', firstName: 'Rosa', lastName: 'Abbiatici', userName: `rabbiatici-${a.school.schoolId}`, email: `rosa-${a.school.schoolId}@example.org` },
        { parentId: 'pl2', firstName: 'Luis', lastName: 'de la Cruz', userName: `ldlc-${a.school.schoolId}`, studentIds: ['sm2'] },
        { parentId: 'pc3', firstName: 'Chloé', lastName: 'Dubois', userName: `cdubois-${a.school.schoolId}` },
        ...Array.from({ length: 12 }, (_, i) => ({ parentId: `px${i}`, firstName: `Paola${i}`, lastName: 'Rossi', userName: `prossi${i}-${a.school.schoolId}` })),
      ],
    },
    setup,
  );
  await upsertRoster(
    b.school,
    {
      students: [{ studentId: 'sb1', firstName: 'Giulia', lastName: 'Abbiatici', studentNumber: '700001' }],
      parents: [{ parentId: 'pb1', firstName: 'Rosa', lastName: 'Abbiatici', userName: `rabbiatici-${b.school.schoolId}` }],
    },
    setup,
  );
  await seedLinks(a.school, [['sg1', 'pr1']]);
  await seedLinks(b.school, [['sb1', 'pb1']]);
  return { a, b };
}

let families: Families;
beforeAll(async () => (families = await givenFamilies()));

const findParents = (world: SchoolWorld, query: string) => api.request('GET', `/schools/${world.school.schoolId}/parents?${query}`, { token: world.adminToken });
const listStudents = (world: SchoolWorld, query: string) => api.request('GET', `/schools/${world.school.schoolId}/students?${query}`, { token: world.adminToken });
const ids = (body: { items: { parentId?: string; studentId?: string }[] }) => body.items.map((row) => row.parentId ?? row.studentId);
const q = (text: string) => `q=${encodeURIComponent(text)}`;

describe('parents, from one box (by=any, the default)', () => {
  test.each([
    ['Rosa Abbiatici', ['pr1'], 'name'],
    ['abbiatici, rosa', ['pr1'], 'name'],
    ['ROSA', ['pr1'], 'name'],
    ['Abbiatici', ['pr1'], 'name'],
    ['chloe', ['pc3'], 'name'],
    ['CHLOÉ dub', ['pc3'], 'name'],
    ['Luis de la Cruz', ['pl2'], 'name'],
    ['de la Cruz, Luis', ['pl2'], 'name'],
    ['de la cruz', ['pl2'], 'name'],
  ])('%s → %j by %s', async (text, expected, matchedBy) => {
    const found = await findParents(families.a, q(text));
    expect(found.status).toBe(200);
    expect(ids(found.body)).toEqual(expected);
    expect(found.body.items.map((p: { matchedBy: string }) => p.matchedBy)).toEqual(expected.map(() => matchedBy));
  });

  test('through a child: by first name, full name or student number (linked parents and the guardians the roster names)', async () => {
    for (const text of ['Giulia', 'giulia abbiatici', 'Abbiatici, Giulia', '700001']) {
      const found = await findParents(families.a, q(text));
      expect({ text, ids: ids(found.body) }).toEqual({ text, ids: ['pr1'] });
      expect(found.body.items[0]).toMatchObject({
        matchedBy: 'student',
        matchedStudent: { studentId: 'sg1', firstName: 'Giulia', lastName: 'Abbiatici' },
        students: [{ studentId: 'sg1', firstName: 'Giulia', lastName: 'Abbiatici' }],
        managed: true,
      });
    }
    // María's guardian is named by the roster, not linked: found through her all the same.
    const guardian = await findParents(families.a, q('María de la Cruz'));
    expect(ids(guardian.body)).toEqual(['pl2']);
    expect(guardian.body.items[0]).toMatchObject({ matchedBy: 'student', matchedStudent: { studentId: 'sm2' }, students: [] });
  });

  test('by email and by user name (exact, any case)', async () => {
    const s = families.a.school.schoolId;
    const byEmail = await findParents(families.a, q(`ROSA-${s}@Example.org`));
    expect(byEmail.body.items.map((p: { parentId: string; matchedBy: string }) => [p.parentId, p.matchedBy])).toEqual([['pr1', 'email']]);
    const byUserName = await findParents(families.a, q(`RAbbiatici-${s}`));
    expect(byUserName.body.items.map((p: { parentId: string; matchedBy: string }) => [p.parentId, p.matchedBy])).toEqual([['pr1', 'userName']]);
  });

  test('the old ways still work, each on its own', async () => {
    const s = families.a.school.schoolId;
    for (const search of ['by=name&q=abbia', 'by=name&q=Rosa', 'by=student&q=Giulia', 'by=student&q=700001', `by=email&q=rosa-${s}@example.org`, `by=userName&q=rabbiatici-${s}`]) {
      const found = await findParents(families.a, search);
      expect({ search, status: found.status, ids: ids(found.body) }).toEqual({ search, status: 200, ids: ['pr1'] });
    }
    // by=name does not look at children, by=student not at the parents' own names.
    expect(ids((await findParents(families.a, 'by=name&q=Giulia')).body)).toEqual([]);
    expect(ids((await findParents(families.a, 'by=student&q=Rosa')).body)).toEqual([]);
  });

  test("another school's parents are never shown, nor are parents through another school's children", async () => {
    const { a, b } = families;
    for (const text of ['Rosa Abbiatici', 'Giulia', '700001', `rabbiatici-${b.school.schoolId}`]) {
      const found = await findParents(a, q(text));
      expect({ text, ids: ids(found.body).filter((id) => id === 'pb1') }).toEqual({ text, ids: [] });
    }
    const fromB = await findParents(b, q('Giulia Abbiatici'));
    expect(ids(fromB.body)).toEqual(['pb1']);
    expect(fromB.body.items[0].students).toEqual([{ studentId: 'sb1', firstName: 'Giulia', lastName: 'Abbiatici' }]);
  });

  test('a search shows at most `limit` parents and says there are more', async () => {
    const found = await findParents(families.a, 'q=rossi&limit=5');
    expect(found.body.items).toHaveLength(5);
    expect(found.body.more).toBe(true);
    expect(ids(found.body)).toEqual(['px0', 'px10', 'px11', 'px1', 'px2']);
    // Twelve Rossi children are more than the ten whose parents a search looks at: there may be more.
    const all = await findParents(families.a, 'q=rossi&limit=50');
    expect(all.body.items).toHaveLength(12);
    expect(all.body.more).toBe(true);
    const byName = await findParents(families.a, 'by=name&q=rossi&limit=50');
    expect(byName.body.items).toHaveLength(12);
    expect(byName.body.more).toBe(false);
  });

  test('a malformed query is a 400 with a code, before any search', async () => {
    for (const bad of [q('x'.repeat(255)), q(','), q('\u0301'), q('a b c d e'), 'q=', 'by=nickname&q=rosa']) {
      const answer = await findParents(families.a, bad);
      expect({ bad, status: answer.status, code: answer.body.error?.code }).toEqual({ bad, status: 400, code: 'VALIDATION_FAILED' });
    }
  });

  test('exactly one audit event per search, naming the parents shown and never the query', async () => {
    const { a } = families;
    // The event as stored (the trail's reader adds the names of the people an event names, when it is read).
    const stored = async (event: { at: string; eventId: string }) =>
      (await dynamo.send(new GetCommand({ TableName: table('audit'), Key: { pk: keys.auditPartition(a.school), sk: `${event.at}#${event.eventId}` } }))).Item;
    const trail = async () => (await api.request('GET', `/schools/${a.school.schoolId}/audit?action=parents.searched&limit=100`, { token: a.adminToken })).body.items;
    const before = (await trail()).length;

    await findParents(a, q('Rosa Abbiatici'));
    let events = await trail();
    expect(events).toHaveLength(before + 1);
    expect(events[0]).toMatchObject({ action: 'parents.searched', parentId: 'pr1', details: { by: 'any', count: 1, parents: 'pr1' } });
    expect(JSON.stringify(await stored(events[0])).toLowerCase()).not.toMatch(/rosa|abbiatici/);
    // Shown alone, the look-up is in the parent's own trail.
    const own = await api.request('GET', `/schools/${a.school.schoolId}/audit?parentId=pr1&action=parents.searched`, { token: a.adminToken });
    expect(own.body.items.map((e: { eventId: string }) => e.eventId)).toContain(events[0].eventId);

    await findParents(a, 'q=Rossi&limit=3');
    events = await trail();
    expect(events).toHaveLength(before + 2);
    expect(events[0]).toMatchObject({ details: { by: 'any', count: 3, parents: 'px0 px10 px11', more: true } });
    expect(events[0].parentId).toBeUndefined();
    expect(JSON.stringify(await stored(events[0])).toLowerCase()).not.toMatch(/rossi/);

    await findParents(a, q('nobody-by-that-name'));
    events = await trail();
    expect(events).toHaveLength(before + 3);
    expect(events[0].details).toEqual({ by: 'any', count: 0 });
    // No per-parent look-up events any more.
    const old = await api.request('GET', `/schools/${a.school.schoolId}/audit?action=parent.looked-up`, { token: a.adminToken });
    expect(old.body.items).toEqual([]);
  });

  test('bounded work: the DynamoDB requests of a search stay under the documented bound', async () => {
    const limit = 10;
    // The school; the user name, email, both name plans and the number; the children and their guardians; the parents; their links; their students; the audit put.
    const bound = 1 + (1 + 1 + 2 * MAX_INDEX_QUERIES + 1) + (1 + SEARCH_MAX_CHILDREN) + Math.ceil(SEARCH_MAX_CANDIDATES / 100) + (limit + SEARCH_MAX_LINK_CHECKS) + 1 + 1;
    for (const text of ['Rosa Abbiatici', 'Giulia', 'Maria de la Cruz', 'rossi', 'a b c d']) {
      let status = 0;
      const calls = await countDynamoCalls(async () => {
        status = (await findParents(families.a, `${q(text)}&limit=${limit}`)).status;
      });
      const total = Object.values(calls).reduce((n, c) => n + c, 0);
      expect({ text, status, withinBound: total <= bound }).toEqual({ text, status: 200, withinBound: true });
      expect(calls.PutItemCommand).toBe(1);
    }
    // "Rosa Abbiatici": the school, 1 + 6 + 1 + 6 at once, the parents, her links, her student, the audit put.
    const calls = await countDynamoCalls(() => findParents(families.a, q('Rosa Abbiatici')));
    expect(Object.values(calls).reduce((n, c) => n + c, 0)).toBe(20);
  });
});

describe('students', () => {
  test.each([
    ['Giulia', ['sg1']],
    ['giu abb', ['sg1']],
    ['Abbiatici, Giulia', ['sg1']],
    ['GIULIA ABBIATICI', ['sg1']],
    ['700001', ['sg1']],
    ['Maria de la Cruz', ['sm2']],
    ['de la cruz, maría', ['sm2']],
    ['Chloé', ['sc3']],
    ['chloe martin', ['sc3']],
    ['nobody', []],
  ])('%s → %j', async (text, expected) => {
    const found = await listStudents(families.a, q(text));
    expect(found.status).toBe(200);
    expect(ids(found.body)).toEqual(expected);
    expect(found.body).toMatchObject({ total: expected.length, more: false });
    expect(found.body.nextCursor).toBeUndefined();
  });

  test("another school's students are never shown", async () => {
    const { a, b } = families;
    expect(ids((await listStudents(a, q('Giulia Abbiatici'))).body)).toEqual(['sg1']);
    expect(ids((await listStudents(b, q('Giulia Abbiatici'))).body)).toEqual(['sb1']);
  });

  test('a search answers at most `limit` matches, with how many it found and that there are more', async () => {
    const found = await listStudents(families.a, 'q=rossi&limit=5');
    expect(ids(found.body)).toEqual(['sx0', 'sx10', 'sx11', 'sx1', 'sx2']);
    expect(found.body).toMatchObject({ total: 12, more: true });
    const reversed = await listStudents(families.a, 'q=rossi&limit=2&order=desc');
    expect(ids(reversed.body)).toEqual(['sx9', 'sx8']);
  });

  test('malformed: too long, empty after folding, too many words, a search with a cursor → 400 with a code', async () => {
    for (const bad of [q('x'.repeat(101)), q(','), q('\u0301'), q('a b c d e'), `${q('rossi')}&cursor=abc`, 'order=sideways']) {
      const answer = await listStudents(families.a, bad);
      expect({ bad, status: answer.status, code: answer.body.error?.code }).toEqual({ bad, status: 400, code: 'VALIDATION_FAILED' });
    }
  });

  test('a listing: total on the first page only, in name order either way', async () => {
    const first = await listStudents(families.a, 'limit=4');
    expect(first.body).toMatchObject({ total: 15, more: true });
    expect(ids(first.body)).toEqual(['sg1', 'sm2', 'sc3', 'sx0']);
    const next = await listStudents(families.a, `limit=4&cursor=${first.body.nextCursor}`);
    expect(next.body.total).toBeUndefined();
    expect(ids(next.body)).toEqual(['sx10', 'sx11', 'sx1', 'sx2']);
    const desc = await listStudents(families.a, 'limit=3&order=desc');
    expect(desc.body).toMatchObject({ total: 15, more: true });
    expect(ids(desc.body)).toEqual(['sx9', 'sx8', 'sx7']);
    const descNext = await listStudents(families.a, `limit=3&order=desc&cursor=${desc.body.nextCursor}`);
    expect(ids(descNext.body)).toEqual(['sx6', 'sx5', 'sx4']);
  });

  test('the count reads every name range once: other scripts, apostrophes and accents counted, none twice', async () => {
    const world = await givenSchool({ studentCount: 0, parentCount: 0 });
    // 56 students over every segment of seedStudents' last names, 李 and Ångström among them.
    await seedStudents(world.school, 56);
    expect((await listStudents(world, 'limit=1')).body.total).toBe(56);
  });

  test("a not-my-child flag names the parent who raised it and carries the parent's note", async () => {
    const world = await givenSchool({ studentCount: 2, parentCount: 2 });
    await seedLinks(world.school, [['st1', 'p1']]);
    const note = 'I do not know this child; our code letter was for another family.';
    const reported = await api.request('POST', `/me/students/${world.school.schoolId}/st1/not-my-child`, { token: await world.parentToken('p1'), body: { reason: note } });
    expect(reported.status).toBe(200);
    const row = (await listStudents(world, 'q=100001')).body.items[0];
    expect(row.flag).toEqual({ at: expect.any(String), parentId: 'p1', firstName: 'Parent1', lastName: 'Family1', reason: note });
    expect(row.parents).toEqual([]);
    // A note longer than 500 characters is refused in the portal.
    const long = await api.request('POST', `/me/students/${world.school.schoolId}/st0/not-my-child`, { token: await world.parentToken('p0'), body: { reason: 'x'.repeat(501) } });
    expect(long.status).toBe(400);
  });

  test('bounded work: a search and a first page in 4 round trips (the count and the plan as extra requests)', async () => {
    const reads = async (query: string) => {
      const calls = await countDynamoCalls(() => listStudents(families.a, query));
      const { PutItemCommand: audited = 0, ...rest } = calls;
      expect(audited).toBe(1); // the admin sees codes: one code.viewed event
      return rest;
    };
    // The school, the number look-up with the plan's index queries (two words: 6), the students, their parents.
    const search = await reads(q('Giulia Abbiatici'));
    expect(search).toEqual({ GetItemCommand: 1, QueryCommand: 1 + 6, BatchGetItemCommand: 2 });
    // Four words: the whole plan (10); no parent linked, so no parents BatchGet.
    expect(await reads(q('Maria de la Cruz'))).toEqual({ GetItemCommand: 1, QueryCommand: 1 + MAX_INDEX_QUERIES, BatchGetItemCommand: 1 });
    // The school, the page's query with the count beside it (six name ranges at once, one page each here), the students, their parents.
    const listing = await reads('limit=25');
    expect(listing).toEqual({ GetItemCommand: 1, QueryCommand: 1 + 6, BatchGetItemCommand: 2 });
    const later = await reads(`limit=5&cursor=${(await listStudents(families.a, 'limit=5')).body.nextCursor}`);
    // No count after the first page (and no parent linked on this one).
    expect(later).toEqual({ GetItemCommand: 1, QueryCommand: 1, BatchGetItemCommand: 1 });
  });
});
