import { useMemo, useState } from 'preact/hooks';
import type { ConsoleConfig } from '../config';
import { clientFor, type ApiClient } from '../api/client';
import { forgetToken, staffClaims, tokenOf, type StaffClaims } from '../auth/session';
import { beginStaffSignIn } from '../auth/staff-sign-in';
import { ErrorMessage } from '../components/ui';
import { StudentsPage } from './students-page';
import { ParentsPage } from './parents-page';
import { CodeStatusPage } from './code-status-page';
import { JobsPage } from './jobs-page';
import { AuditPage } from './audit-page';
import { RosterPage } from './roster-page';
import { SchoolsPage } from './schools-page';
import { InvitationsPage } from './invitations-page';

export interface StaffContext {
  api: ApiClient;
  claims: StaffClaims;
  schoolId: string;
  can: (permission: string) => boolean;
}

const PAGES = [
  { id: 'students', label: 'Students and codes' },
  { id: 'codes', label: 'Code status' },
  { id: 'parents', label: 'Parent accounts' },
  { id: 'invitations', label: 'Invitations' },
  { id: 'jobs', label: 'Jobs and schedules' },
  { id: 'audit', label: 'Audit trail' },
  { id: 'roster', label: 'Roster import' },
  { id: 'schools', label: 'School settings', districtOnly: true },
] as const;

export function StaffConsole({ config, page }: { config: ConsoleConfig; page: string }) {
  const token = tokenOf('staff');
  if (!token) return <StaffSignIn config={config} />;
  return <SignedIn token={token} config={config} page={page} />;
}

function StaffSignIn({ config }: { config: ConsoleConfig }) {
  const [error, setError] = useState<unknown>();
  return (
    <main class="narrow">
      <h1>Parent Access — staff sign-in</h1>
      <p>You sign in with your school account. You will come back here afterwards.</p>
      <ErrorMessage error={error} />
      <button type="button" class="primary" onClick={() => beginStaffSignIn(config).catch(setError)}>
        Sign in
      </button>
      <p>
        <a href="#/">Back</a>
      </p>
    </main>
  );
}

function SignedIn({ token, config, page }: { token: string; config: ConsoleConfig; page: string }) {
  const claims = useMemo(() => staffClaims(token), [token]);
  const allSchools = claims.schools.includes('*');
  const [schoolId, setSchoolId] = useState(allSchools ? '' : (claims.schools[0] ?? ''));
  const api = useMemo(() => clientFor(() => tokenOf('staff'), () => forgetToken('staff')), [token]);
  const context: StaffContext = { api, claims, schoolId, can: (permission) => claims.permissions.includes(permission) };
  const pages = PAGES.filter((p) => !('districtOnly' in p) || allSchools);
  const current = pages.find((p) => p.id === page) ?? pages[0]!;
  return (
    <>
      <header class="bar">
        <span class="brand">Parent Access</span>
        <nav aria-label="Console">
          <ul>
            {pages.map((p) => (
              <li key={p.id}>
                <a href={`#/staff/${p.id}`} aria-current={p.id === current.id ? 'page' : undefined}>
                  {p.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <label class="school">
          School{' '}
          {allSchools ? (
            <input value={schoolId} onChange={(e) => setSchoolId(e.currentTarget.value.trim())} placeholder="school id" />
          ) : (
            <select value={schoolId} onChange={(e) => setSchoolId(e.currentTarget.value)}>
              {claims.schools.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          )}
        </label>
        <span class="who">{claims.name ?? claims.email ?? claims.sub}</span>
        <button type="button" onClick={() => forgetToken('staff')}>
          Sign out
        </button>
      </header>
      <main>
        <h1>{current.label}</h1>
        {!schoolId ? (
          <p>Enter the id of the school to work on.</p>
        ) : current.id === 'students' ? (
          <StudentsPage key={schoolId} context={context} />
        ) : current.id === 'codes' ? (
          <CodeStatusPage key={schoolId} context={context} />
        ) : current.id === 'parents' ? (
          <ParentsPage key={schoolId} context={context} />
        ) : current.id === 'invitations' ? (
          <InvitationsPage key={schoolId} context={context} />
        ) : current.id === 'jobs' ? (
          <JobsPage key={schoolId} context={context} />
        ) : current.id === 'roster' ? (
          <RosterPage key={schoolId} context={context} />
        ) : current.id === 'schools' ? (
          <SchoolsPage key={schoolId} context={context} />
        ) : (
          <AuditPage key={schoolId} context={context} />
        )}
        <p class="env">Environment: {config.environment}</p>
      </main>
    </>
  );
}
