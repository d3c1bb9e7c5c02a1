import { useState } from 'preact/hooks';
import { unwrap } from '../api/client';
import type { Parent, PasswordSet } from '../api/types';
import { Confirm, NoticeView, Pager, SortHeader, WHO_CAN, dash, fullName, plural, sortRows, when, useAction, useNotice, type SortOrder } from '../components/ui';
import type { StaffContext } from './staff-console';


const STATE_WORDS: Record<Parent['accountState'], string> = {
  'never-signed-in': 'Never signed in',
  active: 'Active',
  'must-change-password': 'Must change password',
  locked: 'Locked',
};

/** The default password of a parent: last name (spaces dropped) + first initial, case as stored. */
const defaultOf = (parent: Parent) => `${parent.lastName.replace(/\s+/g, '')}${[...parent.firstName][0] ?? ''}`;

/** How a result was found, in the words of the search box. */
function matched(parent: Parent): string {
  if (parent.matchedBy === 'student') return parent.matchedStudent ? `child ${fullName(parent.matchedStudent)}` : 'a child';
  if (parent.matchedBy === 'email') return 'email';
  if (parent.matchedBy === 'userName') return 'user name';
  return 'name';
}

type SortKey = 'name' | 'userName' | 'account';

/**
 * Parent accounts: find a parent by their name, a child's name, email or user name; see the user
 * name and account state; Set Password (one, with a confirm naming the parent), Set Passwords
 * for the checked rows, and Unlock.
 */
export function ParentsPage({ context }: { context: StaffContext }) {
  const { api, schoolId } = context;
  const policy = context.school?.passwordPolicy ?? 'default';
  const maySet = context.can('passwords:set');
  const [query, setQuery] = useState('');
  const [parents, setParents] = useState<Parent[]>();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [confirming, setConfirming] = useState<{ parents: Parent[] }>();
  const [results, setResults] = useState<PasswordSet[]>([]);
  const [sort, setSort] = useState<{ key: SortKey; order: SortOrder }>();
  const notice = useNotice();
  const dialog = useAction();
  const { busy, error: dialogError, setError: setDialogError } = dialog;

  const [loading, setLoading] = useState(false);
  /** A search; after an action the same search runs again and its message stays. */
  const find = async (fresh = true) => {
    if (fresh) {
      notice.clear();
      setResults([]);
    }
    setLoading(true);
    try {
      const found = await unwrap(api.GET('/schools/{schoolId}/parents', { params: { path: { schoolId }, query: { by: 'any', q: query.trim(), limit: 25 } } }));
      setParents(found.items);
      setSelected(new Set());
    } catch (e) {
      notice.failed(e);
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
      setConfirming(undefined);
      await find(false);
      setResults(set);
      notice.done(`Set ${plural(set.length, 'password')}. Each parent must choose a new password at the next sign-in.`, true);
    });

  const unlock = async (parent: Parent) => {
    try {
      await unwrap(api.POST('/schools/{schoolId}/parents/{parentId}/unlock', { params: { path: { schoolId, parentId: parent.parentId } } }));
      await find(false);
      notice.done(`Unlocked ${fullName(parent)}.`);
    } catch (e) {
      notice.failed(e);
    }
  };

  const found = parents ?? [];
  const rows = !sort
    ? found
    : sortRows(found, (p) => (sort.key === 'name' ? `${p.lastName} ${p.firstName}` : sort.key === 'userName' ? p.userName : STATE_WORDS[p.accountState]), sort.order);
  const sortBy = (key: SortKey) => (order: SortOrder) => setSort({ key, order });
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
          Search parents{' '}
          <input type="search" required value={query} onInput={(e) => setQuery(e.currentTarget.value)} placeholder="parent or child name, student number, email, user name" size={44} />
        </label>
        <button type="submit">Search</button>
        <span class="spacer" />
        {maySet && (
          <button type="button" disabled={chosen.length === 0} onClick={() => (setDialogError(undefined), setConfirming({ parents: chosen }))}>
            Set Passwords ({chosen.length})
          </button>
        )}
      </form>
      {!maySet && <p class="muted">You can look parents up and tell them their user name. {WHO_CAN['passwords:set']}</p>}
      <NoticeView state={notice} />
      {results.length > 0 && (
        <section class="results" aria-labelledby="passwords-title">
        <h2 id="passwords-title">Passwords to tell the parents</h2>
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
        </section>
      )}
      {parents && (
        <table class="grid" aria-label="Parents" aria-busy={loading ? 'true' : 'false'}>
          <thead>
            <tr>
              <th scope="col" class="check">
                <input
                  type="checkbox"
                  aria-label="Select all parents shown"
                  checked={allChecked}
                  disabled={changeable.length === 0}
                  onChange={() => setSelected(allChecked ? new Set() : new Set(changeable.map((p) => p.parentId)))}
                />
              </th>
              <SortHeader label="Parent" order={sort?.key === 'name' ? sort.order : undefined} onSort={sortBy('name')} />
              <SortHeader label="User name" order={sort?.key === 'userName' ? sort.order : undefined} onSort={sortBy('userName')} />
              <th scope="col">Email</th>
              <th scope="col">Children</th>
              <th scope="col">Found by</th>
              <SortHeader label="Account" order={sort?.key === 'account' ? sort.order : undefined} onSort={sortBy('account')} />
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr key={p.parentId}>
                <td class="check">
                  <input
                    type="checkbox"
                    aria-label={`Select ${fullName(p)}`}
                    disabled={!p.managed || !maySet}
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
                <td>{dash(p.email)}</td>
                <td>{dash(p.students.map((s) => fullName(s)).join(', '))}</td>
                <td>{dash(matched(p))}</td>
                <td>{STATE_WORDS[p.accountState]}</td>
                <td class="row-actions">
                  {!maySet && <span class="muted">—</span>}
                  {maySet && !p.managed && <span class="muted">Another school's parent: that school or district staff can set the password</span>}
                  {maySet && p.managed && (
                    <button type="button" aria-label={`Set password of ${fullName(p)}`} onClick={() => (setDialogError(undefined), setConfirming({ parents: [p] }))}>
                      Set Password
                    </button>
                  )}
                  {maySet && p.managed && p.accountState === 'locked' && (
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
      {parents && (
        <Pager label="Results" first={1} shown={rows.length} total={rows.length} hasPrevious={false} hasNext={false} onPrevious={() => undefined} onNext={() => undefined} />
      )}
      {parents && !loading && rows.length === 0 && (
        <p>No parent of this school matches “{query.trim()}”. Try part of the parent's or a child's name, a student number, an email or a user name.</p>
      )}
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
              Set the password of {fullName(confirming.parents[0]!)} (user name {confirming.parents[0]!.userName}) to{' '}
              {policy === 'random' ? (
                'a random temporary password, shown to you once after you confirm'
              ) : (
                <>
                  the default password, last name + first initial: <code>{defaultOf(confirming.parents[0]!)}</code>
                </>
              )}
              . Their sessions end, and they must choose a new password at the next sign-in.
            </p>
          ) : (
            <>
              <p>
                Set the passwords of {plural(confirming.parents.length, 'parent')} to{' '}
                {policy === 'random' ? 'random temporary passwords, shown to you once after you confirm' : 'the default password, last name + first initial'}. They must choose
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
