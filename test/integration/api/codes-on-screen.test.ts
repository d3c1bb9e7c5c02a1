import { config } from '../../../shared/config';
import { devIdentities } from '../../../infra/local/console-host';
import { currentCode, givenSchool, startApi, uniqueId, Api, SchoolWorld } from '../../support/world';

/**
 * Codes are read on purpose (issue 20): a code reaches a screen only for staff holding
 * codes:read, and every page shown with codes is in the trail; a parent's previews of one code
 * are recorded once a day and, after the first, cost a guess.
 */
let api: Api;
beforeAll(async () => (api = await startApi()));
afterAll(() => api.close());

const CODE = /[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/;
/** The events without their ids: a random UUID can hold three all-digit groups in a row ("7257-4025-8636"), which CODE matches. */
const withoutIds = (events: object[]) => JSON.stringify(events.map((event) => ({ ...event, eventId: undefined })));

const list = (world: SchoolWorld, token: string, query: string) => api.request('GET', `/schools/${world.school.schoolId}/students?${query}`, { token });
const trail = async (world: SchoolWorld, action: string) =>
  (await api.request('GET', `/schools/${world.school.schoolId}/audit?action=${action}&limit=100`, { token: world.adminToken })).body.items as {
    actor: { type: string; id: string };
    studentId?: string;
    parentId?: string;
    details?: Record<string, unknown>;
  }[];

/** Every page of the list, following cursors, as the reviewer's clerk did. */
async function everyPage(world: SchoolWorld, token: string, limit: number) {
  const pages: { studentId: string; code?: string }[][] = [];
  let cursor: string | undefined;
  do {
    const answer = await list(world, token, `limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(answer.status).toBe(200);
    pages.push(answer.body.items);
    cursor = answer.body.nextCursor;
  } while (cursor);
  return pages;
}

test('a students:read caller without codes:read sees no code in the list (finding: every live code on screen)', async () => {
  const world = await givenSchool({ studentCount: 7, parentCount: 1 });
  const clerk = await world.tokenFor(['students:read', 'parents:read']);
  const pages = await everyPage(world, clerk, 3);
  const bySearch = [(await list(world, clerk, 'q=Last00')).body, (await list(world, clerk, `q=${world.students[4]!.studentNumber}`)).body];

  expect(pages.flat().map((s) => s.studentId).sort()).toEqual(world.students.map((s) => s.studentId).sort());
  for (const row of [...pages.flat(), ...bySearch.flatMap((b) => b.items)]) {
    expect(row).not.toHaveProperty('code');
    // What remains says a code exists and when it lapses, not what it is.
    expect(row).toHaveProperty('codeIssuedAt');
  }
  expect(JSON.stringify([pages, bySearch])).not.toMatch(CODE);
  expect(await trail(world, 'code.viewed')).toEqual([]);
});

test('listing with codes:read writes one audit event per page naming the students', async () => {
  const world = await givenSchool({ studentCount: 5, parentCount: 1 });
  const reader = await world.tokenFor(['students:read', 'codes:read']);
  const pages = await everyPage(world, reader, 2);
  expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
  for (const row of pages.flat()) expect(row.code).toMatch(CODE);

  const events = await trail(world, 'code.viewed');
  // One per page, each naming exactly that page's students (in page order).
  const named = (details: { students?: unknown }[]) => details.map((d) => String(d.students)).sort();
  expect(named(events.map((e) => e.details!))).toEqual(named(pages.map((page) => ({ students: page.map((s) => s.studentId).join(' ') }))));
  expect(events.map((e) => e.details!.count).sort()).toEqual([1, 2, 2]);
  for (const event of events) expect(event.actor.type).toBe('staff');
  expect(withoutIds(events)).not.toMatch(CODE);

  // A search by number shows one student: its event names it, so it is in that student's own trail.
  const one = await list(world, reader, `q=${world.students[3]!.studentNumber}`);
  expect(one.body.items).toEqual([expect.objectContaining({ studentId: 'st3', code: expect.stringMatching(CODE) })]);
  const own = await api.request('GET', `/schools/${world.school.schoolId}/audit?studentId=st3&action=code.viewed`, { token: world.adminToken });
  expect(own.body.items).toEqual([expect.objectContaining({ studentId: 'st3', details: { students: 'st3', count: 1 } })]);

  // A page with no students shows no code and records nothing.
  expect((await list(world, reader, 'q=Nobody')).body.items).toEqual([]);
  expect(await trail(world, 'code.viewed')).toHaveLength(4);
});

test('the local demo identities: Pat Principal holds codes:read, Casey Clerk does not', () => {
  const [principal, clerk] = devIdentities('springfield', 'lincoln-ms');
  expect(principal!.permissions).toContain('codes:read');
  expect(clerk!.permissions).not.toContain('codes:read');
});

const preview = (token: string, code: string) => api.request('POST', '/me/links/preview', { token, body: { code }, ip: uniqueId('ip') });

test('repeated previews of the same code write one event a day and cost a guess', async () => {
  const world = await givenSchool({ studentCount: 1, parentCount: 1 });
  const code = await currentCode(api, world, 'st0');
  const token = await world.parentToken('p0');
  // The first look is free; each repeat keeps its guess, from fresh addresses too, until the parent's limit.
  for (let i = 0; i <= config.THROTTLE_MAX_FAILURES_PER_PARENT; i++) expect((await preview(token, code)).status).toBe(200);
  expect((await preview(token, code)).status).toBe(429);
  expect(await trail(world, 'code.previewed')).toEqual([expect.objectContaining({ studentId: 'st0', parentId: 'p0', actor: { type: 'parent', id: 'p0' } })]);
});

test('a preview of a student already linked to the parent costs a guess and writes no event', async () => {
  const world = await givenSchool({ studentCount: 1, parentCount: 1 });
  const code = await currentCode(api, world, 'st0');
  const token = await world.parentToken('p0');
  expect((await api.request('POST', '/me/links', { token, body: { code }, ip: uniqueId('ip') })).status).toBe(201);
  for (let i = 0; i < config.THROTTLE_MAX_FAILURES_PER_PARENT; i++) expect((await preview(token, code)).status).toBe(200);
  expect((await preview(token, code)).status).toBe(429);
  expect(await trail(world, 'code.previewed')).toEqual([]);
});

test('another parent previewing the same code is a first look of its own', async () => {
  const world = await givenSchool({ studentCount: 1, parentCount: 2 });
  const code = await currentCode(api, world, 'st0');
  for (const parentId of ['p0', 'p1']) expect((await preview(await world.parentToken(parentId), code)).status).toBe(200);
  expect((await trail(world, 'code.previewed')).map((e) => e.parentId).sort()).toEqual(['p0', 'p1']);
});
