import { generateKeyPair, SignJWT } from 'jose';
import type { RouteDefinition } from '../../shared/contract/route';
import { DEV_AUDIENCE, DEV_ISSUER, mintParentToken, mintStaffToken } from '../../infra/local/dev-auth';
import { PERMISSIONS } from '../../shared/domain/principal';
import { exampleRequest } from './contract';
import { districtState } from './state';
import type { Api, SchoolWorld } from './world';

export interface MatrixContext {
  api: Api;
  world: SchoolWorld;
  /** Another district altogether. */
  other: SchoolWorld;
}

/**
 * The auth matrix, built from route definitions: every guarded route refuses missing, forged and
 * expired tokens (401), the wrong kind of caller or a missing permission (403), and another
 * school's ids (404), and writes nothing when it does. A route added to the table is covered
 * with no test edit.
 */
export function describeAuthMatrix(routes: readonly RouteDefinition[], context: () => MatrixContext) {
  /** The route's own example request (from the contract), aimed at this world's school and district. */
  async function expectRefused(route: RouteDefinition, token: string | undefined, status: number, permission?: string) {
    const { api, world } = context();
    const before = await districtState(world);
    const request = exampleRequest(route, { schoolId: world.school.schoolId, districtId: world.districtId });
    const response = await api.request(request.method, request.path, { token, body: request.body, ip: `10.9.${Math.floor(Math.random() * 250)}.1` });
    expect({ route: route.id, status: response.status }).toEqual({ route: route.id, status });
    // API Gateway's authorizer answers 401 itself, in its own shape; past it, our error shape.
    if (status === 401) expect(response.body).toEqual({ message: 'Unauthorized' });
    else expect(response.body.error.code).toEqual(expect.any(String));
    // A missing permission is named for programs; the message says it in words.
    if (permission) expect(response.body.error).toMatchObject({ code: 'FORBIDDEN', details: { permission } });
    expect(await districtState(world)).toEqual(before);
  }

  /** Signed by a key the issuer never published, with a kid the JWKS does not hold. */
  const forged = async () => {
    const { world } = context();
    const { privateKey } = await generateKeyPair('RS256');
    return new SignJWT({ district: world.districtId, schools: ['*'], permissions: [...PERMISSIONS], role: 'parent', sv: 0 })
      .setProtectedHeader({ alg: 'RS256', kid: JSON.parse(process.env.LOCAL_STAFF_SIGNING_KEY!).kid })
      .setSubject('attacker')
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setExpirationTime('1h')
      .sign(privateKey);
  };

  describe.each(routes.filter((r) => r.auth !== 'none').map((r) => [`${r.method} ${r.path}`, r] as const))('%s', (_name, route) => {
    test('401 without a token', () => expectRefused(route, undefined, 401));
    test('401 with a garbage token', () => expectRefused(route, 'not.a.jwt', 401));
    test('401 with a forged signature', async () => expectRefused(route, await forged(), 401));
    test('401 with an expired token', async () => {
      const expired = route.auth === 'staff'
        ? await mintStaffToken({ sub: 'x', district: context().world.districtId, schools: '*', permissions: [...PERMISSIONS] }, '-1m')
        : await mintParentToken({ sub: 'p1', district: context().world.districtId }, -60);
      await expectRefused(route, expired, 401);
    });

    if (route.auth === 'staff') {
      // Each route's authorizer trusts one issuer: a parent session never reaches a staff function.
      test('401 with a parent token', async () => expectRefused(route, await context().world.parentToken('p1'), 401));
      test.each(route.permissions ?? [])('403 without %s', async (needed) => {
        const token = await context().world.tokenFor(PERMISSIONS.filter((p) => p !== needed));
        await expectRefused(route, token, 403, needed);
      });
      test("404 for another school's admin", async () => expectRefused(route, context().other.adminToken, 404));
      test('404 for a school outside the token, same district', async () => {
        const token = await context().world.tokenFor(PERMISSIONS, ['some-other-school']);
        if (!route.schoolStaffToo) return expectRefused(route, token, 404);
        // A district route school staff may call answers for their own schools only: this school is not among them.
        const { world } = context();
        const request = exampleRequest(route, { schoolId: world.school.schoolId, districtId: world.districtId });
        const response = await context().api.request(request.method, request.path, { token, body: request.body });
        expect({ status: response.status, mentionsSchool: JSON.stringify(response.body).includes(`"${world.school.schoolId}"`) }).toEqual({ status: 200, mentionsSchool: false });
      });
      test('404 for a district-wide admin of another district naming this school', async () => {
        const token = await context().other.tokenFor(PERMISSIONS, '*');
        await expectRefused(route, token, 404);
      });
    } else {
      test('401 with a staff token', async () => expectRefused(route, context().world.adminToken, 401));
    }
  });

}
