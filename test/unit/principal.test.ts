import { principalFromClaims } from '../../shared/http/principal';
import { assertStaffMay } from '../../shared/domain/principal';
import { ForbiddenError, NotFoundError, UnauthenticatedError } from '../../shared/domain/errors';

describe('principal from verified claims', () => {
  test('reads API Gateway flattened arrays', () => {
    const p = principalFromClaims({ sub: 'u1', district: 'd1', schools: '[s1 s2]', permissions: '[codes:reset students:read]' });
    expect(p).toMatchObject({ kind: 'staff', id: 'u1', districtId: 'd1' });
    if (p.kind !== 'staff') throw new Error('expected staff');
    expect(p.schools).toEqual(new Set(['s1', 's2']));
    expect(p.permissions.has('codes:reset')).toBe(true);
  });

  test('reads Cognito groups and custom attributes', () => {
    const p = principalFromClaims({ sub: 'u1', 'custom:district': 'd1', 'custom:schools': '*', 'cognito:groups': '[audit:read]' });
    expect(p.kind === 'staff' && p.schools).toBe('district');
    expect(p.kind === 'staff' && [...p.permissions]).toEqual(['audit:read']);
  });

  test('reads parents', () => {
    expect(principalFromClaims({ sub: 'p1', district: 'd1', role: 'parent' })).toEqual({ kind: 'parent', id: 'p1', districtId: 'd1' });
  });

  test.each([undefined, {}, { sub: 'u1' }, { district: 'd1' }])('refuses incomplete claims %j', (claims) => {
    expect(() => principalFromClaims(claims as never)).toThrow(UnauthenticatedError);
  });
});

describe('staff scope', () => {
  const staff = principalFromClaims({ sub: 'u', district: 'd', schools: '[s1]', permissions: '[codes:reset]' });
  test('permission missing → forbidden', () => {
    expect(() => assertStaffMay(staff, 'links:remove', 's1')).toThrow(ForbiddenError);
  });
  test('other school → not found, even with the permission', () => {
    expect(() => assertStaffMay(staff, 'codes:reset', 's2')).toThrow(NotFoundError);
  });
  test('parents are never staff', () => {
    const parent = principalFromClaims({ sub: 'p', district: 'd', role: 'parent' });
    expect(() => assertStaffMay(parent, 'codes:reset', 's1')).toThrow(ForbiddenError);
  });
});
