import { localBindings } from '../../../shared/config';
import { getStudent } from '../../../shared/data/students';
import { ROUTES } from '../../../shared/contract/routes';
import { givenSchool, startApi } from '../../support/world';
import { exampleRequest } from '../../support/contract';
import { PROBE_ROUTE } from '../../support/handlers/probe';

// Finding: locally every function saw every table, so routes whose code reached a table the
// stack does not bind to them (preview-code → parents; remove-link and unlink-student → the
// students' link summary) passed every test here and would have failed in Lambda, where that
// table's variable is unset (and IAM denies it).

test('inside a function’s bindings, a table it is not bound to fails as it would in Lambda', async () => {
  const world = await givenSchool({ studentCount: 1, parentCount: 0 });
  const outside = () => getStudent(world.school.schoolId, 'st0');
  await expect(localBindings.run({ functionName: 'probe', tables: new Set(['schools']) }, outside)).rejects.toThrow(
    'probe is not bound to the students table (TABLE_STUDENTS unset).',
  );
  await expect(localBindings.run({ functionName: 'probe', tables: new Set(['students']) }, outside)).resolves.toMatchObject({ studentId: 'st0' });
});

test('the local server runs each route within the tables its definition binds: one bound to none cannot even check its school', async () => {
  const unbound = { ...PROBE_ROUTE, id: 'probe-unbound', tables: {} };
  const api = await startApi({ routes: [...ROUTES, unbound] });
  try {
    const world = await givenSchool({ studentCount: 2, parentCount: 0 });
    const request = exampleRequest(unbound, { schoolId: world.school.schoolId, districtId: world.districtId });
    const answer = await api.request(request.method, request.path, { token: world.adminToken, body: request.body });
    expect(answer).toMatchObject({ status: 500, body: { error: { code: 'INTERNAL' } } });
  } finally {
    await api.close();
  }
});
