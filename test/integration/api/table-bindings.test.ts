import { localBindings } from '../../../shared/config';
import { getStudent } from '../../../shared/data/student-profiles';
import { ROUTES } from '../../../shared/contract/routes';
import type { RouteDefinition } from '../../../shared/contract/route';
import { givenSchool, startApi } from '../../support/world';
import { exampleRequest } from '../../support/contract';
import { PROBE_ROUTE } from '../../support/handlers/probe';

// Finding: locally every function saw every table, so routes whose code reached a table the
// stack does not bind to them (preview-code → parents; remove-link and unlink-student → the
// students' link summary) passed every test here and would have failed in Lambda, where that
// table's variable is unset (and IAM denies it).

test('inside a function’s bindings, a table it is not bound to fails as it would in Lambda', async () => {
  const world = await givenSchool({ studentCount: 1, parentCount: 0 });
  const outside = () => getStudent(world.school, 'st0');
  await expect(localBindings.run({ functionName: 'probe', tables: { schools: ['GetItem'] } }, outside)).rejects.toThrow(
    'probe is not bound to the students table (TABLE_STUDENTS unset).',
  );
  await expect(localBindings.run({ functionName: 'probe', tables: { students: ['GetItem'] } }, outside)).resolves.toMatchObject({ studentId: 'st0' });
  // Bound, but without the action its code uses: refused as IAM would (see local-grants.test.ts).
  await expect(localBindings.run({ functionName: 'probe', tables: { students: ['BatchGetItem'] } }, outside)).rejects.toMatchObject({ name: 'AccessDeniedException' });
  // A set of names binds tables without checking actions.
  await expect(localBindings.run({ functionName: 'probe', tables: new Set(['students']) }, outside)).resolves.toMatchObject({ studentId: 'st0' });
});

test('the local server runs each route within the tables and actions its definition grants', async () => {
  // The probe checks its school (a GetItem on schools) before anything else.
  const variant = (id: string, tables: RouteDefinition['tables']): RouteDefinition => ({ ...PROBE_ROUTE, id, path: PROBE_ROUTE.path.replace('probe-notes', id), tables });
  const unbound = variant('probe-unbound', {});
  const withoutGet = variant('probe-without-get', { schools: ['Query:byDistrict'] });
  const granted = variant('probe-granted', { schools: ['GetItem'] });
  const api = await startApi({ routes: [...ROUTES, unbound, withoutGet, granted] });
  try {
    const world = await givenSchool({ studentCount: 2, parentCount: 0 });
    const call = (route: RouteDefinition) => {
      const request = exampleRequest(route, { schoolId: world.school.schoolId, districtId: world.districtId });
      return api.request(request.method, request.path, { token: world.adminToken, body: request.body });
    };
    // Bound to no table, it cannot even check its school; bound without GetItem, neither.
    expect(await call(unbound)).toMatchObject({ status: 500, body: { error: { code: 'INTERNAL' } } });
    expect(await call(withoutGet)).toMatchObject({ status: 500, body: { error: { code: 'INTERNAL' } } });
    expect(await call(granted)).toMatchObject({ status: 201 });
  } finally {
    await api.close();
  }
});
