import { useEffect, useMemo, useState } from 'preact/hooks';
import type { ConsoleConfig } from '../config';
import type { School } from '../api/types';
import { clientFor, unwrap, type ApiClient } from '../api/client';
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
  /** The chosen school's name and settings, once the API has named it. */
  school?: School;
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
  const schools = useSchools(api, claims);
  const context: StaffContext = { api, claims, schoolId, can: (permission) => claims.permissions.includes(permission), school: schools.get(schoolId) };
  const pages = PAGES.filter((p) => !('districtOnly' in p) || allSchools);
  const current = pages.find((p) => p.id === page) ?? pages[0]!;
  const schoolName = schools.get(schoolId)?.name;
  return (
    <>
      <header class="topbar">
        <div class="topbar-row">
          <span class="brand">Parent Access</span>
          <label class="school">
            <span class="sr-only">School</span>
            {allSchools && schools.size === 0 ? (
              <input value={schoolId} onChange={(e) => setSchoolId(e.currentTarget.value.trim())} placeholder="school id" aria-label="School id" />
            ) : (
              <select value={schoolId} onChange={(e) => setSchoolId(e.currentTarget.value)} aria-label="School">
                {allSchools && !schoolId && <option value="">Choose a school…</option>}
                {(allSchools ? [...schools.keys()] : claims.schools).map((s) => (
                  <option key={s} value={s}>
                    {schools.get(s)?.name || s}
                  </option>
                ))}
              </select>
            )}
          </label>
          <span class="spacer" />
          <UserMenu claims={claims} />
        </div>
        <nav aria-label="Console" class="tabs">
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
      </header>
      <main id="main">
        <div class="page-title">
          <h1>{current.label}</h1>
          {schoolName && <span class="muted">{schoolName}</span>}
        </div>
        {!schoolId ? (
          <p>Choose the school to work on.</p>
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

/** What each permission lets its holder do, in the user menu's words. */
const ABILITIES: [permission: string, words: string][] = [
  ['students:read', 'see students'],
  ['codes:read', 'see codes'],
  ['codes:reset', 'reset codes'],
  ['links:remove', 'remove parent links'],
  ['codes:export', 'export codes and letters'],
  ['parents:read', 'look up parents'],
  ['passwords:set', 'set parent passwords'],
  ['guardians:invite', 'invite guardians'],
  ['jobs:run', 'run jobs'],
  ['audit:read', 'read the audit trail'],
  ['roster:write', 'import the roster'],
  ['schools:write', 'change school settings'],
];

/** The signed-in person: their name, what they may do, and Sign out. */
function UserMenu({ claims }: { claims: StaffClaims }) {
  const may = ABILITIES.filter(([permission]) => claims.permissions.includes(permission)).map(([, words]) => words);
  return (
    <details class="menu user-menu">
      <summary>
        <span class="who">{claims.name ?? claims.email ?? claims.sub}</span>
      </summary>
      <div>
        {claims.email && <span class="muted">{claims.email}</span>}
        <span>You can {may.length ? may.join(', ') : 'do nothing here yet'}.</span>
        <button type="button" onClick={() => forgetToken('staff')}>
          Sign out
        </button>
      </div>
    </details>
  );
}

/**
 * The names of the schools the person works for, for the picker and the page title. A school
 * the API does not name (or an older API) shows its id.
 */
function useSchools(api: ApiClient, claims: StaffClaims): Map<string, School> {
  const [names, setNames] = useState<Map<string, School>>(new Map());
  useEffect(() => {
    unwrap(api.GET('/districts/{districtId}/schools', { params: { path: { districtId: claims.district } } }))
      .then((found) => setNames(new Map(found.items.map((s) => [s.schoolId, s]))))
      .catch(() => setNames(new Map()));
  }, [api, claims.district]);
  return names;
}
