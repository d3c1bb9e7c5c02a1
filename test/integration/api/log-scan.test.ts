import '../../support/debug-logs';
import { captureLogs } from '../../support/capture-logs';
import { givenSchool, startApi } from '../../support/world';
import { createLocalJobRunner } from '../../../infra/local/job-runner';

/**
 * Runs the workflows with DEBUG logging and scans every line the functions wrote: no access
 * code, password, password hash or token may appear. Ids and outcomes are fine.
 */
test('no code, password or token reaches the logs', async () => {
  const secrets: string[] = [];
  const { logs } = await captureLogs(async () => {
    const api = await startApi();
    try {
      const world = await givenSchool({ studentCount: 3, parentCount: 2 });
      const s = world.school.schoolId;
      secrets.push(world.adminToken);
      const parentToken = await world.parentToken('p0');
      secrets.push(parentToken);
      const list = await api.request('GET', `/schools/${s}/students`, { token: world.adminToken });
      const codes: string[] = list.body.items.map((x: { code: string }) => x.code);
      secrets.push(...codes, ...codes.map((c) => c.replace(/-/g, '')));

      await api.request('POST', '/me/links', { token: parentToken, body: { code: codes[0] } });
      await api.request('POST', '/me/links', { token: parentToken, body: { code: 'WRNG-CODE-0000' } });
      const reset = await api.request('POST', `/schools/${s}/codes/reset`, { token: world.adminToken, body: { studentIds: ['st1'] } });
      secrets.push(reset.body.students[0].code);
      const fix = await api.request('POST', `/schools/${s}/students/st0/wrong-link-fix`, { token: world.adminToken, body: { parentId: 'p0', reason: 'wrong parent' } });
      secrets.push(fix.body.code);

      await api.request('POST', `/schools/${s}/parents/p1/password`, { token: world.adminToken, body: { confirm: true } });
      const userName = world.parents[1]!.userName;
      const temporary = 'Family1P';
      secrets.push(temporary);
      const challenge = await api.request('POST', '/auth/sign-in', { body: { district: world.districtId, userName, password: temporary } });
      secrets.push(challenge.body.session);
      const newPassword = 'violet-harbor-engine-19';
      secrets.push(newPassword);
      await api.request('POST', '/auth/new-password', { body: { session: challenge.body.session, newPassword: 'Family1-weak' } });
      const session = await api.request('POST', '/auth/new-password', { body: { session: challenge.body.session, newPassword } });
      secrets.push(session.body.token);
      await api.request('POST', '/auth/sign-in', { body: { district: world.districtId, userName, password: 'a-wrong-password-1' } });
      await api.request('GET', '/me/students', { token: session.body.token });
      await api.request('POST', '/me/links', { token: 'forged.token.value', body: { code: codes[2] } });
    } finally {
      await api.close();
    }
  });
  expect(secrets.filter(Boolean).length).toBeGreaterThan(10);
  // The scan is only meaningful if the functions did log, at DEBUG, with request context.
  expect(logs).toContain('"function_name":"sign-in"');
  expect(logs).toContain('INVALID_CODE');
  for (const secret of secrets.filter(Boolean)) expect(logs.includes(secret) ? secret : 'absent').toBe('absent');
  expect(logs).not.toMatch(/scrypt\$/);
  expect(logs).not.toMatch(/eyJ[\w-]+\.eyJ/); // no JWT of any kind
});

test("a job's states log the correlation id of the request that started it", async () => {
  const { logs } = await captureLogs(async () => {
    const runner = createLocalJobRunner({ retryPauseMs: 0 });
    const api = await startApi({ jobs: runner });
    try {
      const world = await givenSchool({ studentCount: 3, parentCount: 1 });
      const started = await api.request('POST', `/schools/${world.school.schoolId}/jobs`, { token: world.adminToken, body: { type: 'reset-codes', dryRun: true } });
      expect(started.status).toBe(202);
      await runner.wait(started.body.jobId);
    } finally {
      await api.close();
    }
  });
  const lines = logs.split('\n').filter((line) => line.startsWith('{"level"')).map((line) => JSON.parse(line) as Record<string, unknown>);
  const request = lines.find((line) => line.route === 'start-job' && line.message === 'request answered');
  expect(request?.correlationId).toEqual(expect.any(String));
  const pages = lines.filter((line) => line.message === 'page processed');
  expect(pages.length).toBeGreaterThan(0);
  expect(new Set(pages.map((line) => line.correlationId))).toEqual(new Set([request!.correlationId]));
});
