import { generateKeyPair, importJWK, JWK, SignJWT } from 'jose';
import { DEV_AUDIENCE, DEV_ISSUER, mintStaffToken } from '../../../infra/local/dev-auth';
import { startLocalServer } from '../../../infra/local/server';
import { createLocalJobRunner, STEP_FUNCTIONS_PAYLOAD_BYTES } from '../../../infra/local/job-runner';
import { ROUTES } from '../../../shared/contract/routes';
import type { RouteDefinition } from '../../../shared/contract/route';
import { PERMISSIONS } from '../../../shared/domain/principal';
import { givenSchool, startApi, Api, SchoolWorld } from '../../support/world';

/**
 * The local stand-ins refuse what AWS refuses, one test per documented rule (see the comments in
 * infra/local/jwt-authorizer.ts, server.ts and job-runner.ts for the AWS documents). Each test
 * sends a request that works, changed in exactly one way.
 */
let api: Api;
let world: SchoolWorld;
beforeAll(async () => {
  api = await startApi();
  world = await givenSchool({ studentCount: 1, parentCount: 0 });
});
afterAll(() => api.close());

const staffKey = () => JSON.parse(process.env.LOCAL_STAFF_SIGNING_KEY!) as JWK;
const students = () => `/schools/${world.school.schoolId}/students`;
const claims = () => ({ district: world.districtId, schools: [world.school.schoolId], permissions: [...PERMISSIONS] });

/** A staff token built by hand: the real key and claims unless a rule's test changes one. */
async function token(change: { alg?: string; kid?: string | null; iss?: string; aud?: string | null; clientId?: string; exp?: number | null; nbf?: number; iat?: number } = {}) {
  const now = Math.floor(Date.now() / 1000);
  const header: Record<string, string> = { alg: change.alg ?? 'RS256' };
  if (change.kid !== null) header.kid = change.kid ?? staffKey().kid!;
  const jwt = new SignJWT({ ...claims(), ...(change.clientId ? { client_id: change.clientId } : {}) })
    .setProtectedHeader(header as never)
    .setSubject('staff-1')
    .setIssuer(change.iss ?? DEV_ISSUER)
    .setIssuedAt(change.iat ?? now);
  if (change.aud !== null) jwt.setAudience(change.aud ?? DEV_AUDIENCE);
  if (change.exp !== null) jwt.setExpirationTime(change.exp ?? now + 600);
  if (change.nbf !== undefined) jwt.setNotBefore(change.nbf);
  if (header.alg === 'ES256') return jwt.sign((await generateKeyPair('ES256')).privateKey);
  if (header.alg === 'HS256') return jwt.sign(new TextEncoder().encode('a-shared-secret-that-is-long-enough-000'));
  return jwt.sign(await importJWK(staffKey(), header.alg));
}

const get = (authorization: string) => fetch(api.url + students(), { headers: { authorization } });
const expectUnauthorized = async (authorization: string) => {
  const response = await get(authorization);
  expect(response.status).toBe(401);
  expect(await response.json()).toEqual({ message: 'Unauthorized' });
};

describe('HTTP API JWT authorizer rules', () => {
  test('a well-formed token passes (the baseline the other cases change)', async () => {
    expect((await get(`Bearer ${await token()}`)).status).toBe(200);
  });
  test('the Bearer prefix is optional', async () => {
    expect((await get(await token())).status).toBe(200);
  });
  test('only RSA-based algorithms: an ES256 token is refused', async () => expectUnauthorized(`Bearer ${await token({ alg: 'ES256' })}`));
  test('only RSA-based algorithms: an HS256 token is refused', async () => expectUnauthorized(`Bearer ${await token({ alg: 'HS256' })}`));
  test('RS384 and RS512 are RSA-based too', async () => {
    expect((await get(`Bearer ${await token({ alg: 'RS512' })}`)).status).toBe(200);
  });
  test('a token without kid is refused', async () => expectUnauthorized(`Bearer ${await token({ kid: null })}`));
  test('a kid the JWKS does not hold is refused', async () => expectUnauthorized(`Bearer ${await token({ kid: 'some-other-key' })}`));
  test('iss must match exactly', async () => expectUnauthorized(`Bearer ${await token({ iss: `${DEV_ISSUER}/` })}`));
  test('aud must match a configured audience', async () => expectUnauthorized(`Bearer ${await token({ aud: 'another-api' })}`));
  test('without aud, client_id must match a configured audience', async () => {
    expect((await get(`Bearer ${await token({ aud: null, clientId: DEV_AUDIENCE })}`)).status).toBe(200);
    await expectUnauthorized(`Bearer ${await token({ aud: null, clientId: 'another-client' })}`);
    await expectUnauthorized(`Bearer ${await token({ aud: null })}`);
  });
  test('a token without exp is refused', async () => expectUnauthorized(`Bearer ${await token({ exp: null })}`));
  test('an expired token is refused', async () => expectUnauthorized(`Bearer ${await mintStaffToken({ sub: 'x', district: world.districtId, schools: '*', permissions: [...PERMISSIONS] }, '-1s')}`));
  test('nbf in the future is refused', async () => expectUnauthorized(`Bearer ${await token({ nbf: Math.floor(Date.now() / 1000) + 600 })}`));
  test('iat in the future is refused', async () => expectUnauthorized(`Bearer ${await token({ iat: Math.floor(Date.now() / 1000) + 600 })}`));
  test('a parent session is refused on a staff route (each route trusts its own issuer)', async () => {
    const parentWorld = await givenSchool({ studentCount: 1, parentCount: 1 });
    const response = await fetch(api.url + `/schools/${parentWorld.school.schoolId}/students`, { headers: { authorization: `Bearer ${await parentWorld.parentToken('p0')}` } });
    expect(response.status).toBe(401);
  });
});

