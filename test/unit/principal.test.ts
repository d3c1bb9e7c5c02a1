import { principalFromClaims } from '../../shared/http/principal';
import { assertStaffMay } from '../../shared/domain/principal';
import { ForbiddenError, NotFoundError, UnauthenticatedError } from '../../shared/domain/errors';

describe('principal from verified claims', () => {
  test('reads API Gateway flattened arrays', () => {
    const p = principalFromClaims({ sub: 'u1', district: 'd1', schools: '[s1 s2]', permissions: '[codes:reset students:read]' }, 'staff');
    expect(p).toMatchObject({ kind: 'staff', id: 'u1', districtId: 'd1' });
    if (p.kind !== 'staff') throw new Error('expected staff');
    expect(p.schools).toEqual(new Set(['s1', 's2']));
    expect(p.permissions.has('codes:reset')).toBe(true);
  });

  test('reads Cognito groups and custom attributes', () => {
    const p = principalFromClaims({ sub: 'u1', 'custom:district': 'd1', 'custom:schools': '*', 'cognito:groups': '[audit:read]', token_use: 'id' }, 'staff');
    expect(p.kind === 'staff' && p.schools).toBe('district');
    expect(p.kind === 'staff' && [...p.permissions]).toEqual(['audit:read']);
  });

  test('reads parents with their session version (API Gateway passes it as a string)', () => {
    expect(principalFromClaims({ sub: 'p1', district: 'd1', role: 'parent', sv: '3' }, 'parent')).toEqual({ kind: 'parent', id: 'p1', districtId: 'd1', sessionVersion: 3 });
  });

  test.each([undefined, {}, { sub: 'u1' }, { district: 'd1' }])('refuses incomplete claims %j', (claims) => {
    expect(() => principalFromClaims(claims as never, 'staff')).toThrow(UnauthenticatedError);
    expect(() => principalFromClaims(claims as never, 'parent')).toThrow(UnauthenticatedError);
  });

  // Finding: "a token without role: parent is treated as staff". The kind comes from the route's
  // authorizer and must be confirmed by an explicit claim, never inferred from a missing one.
  test('a token without role: parent is treated as staff → refused on parent routes', () => {
    expect(() => principalFromClaims({ sub: 'p1', district: 'd1', sv: '0' }, 'parent')).toThrow(UnauthenticatedError);
    expect(() => principalFromClaims({ sub: 'p1', district: 'd1', role: 'staff', sv: '0' }, 'parent')).toThrow(UnauthenticatedError);
  });

  test('a parent token is never staff, even on a staff route', () => {
    expect(() => principalFromClaims({ sub: 'p1', district: 'd1', role: 'parent', schools: '*', permissions: '[codes:reset]' }, 'staff')).toThrow(UnauthenticatedError);
  });

  test('a parent token without a session version is refused', () => {
    expect(() => principalFromClaims({ sub: 'p1', district: 'd1', role: 'parent' }, 'parent')).toThrow(UnauthenticatedError);
    expect(() => principalFromClaims({ sub: 'p1', district: 'd1', role: 'parent', sv: 'x' }, 'parent')).toThrow(UnauthenticatedError);
  });
});

describe('staff scope', () => {
  const staff = principalFromClaims({ sub: 'u', district: 'd', schools: '[s1]', permissions: '[codes:reset]' }, 'staff');
  test('permission missing → forbidden', () => {
    expect(() => assertStaffMay(staff, 'links:remove', 's1')).toThrow(ForbiddenError);
  });
  test('other school → not found, even with the permission', () => {
    expect(() => assertStaffMay(staff, 'codes:reset', 's2')).toThrow(NotFoundError);
  });
  test('parents are never staff', () => {
    const parent = principalFromClaims({ sub: 'p', district: 'd', role: 'parent', sv: '0' }, 'parent');
    expect(() => assertStaffMay(parent, 'codes:reset', 's1')).toThrow(ForbiddenError);
  });
});
