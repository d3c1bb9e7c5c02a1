import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { createLocalJobRunner, type LocalJobRunner } from '../../../infra/local/job-runner';
import { config } from '../../../shared/config';
import { codeLettersPdf, QR_CAPTION } from '../../../shared/documents/code-letters';
import { currentCode, givenSchool, postForFile, startApi, type Api, type SchoolWorld } from '../../support/world';

/**
 * The QR code on each letter, read back as a phone would: the PDF rasterized by poppler's
 * pdftoppm at 150 dpi and each page's symbol decoded by jsQR. It must open the portal's add form
 * with that page's school and that student's code, in the fragment (never sent to a server).
 * Test runs set PORTAL_URL to http://127.0.0.1:3000/ (test/support/global-setup.ts).
 */
const PORTAL = 'http://127.0.0.1:3000/';
const CODE = /[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}/;

let api: Api;
let runner: LocalJobRunner;
let dir: string;
beforeAll(async () => {
  runner = createLocalJobRunner({ retryPauseMs: 0 });
  api = await startApi({ jobs: runner });
  dir = mkdtempSync(join(tmpdir(), 'letters-qr-'));
});
afterAll(async () => {
  await api.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Page {
  text: string;
  /** What the page's QR code says, or null when jsQR finds none. */
  qr: string | null;
}

/** Each page's text (pdftotext) and QR code (pdftoppm -r 150, then jsQR), in page order. */
function pagesOf(pdf: Buffer): Page[] {
  const name = Math.random().toString(36).slice(2);
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  execFileSync('pdftoppm', ['-r', '150', '-png', file, join(dir, name)]);
  // pdftoppm names pages name-1.png … (zero-padded to the page count's width).
  const images = readdirSync(dir)
    .filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png'))
    .sort((a, b) => Number(/-(\d+)\.png$/.exec(a)![1]) - Number(/-(\d+)\.png$/.exec(b)![1]));
  return images.map((image, i) => {
    const png = PNG.sync.read(readFileSync(join(dir, image)));
    const text = execFileSync('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    return { text, qr: jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height)?.data ?? null };
  });
}

const link = (schoolId: string, code: string) => `${PORTAL}#/parent/add?school=${encodeURIComponent(schoolId)}&code=${encodeURIComponent(code)}`;
const letters = (world: SchoolWorld, studentIds: string[]) => postForFile(api, `/schools/${world.school.schoolId}/codes/letters`, world.adminToken, { studentIds });
/** pdftotext keeps the caption's words but may break its line anywhere. */
const oneLine = (text: string) => text.replace(/\s+/g, ' ');

test("each letter's QR code opens the portal's add form with that page's school and that student's code, in the fragment", async () => {
  const world = await givenSchool({ studentCount: 2, parentCount: 1 });
  const answer = await letters(world, ['st0', 'st1']);
  expect(answer.status).toBe(200);
  const pages = pagesOf(answer.bytes);
  expect(pages).toHaveLength(2);
  // Name order: First0 Last000, then First1 Last001.
  for (const [i, studentId] of ['st0', 'st1'].entries()) {
    const code = await currentCode(api, world, studentId);
    const page = pages[i]!;
    expect(page.text).toContain(`First${i} Last00${i}`);
    // The code printed on this page is the one its QR code carries.
    expect(CODE.exec(page.text)?.[0]).toBe(code);
    expect(page.qr).toBe(link(world.school.schoolId, code));
    expect(new URL(page.qr!).search).toBe('');
    expect(oneLine(page.text)).toContain(QR_CAPTION);
  }
});

test('the letters job (a whole grade) puts the same QR codes on its letters', async () => {
  const world = await givenSchool({ studentCount: 2, parentCount: 0 });
  const started = await api.request('POST', `/schools/${world.school.schoolId}/jobs`, { token: world.adminToken, body: { type: 'code-letters' } });
  expect(started.status).toBe(202);
  await runner.wait(started.body.jobId);
  const file = await api.request('GET', `/schools/${world.school.schoolId}/jobs/${started.body.jobId}/file`, { token: world.adminToken });
  expect(file.status).toBe(200);
  const pages = pagesOf(Buffer.from(await (await fetch(file.body.url)).arrayBuffer()));
  expect(pages).toHaveLength(2);
  for (const [i, studentId] of ['st0', 'st1'].entries()) {
    const code = await currentCode(api, world, studentId);
    expect(CODE.exec(pages[i]!.text)?.[0]).toBe(code);
    expect(pages[i]!.qr).toBe(link(world.school.schoolId, code));
  }
});

test('without PORTAL_URL the letters carry no QR code and no scan line, and are otherwise whole', async () => {
  // The configuration is one object read when the API handles the request (same process).
  const world = await givenSchool({ studentCount: 2, parentCount: 1 });
  const portalUrl = config.PORTAL_URL;
  let answer: Awaited<ReturnType<typeof letters>>;
  try {
    config.PORTAL_URL = undefined;
    answer = await letters(world, ['st0', 'st1']);
  } finally {
    config.PORTAL_URL = portalUrl;
  }
  expect(answer.status).toBe(200);
  const pages = pagesOf(answer.bytes);
  expect(pages).toHaveLength(2);
  for (const [i, studentId] of ['st0', 'st1'].entries()) {
    expect(pages[i]!.qr).toBeNull();
    expect(oneLine(pages[i]!.text)).not.toContain('scan this code');
    expect(pages[i]!.text).toContain(await currentCode(api, world, studentId));
  }
});

test('school and code are URL-encoded, and a 2,000-character letter text with a contact line still fits one page with its QR code', async () => {
  const school = { schoolId: 'north & south/1?#', name: 'North & South School', letterText: 'Please read this letter carefully. '.repeat(58).slice(0, 2000), contactLine: 'Front office: 555-0100 · '.repeat(8).slice(0, 200) };
  const students = [
    { firstName: 'Zoë', lastName: 'Nguyễn', grade: '7', homeroom: '7B', code: 'ABCD-EFGH-JKMN', expiresAt: '2027-06-30T00:00:00Z' },
    { firstName: '李', lastName: 'Łukasiewicz', code: 'PQRS-TUVW-XYZ2' },
  ];
  const pages = pagesOf(await codeLettersPdf(school, students, { portalUrl: PORTAL }));
  expect(pages).toHaveLength(2);
  for (const [i, student] of students.entries()) {
    expect(pages[i]!.qr).toBe(link(school.schoolId, student.code));
    const query = new URLSearchParams(new URL(pages[i]!.qr!).hash.split('?')[1]);
    expect({ school: query.get('school'), code: query.get('code') }).toEqual({ school: school.schoolId, code: student.code });
    expect(pages[i]!.text).toContain(student.code);
    expect(oneLine(pages[i]!.text)).toContain('Front office: 555-0100');
  }
});