describe('payload and time limits', () => {
  test('a request body over 10 MB is refused with 413 before any function runs', async () => {
    const body = JSON.stringify({ studentIds: ['x'], reason: 'y'.repeat(10 * 1024 * 1024) });
    const response = await fetch(api.url + `/schools/${world.school.schoolId}/codes/reset`, {
      method: 'POST', headers: { authorization: `Bearer ${world.adminToken}`, 'content-type': 'application/json' }, body,
    });
    expect(response.status).toBe(413);
  });

  test('a body that fits the gateway but not Lambda’s 6 MB invocation payload is refused too', async () => {
    const body = JSON.stringify({ studentIds: ['x'], reason: 'y'.repeat(7 * 1024 * 1024) });
    const response = await fetch(api.url + `/schools/${world.school.schoolId}/codes/reset`, {
      method: 'POST', headers: { authorization: `Bearer ${world.adminToken}`, 'content-type': 'application/json' }, body,
    });
    expect(response.status).toBe(413);
  });

  const testRoute = (path: string): RouteDefinition => ({ ...ROUTES.find((r) => r.id === 'jwks')!, id: path, path, entry: 'test/support/handlers/misbehaving.ts' });

  test('a response over Lambda’s 6 MB limit fails the invocation: 500 from the gateway', async () => {
    const server = await startLocalServer({ routes: [testRoute('/test/huge-response')] });
    try {
      const response = await fetch(server.url + '/test/huge-response');
      expect(response.status).toBe(500);
      expect(await response.json()).toEqual({ message: 'Internal Server Error' });
    } finally {
      await server.close();
    }
  });

  test('past the integration timeout the gateway answers 503 (30 s in AWS; shortened here)', async () => {
    const server = await startLocalServer({ routes: [testRoute('/test/never-answers')], integrationTimeoutMs: 200 });
    try {
      const response = await fetch(server.url + '/test/never-answers');
      expect(response.status).toBe(503);
    } finally {
      await server.close();
    }
  });

  test('the most specific route wins, whatever the order of declaration (a literal segment beats a variable)', async () => {
    const server = await startLocalServer({
      routes: [testRoute('/test/items/{itemId}'), testRoute('/test/{group}/special'), testRoute('/test/items/special')],
    });
    try {
      const routeKey = async (path: string) => ((await (await fetch(server.url + path)).json()) as { routeKey: string }).routeKey;
      expect(await routeKey('/test/items/special')).toBe('GET /test/items/special');
      expect(await routeKey('/test/items/42')).toBe('GET /test/items/{itemId}');
      expect(await routeKey('/test/other/special')).toBe('GET /test/{group}/special');
    } finally {
      await server.close();
    }
  });

  test('text bodies reach the function as text, others base64-encoded; a base64 response goes out as bytes', async () => {
    const post = { ...testRoute('/test/echo'), method: 'POST' as const };
    const server = await startLocalServer({ routes: [post, testRoute('/test/file')] });
    try {
      const echo = async (contentType: string, body: string | Uint8Array) =>
        (await (await fetch(server.url + '/test/echo', { method: 'POST', headers: { 'content-type': contentType }, body })).json()) as { isBase64Encoded: boolean; body: string };
      expect(await echo('application/json; charset=utf-8', '{"a":"é"}')).toEqual({ routeKey: 'POST /test/echo', isBase64Encoded: false, body: '{"a":"é"}' });
      expect(await echo('text/csv', 'a,b')).toMatchObject({ isBase64Encoded: false, body: 'a,b' });
      const bytes = Buffer.from([0, 1, 2, 255]);
      const binary = await echo('application/octet-stream', bytes);
      expect(binary.isBase64Encoded).toBe(true);
      expect(Buffer.from(binary.body, 'base64')).toEqual(bytes);

      const file = await fetch(server.url + '/test/file');
      expect(file.headers.get('content-type')).toBe('application/pdf');
      expect(file.headers.get('content-disposition')).toContain('letters.pdf');
      expect(Buffer.from(await file.arrayBuffer())).toEqual(Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff]));
    } finally {
      await server.close();
    }
  });

  test('a job state whose output passes 256 KiB fails with States.DataLimitExceeded', async () => {
    const runner = createLocalJobRunner({ retryPauseMs: 0, handlers: { Plan: async () => ({ padding: 'x'.repeat(STEP_FUNCTIONS_PAYLOAD_BYTES) }) } });
    await runner.start('data-limit-job', { jobId: 'data-limit-job' });
    const execution = await runner.wait('data-limit-job');
    const failure = await execution.result.then(() => undefined, (error: Error) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(`${failure!.message} ${String((failure as { cause?: unknown }).cause ?? '')} ${JSON.stringify(execution.events)}`).toContain('States.DataLimitExceeded');
  });
});
