import '../../support/isolated-tables';
import { createLocalJobRunner, LocalJobRunner } from '../../../infra/local/job-runner';
import { fileStore } from '../../../shared/adapters';
import { givenSchool, startApi, Api, SchoolWorld } from '../../support/world';

/**
 * Roster uploads through presigned links to the local S3 server, which checks SigV4 as S3 does:
 * a link admits exactly the size and type it was signed for, carries no checksum of an empty
 * body, and nothing is read from the bucket without a signature. Then the import job's problem
 * list, which must always be stored on the job where staff read it.
 */
jest.setTimeout(120_000);

let api: Api;
let runner: LocalJobRunner;
let world: SchoolWorld;
beforeAll(async () => {
  runner = createLocalJobRunner({ retryPauseMs: 0 });
  api = await startApi({ jobs: runner });
  world = await givenSchool({ studentCount: 0, parentCount: 0 });
});
afterAll(() => api.close());

const USERS = 'sourcedId,status,role,givenName,familyName,orgSourcedIds,username,email';
type Link = { name: string; url: string; headers: Record<string, string> };

async function links(files: { name: string; bytes: number }[]) {
  const answer = await api.request('POST', `/schools/${world.school.schoolId}/roster/uploads`, { token: world.adminToken, body: { files } });
  expect(answer.status).toBe(200);
  return answer.body as { uploadId: string; files: Link[] };
}
const put = (link: Link, body: string | Buffer, headers: Record<string, string> = link.headers) => fetch(link.url, { method: 'PUT', body, headers });

test('a presigned roster upload refuses a larger body than signed', async () => {
  const file = `${USERS}\r\ns1,active,student,Ann,Lee,${world.school.schoolId},alee,\r\n`;
  const { files: [link] } = await links([{ name: 'users.csv', bytes: Buffer.byteLength(file) }]);
  const larger = await put(link!, `${file}x`);
  expect(larger.status).toBe(403);
  expect(await larger.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
  expect((await put(link!, file.slice(1))).status).toBe(403);
  // Nothing was stored by the refused PUTs; the signed length and type are.
  const store = await fileStore();
  const key = new URL(link!.url).pathname.split('/').slice(2).join('/');
  expect(await store.size(key)).toBeUndefined();
  expect((await put(link!, file)).status).toBe(200);
  expect(await store.size(key)).toBe(Buffer.byteLength(file));
});

test('a presigned roster upload refuses another content type than signed', async () => {
  const { files: [link] } = await links([{ name: 'users.csv', bytes: 5 }]);
  expect(link!.headers).toEqual({ 'content-type': 'text/csv' });
  expect((await put(link!, 'a,b\r\n', { 'content-type': 'text/html' })).status).toBe(403);
  expect((await put(link!, 'a,b\r\n')).status).toBe(200);
});

test('a roster upload link is not handed out for a file over 50 MB', async () => {
  const answer = await api.request('POST', `/schools/${world.school.schoolId}/roster/uploads`, { token: world.adminToken, body: { files: [{ name: 'users.csv', bytes: 50 * 1024 * 1024 + 1 }] } });
  expect(answer).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED', details: [expect.objectContaining({ path: 'body.files.0.bytes' })] } } });
});

test('a presigned roster upload signs no checksum of an empty body', async () => {
  const { files: [link] } = await links([{ name: 'users.csv', bytes: 10 }]);
  const query = new URL(link!.url).searchParams;
  expect(query.get('x-amz-checksum-crc32')).toBeNull();
  expect(query.get('x-amz-sdk-checksum-algorithm')).toBeNull();
  expect(query.get('X-Amz-SignedHeaders')).toBe('content-length;content-type;host');
});

test('the local S3 server refuses anonymous reads and listings', async () => {
  const store = await fileStore();
  await store.put('jobs/anonymous-test/file.csv', 'secret codes', 'text/csv');
  const signed = new URL(await store.downloadLink('jobs/anonymous-test/file.csv', 'file.csv', 600));
  const anonymous = `${signed.origin}${signed.pathname}`;
  const read = await fetch(anonymous);
  expect(read.status).toBe(403);
  expect(await read.text()).toContain('<Code>AccessDenied</Code>');
  const bucket = signed.pathname.split('/')[1];
  expect((await fetch(`${signed.origin}/${bucket}?list-type=2`)).status).toBe(403);
  expect((await fetch(`${signed.origin}/`)).status).toBe(403);
  expect((await fetch(anonymous, { method: 'PUT', body: 'x' })).status).toBe(403);
  // A forged signature is no signature.
  signed.searchParams.set('X-Amz-Signature', '0'.repeat(64));
  expect((await fetch(signed)).status).toBe(403);
  // What the API hands out and the SDK's own signed calls still work.
  expect(await (await fetch(await store.downloadLink('jobs/anonymous-test/file.csv', 'file.csv', 600))).text()).toBe('secret codes');
  expect(await store.list('jobs/anonymous-test/')).toEqual(['jobs/anonymous-test/file.csv']);
  await store.delete(['jobs/anonymous-test/file.csv']);
});

async function importJob(users: string) {
  const { uploadId, files: [link] } = await links([{ name: 'users.csv', bytes: Buffer.byteLength(users) }]);
  expect((await put(link!, users)).status).toBe(200);
  const started = await api.request('POST', `/schools/${world.school.schoolId}/jobs`, { token: world.adminToken, body: { type: 'import-oneroster', uploadId } });
  expect(started.status).toBe(202);
  await runner.wait(started.body.jobId);
  return (await api.request('GET', `/schools/${world.school.schoolId}/jobs/${started.body.jobId}`, { token: world.adminToken })).body;
}

test('problem messages are cut and capped so the problem list is stored', async () => {
  const s = world.school.schoolId;
  // Three 300 KB emails: the list used to outgrow DynamoDB's 400 KB item, and the job ended with none.
  const huge = `${'a'.repeat(300_000)}@example.org`;
  const three = await importJob([USERS, ...[1, 2, 3].map((i) => `g${i},active,guardian,Ann,Lee,${s},user${i},${huge}`)].join('\r\n') + '\r\n');
  expect(three).toMatchObject({ status: 'FAILED', problem: { code: 'ROSTER_FILE_INVALID', details: [{ file: 'users.csv', line: 2, message: 'A cell is longer than 16,384 bytes; the file is not read further.' }] } });

  // 300 emails as long as a cell may be: the first 100 problems, cut, and the count of all.
  const long = `${'b'.repeat(16_000)}@example`;
  const many = await importJob([USERS, ...Array.from({ length: 300 }, (_, i) => `g${i},active,guardian,Ann,Lee,${s},user${i},${long}`)].join('\r\n') + '\r\n');
  expect(many).toMatchObject({ status: 'FAILED', problem: { code: 'ROSTER_FILE_INVALID', message: 'The roster files have 300 problems (the first 100 are listed); nothing was imported.' } });
  expect(many.problem.details).toHaveLength(100);
  expect(many.problem.details[0]).toEqual({ file: 'users.csv', line: 2, column: 'email', message: `"${'b'.repeat(80)}…" is not an email address.` });
});
