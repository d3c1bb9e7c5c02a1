import { useState } from 'preact/hooks';
import { unwrap } from '../api/client';
import type { Parent, PasswordSet } from '../api/types';
import { Confirm, ErrorMessage, Status, fullName, plural, when, useAction } from '../components/ui';
import type { StaffContext } from './staff-console';

type By = 'name' | 'student' | 'email' | 'userName';

const STATE_WORDS: Record<Parent['accountState'], string> = {
  'never-signed-in': 'Never signed in',
  active: 'Active',
  'must-change-password': 'Must change password',
  locked: 'Locked',
};

/** The scheme staff-set passwords follow, shown before they confirm (the school may use random ones). */
const scheme = (parent: Parent) =>
  `the school's temporary password: last name + first initial (${parent.lastName.replace(/\s+/g, '')}${[...parent.firstName][0] ?? ''}), or a random one if the school uses random passwords`;

/**
 * Parent accounts: find a parent by their name, a child's name, email or user name; see the user
 * name and account state; Set Password (one, with a confirm naming the parent), Set Passwords
 * for the checked rows, and Unlock.
 */
export function ParentsPage({ context }: { context: StaffContext }) {
  const { api, schoolId } = context;
  const [by, setBy] = useState<By>('name');
  const [query, setQuery] = useState('');
  const [parents, setParents] = useState<Parent[]>();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [confirming, setConfirming] = useState<{ parents: Parent[] }>();
  const [results, setResults] = useState<PasswordSet[]>([]);
  const [done, setDone] = useState('');
  const [error, setError] = useState<unknown>();
  const dialog = useAction();
  const { busy, error: dialogError, setError: setDialogError } = dialog;

  const [loading, setLoading] = useState(false);
  const find = async () => {
    setError(undefined);
    setLoading(true);
    try {
      const found = await unwrap(api.GET('/schools/{schoolId}/parents', { params: { path: { schoolId }, query: { by, q: query.trim(), limit: 25 } } }));
      setParents(found.items);
      setSelected(new Set());
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  };

  const setPasswords = (chosen: Parent[]) =>
    dialog.run(async () => {
      const set =
        chosen.length === 1
          ? [await unwrap(api.POST('/schools/{schoolId}/parents/{parentId}/password', { params: { path: { schoolId, parentId: chosen[0]!.parentId } }, body: { confirm: true } }))]
          : (await unwrap(api.POST('/schools/{schoolId}/parents/passwords', { params: { path: { schoolId } }, body: { parentIds: chosen.map((p) => p.parentId), confirm: true } })))
              .parents;
      setResults(set);
      setDone(`Set ${plural(set.length, 'password')}. Each parent must choose a new password at the next sign-in.`);
      setConfirming(undefined);
      await find();
    });

  const unlock = async (parent: Parent) => {
    setError(undefined);
    try {
      await unwrap(api.POST('/schools/{schoolId}/parents/{parentId}/unlock', { params: { path: { schoolId, parentId: parent.parentId } } }));
      setDone(`Unlocked ${fullName(parent)}.`);
      await find();
    } catch (e) {
      setError(e);
    }
  };

  const rows = parents ?? [];
  // Only accounts this school may change can be chosen (a parent rostered by another school and linked here is shown for the user name).
  const changeable = rows.filter((p) => p.managed);
  const chosen = changeable.filter((p) => selected.has(p.parentId));
  const allChecked = changeable.length > 0 && changeable.every((p) => selected.has(p.parentId));
  return (
    <section aria-label="Parent accounts">
      <form
        class="toolbar"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          void find();
        }}
      >
        <label>
          Find by{' '}
          <select value={by} onChange={(e) => setBy(e.currentTarget.value as By)}>
            <option value="name">Parent name</option>
            <option value="student">Child name</option>
            <option value="email">Email</option>
            <option value="userName">User name</option>
          </select>
        </label>
        <label>
          Search parents <input type="search" required value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
        </label>
        <button type="submit">Search</button>
        <span class="spacer" />
        <button type="button" disabled={chosen.length === 0} onClick={() => (setDialogError(undefined), setConfirming({ parents: chosen }))}>
          Set Passwords ({chosen.length})
        </button>
      </form>
      <ErrorMessage error={error} />
      {done && <Status>{done}</Status>}
      {results.length > 0 && (
        <table class="issued" aria-label="Passwords set">
          <thead>
            <tr>
              <th scope="col">User name</th>
              <th scope="col">Password</th>
              <th scope="col">Must be changed by</th>
            </tr>
          </thead>
          <tbody>
            {results.map((r) => (
              <tr key={r.parentId}>
                <td>{r.userName}</td>
                <td>{r.temporaryPassword ? <code>{r.temporaryPassword}</code> : 'Last name + first initial'}</td>
                <td>{when(r.expiresAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {parents && (
        <table class="grid" aria-label="Parents" aria-busy={loading}>
          <thead>
            <tr>
              <th scope="col">
                <input
                  type="checkbox"
                  aria-label="Select all parents shown"
                  checked={allChecked}
                  disabled={changeable.length === 0}
                  onChange={() => setSelected(allChecked ? new Set() : new Set(changeable.map((p) => p.parentId)))}
                />
              </th>
              <th scope="col">Parent</th>
              <th scope="col">User name</th>
              <th scope="col">Email</th>
              <th scope="col">Children</th>
              <th scope="col">Account</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr key={p.parentId}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Select ${fullName(p)}`}
                    disabled={!p.managed}
                    checked={selected.has(p.parentId)}
                    onChange={() => {
                      const next = new Set(selected);
                      if (next.has(p.parentId)) next.delete(p.parentId);
                      else next.add(p.parentId);
                      setSelected(next);
                    }}
                  />
                </td>
                <th scope="row">{fullName(p)}</th>
                <td class="username">{p.userName}</td>
                <td>{p.email}</td>
                <td>{p.students.map((s) => fullName(s)).join(', ')}</td>
                <td>{STATE_WORDS[p.accountState]}</td>
                <td class="row-actions">
                  {!p.managed && <span class="muted">Another school's parent: that school or district staff can set the password</span>}
                  {p.managed && (
                    <button type="button" aria-label={`Set password of ${fullName(p)}`} onClick={() => (setDialogError(undefined), setConfirming({ parents: [p] }))}>
                      Set Password
                    </button>
                  )}
                  {p.managed && p.accountState === 'locked' && (
                    <button type="button" aria-label={`Unlock ${fullName(p)}`} onClick={() => void unlock(p)}>
                      Unlock
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {parents && rows.length === 0 && <p>No parent of this school matches.</p>}
      {confirming && (
        <Confirm
          title={confirming.parents.length === 1 ? 'Set password?' : 'Set passwords?'}
          confirmLabel="OK"
          busy={busy}
          error={dialogError}
          onConfirm={() => void setPasswords(confirming.parents)}
          onCancel={() => setConfirming(undefined)}
        >
          {confirming.parents.length === 1 ? (
            <p>
              Set the password of {fullName(confirming.parents[0]!)} (user name {confirming.parents[0]!.userName}) to {scheme(confirming.parents[0]!)}. Their sessions end, and
              they must choose a new password at the next sign-in.
            </p>
          ) : (
            <>
              <p>
                Set the passwords of {plural(confirming.parents.length, 'parent')} to the school's temporary password (last name + first initial, or random). They must choose
                new ones at the next sign-in:
              </p>
              <ul>
                {confirming.parents.map((p) => (
                  <li key={p.parentId}>
                    {fullName(p)} ({p.userName})
                  </li>
                ))}
              </ul>
            </>
          )}
        </Confirm>
      )}
    </section>
  );
}
