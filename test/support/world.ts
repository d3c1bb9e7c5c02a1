import { randomUUID } from 'node:crypto';
import { mintParentToken, mintStaffToken } from '../../infra/local/dev-auth';
import { startLocalServer, LocalServerOptions } from '../../infra/local/server';
import type { LocalJobRunner } from '../../infra/local/job-runner';
import { useLocalAdapters } from '../../shared/adapters';
import { PERMISSIONS } from '../../shared/domain/principal';
import { putSchool, School } from '../../shared/data/schools';
import { upsertRoster } from '../../shared/use-cases/roster';
import { getParent } from '../../shared/data/parents';

/** A unique id, so each test owns its data in the shared tables. */
export function uniqueId(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

export interface Api {
  url: string;
  close(): Promise<void>;
  request(method: string, path: string, options?: { token?: string; body?: unknown; rawBody?: string; ip?: string; headers?: Record<string, string> }): Promise<{
    status: number;
    body: any;
    headers: Headers;
  }>;
}

export async function startApi(options: { jobs?: LocalJobRunner; routes?: LocalServerOptions['routes'] } = {}): Promise<Api> {
  const server = await startLocalServer({ trustForwardedFor: true, routes: options.routes });
  const jobs = options.jobs;
  if (jobs) useLocalAdapters({ jobStarter: jobs });
  // Closing waits for the jobs the tests started, so no execution outlives its test file.
  return apiClient(server.url, async () => {
    await jobs?.idle();
    await server.close();
  });
}

/** A client of a running local API. */
export function apiClient(url: string, close: () => Promise<void> = async () => {}): Api {
  return {
    url,
    close,
    async request(method, path, options = {}) {
      const headers: Record<string, string> = { 'x-forwarded-for': options.ip ?? '10.0.0.1', ...options.headers };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      let body: string | undefined = options.rawBody;
      if (options.body !== undefined) {
        headers['content-type'] = 'application/json';
        body = JSON.stringify(options.body);
      }
      const response = await fetch(url + path, { method, headers, body });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        /* keep text */
      }
      return { status: response.status, body: parsed, headers: response.headers };
    },
  };
}

/** A POST whose answer is a file (CSV, PDF): the status, headers and the raw bytes. */
export async function postForFile(api: Api, path: string, token: string, body: unknown) {
  const response = await fetch(api.url + path, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-forwarded-for': '10.0.0.1' },
    body: JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

/** A student's current code as staff see it in the list. */
export async function currentCode(api: Api, world: SchoolWorld, studentId: string): Promise<string> {
  const list = await api.request('GET', `/schools/${world.school.schoolId}/students?limit=100`, { token: world.adminToken });
  return list.body.items.find((s: { studentId: string }) => s.studentId === studentId).code;
}

export interface SchoolWorld {
  districtId: string;
  school: School;
  students: { studentId: string; firstName: string; lastName: string; studentNumber: string }[];
  parents: { parentId: string; firstName: string; lastName: string; userName: string; email: string }[];
  adminToken: string;
  tokenFor(permissions: readonly string[], schools?: string[] | '*'): Promise<string>;
  parentToken(parentId: string, districtId?: string): Promise<string>;
}

/** Given a district with a school of `studentCount` students and `parentCount` parents. */
export async function givenSchool(options: { studentCount?: number; parentCount?: number; districtId?: string; schoolId?: string; codeTtlDays?: number } = {}): Promise<SchoolWorld> {
  const districtId = options.districtId ?? uniqueId('d');
  const school: School = { schoolId: options.schoolId ?? uniqueId('s'), districtId, name: 'Test School', codeTtlDays: options.codeTtlDays };
  await putSchool(school);
  const students = Array.from({ length: options.studentCount ?? 5 }, (_, i) => ({
    studentId: `st${i}`,
    firstName: `First${i}`,
    lastName: `Last${String(i).padStart(3, '0')}`,
    studentNumber: `${100000 + i}`,
  }));
  const parents = Array.from({ length: options.parentCount ?? 4 }, (_, i) => ({
    parentId: `p${i}`,
    firstName: `Parent${i}`,
    lastName: `Family${i}`,
    userName: `parent${i}.${school.schoolId}`,
    email: `parent${i}@example.test`,
  }));
  await upsertRoster(school, { students, parents }, { type: 'system', id: 'test-setup' });
  const tokenFor = (permissions: readonly string[], schools: string[] | '*' = [school.schoolId]) =>
    mintStaffToken({ sub: uniqueId('staff'), district: districtId, schools, permissions: [...permissions] });
  return {
    districtId,
    school,
    students,
    parents,
    adminToken: await tokenFor(PERMISSIONS),
    tokenFor,
    // As sign-in would issue it now: for the account's current session version.
    parentToken: async (parentId, district = districtId) =>
      mintParentToken({ sub: parentId, district, sessionVersion: (await getParent(district, parentId))?.sessionVersion ?? 0 }),
  };
}
