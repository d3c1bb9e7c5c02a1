import '../../support/origin-secret-env';
import '../../support/address-limit-env';
import { givenSchool, startApi, uniqueId, Api } from '../../support/world';

/**
 * Behind CloudFront, API Gateway sees CloudFront's address. The viewer's address that our
 * CloudFront function passes is believed only with the distribution's secret origin header, so
 * per-address limits and the audit see real clients, and a direct caller cannot pick an address.
 */
let api: Api;
beforeAll(async () => (api = await startApi()));
afterAll(() => api.close());

const SECRET = process.env.ORIGIN_VERIFY_SECRET!;

async function failedSignInSeenFrom(headers: Record<string, string>, gatewayAddress: string) {
  const world = await givenSchool({ studentCount: 1, parentCount: 1 });
  const userName = world.parents[0]!.userName;
  const answer = await api.request('POST', '/auth/sign-in', { body: { district: world.districtId, userName, password: 'not the password' }, ip: gatewayAddress, headers });
  expect(answer.status).toBe(401);
  const trail = await api.request('GET', `/districts/${world.districtId}/audit?action=parent.sign-in`, { token: await world.tokenFor(['audit:read'], '*') });
  return trail.body.items[0].details.sourceIp as string;
}

test('with the secret origin header, the viewer address is the caller’s address', async () => {
  const cloudFront = uniqueId('cf');
  expect(await failedSignInSeenFrom({ 'x-viewer-address': '203.0.113.7', 'x-origin-verify': SECRET }, cloudFront)).toBe('203.0.113.7');
});

test.each([
  ['no secret', { 'x-viewer-address': '203.0.113.8' }],
  ['a wrong secret', { 'x-viewer-address': '203.0.113.9', 'x-origin-verify': `${SECRET.slice(0, -1)}x` }],
  ['an address that is not one', { 'x-viewer-address': 'p0; DROP', 'x-origin-verify': SECRET }],
])('with %s, the address API Gateway saw counts', async (_name, headers) => {
  const direct = `10.7.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
  expect(await failedSignInSeenFrom(headers, direct)).toBe(direct);
});

// Finding: "per-address limits key on the full IPv6 address (a /64 rotates freely)".
test('per-address limits key on the full IPv6 address: every address of one /64 spends one sign-in allowance, and the audit keeps the exact address', async () => {
  const world = await givenSchool({ studentCount: 1, parentCount: 1 });
  const [a, b] = [Math.floor(Math.random() * 0xffff), Math.floor(Math.random() * 0xfffe)];
  const prefix = `2001:db8:${a.toString(16)}:${b.toString(16)}`;
  const signIn = (viewer: string) =>
    api.request('POST', '/auth/sign-in', {
      body: { district: world.districtId, userName: world.parents[0]!.userName, password: 'not the password' },
      ip: uniqueId('cf'),
      headers: { 'x-viewer-address': viewer, 'x-origin-verify': SECRET },
    });
  // SIGN_IN_MAX_FAILURES_PER_ADDRESS is 3 here (the account's own allowance is 5).
  for (let i = 1; i <= 3; i++) expect((await signIn(`${prefix}:${i}::${i}`)).status).toBe(401);
  expect((await signIn(`${prefix}:ffff:ffff:ffff:ffff`)).status).toBe(429);
  // Another /64 is another caller.
  expect((await signIn(`2001:db8:${a.toString(16)}:${(b + 1).toString(16)}::1`)).status).toBe(401);
  const trail = await api.request('GET', `/districts/${world.districtId}/audit?action=parent.sign-in`, { token: await world.tokenFor(['audit:read'], '*') });
  expect(trail.body.items.map((item: { details: { sourceIp: string } }) => item.details.sourceIp)).toContain(`${prefix}:3::3`);
});

test('an IPv4-mapped IPv6 address spends the allowance of its IPv4 address', async () => {
  const world = await givenSchool({ studentCount: 1, parentCount: 1 });
  const v4 = `198.51.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
  const signIn = (viewer: string) =>
    api.request('POST', '/auth/sign-in', {
      body: { district: world.districtId, userName: world.parents[0]!.userName, password: 'not the password' },
      ip: uniqueId('cf'),
      headers: { 'x-viewer-address': viewer, 'x-origin-verify': SECRET },
    });
  for (const viewer of [v4, `::ffff:${v4}`, v4]) expect((await signIn(viewer)).status).toBe(401);
  expect((await signIn(`::ffff:${v4}`)).status).toBe(429);
});
