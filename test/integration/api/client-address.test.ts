import '../../support/origin-secret-env';
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
