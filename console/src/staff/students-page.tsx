import { useEffect, useState } from 'preact/hooks';
import type { Student } from '../api/types';
import { unwrap } from '../api/client';
import { Confirm, ErrorMessage, Status, fullName, plural, useAction } from '../components/ui';
import { BulkJobDialog, type ConsoleJobType } from './bulk-job-dialog';
import type { StaffContext } from './staff-console';

type Pending = { studentId: string; parentId: string };
type BulkAction = 'clear' | 'reset' | 'export' | 'letters';

/**
 * The students grid (the article's Parents/Advisors tab): search, a page of students with their
 * linked parents (and codes, for staff holding codes:read), an X per link saved with Save Changes, a checkbox per row and one for
 * the page, the bulk actions Clear Parents and Reset Selected, and Options → Reset All / Clear All.
 */
export function StudentsPage({ context }: { context: StaffContext }) {
  const { api, schoolId } = context;
  // Codes are shown only to staff holding codes:read (the API omits them otherwise, and audits each page it shows).
  const showCodes = context.can('codes:read');
  const [query, setQuery] = useState('');
  const [search, setSearch] = useState('');
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [page, setPage] = useState<{ items: Student[]; nextCursor?: string }>();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [removals, setRemovals] = useState<Pending[]>([]);
  const [bulk, setBulk] = useState<BulkAction | ''>('');
  const [confirming, setConfirming] = useState<BulkAction | 'save' | { fix: Student }>();
  const [job, setJob] = useState<ConsoleJobType>();
  const [error, setError] = useState<unknown>();
  /** The open dialog's action: its buttons disable while it runs, its error shows in the dialog. */
  const dialog = useAction();
  const { busy, error: dialogError, setError: setDialogError } = dialog;
  const [done, setDone] = useState('');
  const [issued, setIssued] = useState<{ name: string; code: string }[]>([]);
  const [reload, setReload] = useState(0);
  const [loading, setLoading] = useState(true);
  /** Marks the grid busy in the same render that asks for the reload, so "done" never shows stale rows as current. */
  const refresh = () => {
    setLoading(true);
    setReload((n) => n + 1);
  };
  const [fixReason, setFixReason] = useState('');

  const cursor = cursors[cursors.length - 1];
  useEffect(() => {
    // An answer to an older search or page never replaces a newer one (nor ends its busy state).
    let current = true;
    setError(undefined);
    setLoading(true);
    unwrap(api.GET('/schools/{schoolId}/students', { params: { path: { schoolId }, query: { q: search || undefined, limit: 25, cursor } } }))
      .then((loaded) => {
        if (!current) return;
        setPage(loaded);
        setSelected(new Set());
      })
      .catch((e) => current && setError(e))
      .finally(() => current && setLoading(false));
    return () => void (current = false);
  }, [schoolId, search, cursor, reload]);

  const rows = page?.items ?? [];
  const chosen = rows.filter((s) => selected.has(s.studentId));
  const linksOfChosen = chosen.reduce((sum, s) => sum + s.parents.length, 0);
  const nameOf = (id: string) => fullName(rows.find((s) => s.studentId === id) ?? {});
  const isPending = (studentId: string, parentId: string) => removals.some((r) => r.studentId === studentId && r.parentId === parentId);

  const toggle = (studentId: string) => {
    const next = new Set(selected);
    if (next.has(studentId)) next.delete(studentId);
    else next.add(studentId);
    setSelected(next);
  };
  const allChecked = rows.length > 0 && rows.every((s) => selected.has(s.studentId));

  const act = (work: () => Promise<string>) =>
    dialog.run(async () => {
      setDone(await work());
      setConfirming(undefined);
      refresh();
    });

  const saveRemovals = () =>
    act(async () => {
      const left = [...removals];
      for (const removal of removals) {
        await unwrap(api.DELETE('/schools/{schoolId}/students/{studentId}/parents/{parentId}', { params: { path: { schoolId, ...removal } } }));
        left.shift();
        setRemovals([...left]);
      }
      return `Removed ${plural(removals.length, 'link')}.`;
    });

  const runBulk = (action: BulkAction) =>
    act(async () => {
      const studentIds = chosen.map((s) => s.studentId);
      if (action === 'clear') {
        const result = await unwrap(api.POST('/schools/{schoolId}/links/clear', { params: { path: { schoolId } }, body: { studentIds } }));
        return `Cleared ${plural(result.linksRemoved, 'link')} from ${plural(studentIds.length, 'student')}.`;
      }
      if (action === 'reset') {
        const result = await unwrap(api.POST('/schools/{schoolId}/codes/reset', { params: { path: { schoolId } }, body: { studentIds } }));
        setIssued(result.students.map((s) => ({ name: nameOf(s.studentId), code: s.code })));
        return `Reset ${plural(result.reset, 'code')}. Redistribute the new codes below.`;
      }
      if (action === 'letters') {
        download(await fetchFile(context, '/schools/{schoolId}/codes/letters', studentIds), `code-letters-${schoolId}.pdf`);
        return `Made ${plural(studentIds.length, 'letter')} to print and send home.`;
      }
      download(await fetchFile(context, '/schools/{schoolId}/codes/export', studentIds), `codes-${schoolId}.csv`);
      return `Exported the codes of ${plural(studentIds.length, 'student')}.`;
    });

  const fixWrongLink = (student: Student) =>
    act(async () => {
      const result = await unwrap(
        api.POST('/schools/{schoolId}/students/{studentId}/wrong-link-fix', {
          params: { path: { schoolId, studentId: student.studentId } },
          body: { parentId: student.flag!.parentId, reason: fixReason },
        }),
      );
      setIssued([{ name: fullName(student), code: result.code }]);
      return `Fixed the wrong link of ${fullName(student)}: the code is new and the case is closed.`;
    });

  return (
    <section aria-label="Students">
      <form
        class="toolbar"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setLoading(true);
          setCursors([undefined]);
          setSearch(query.trim());
        }}
      >
        <label>
          Search students <input type="search" value={query} onInput={(e) => setQuery(e.currentTarget.value)} placeholder="last name or student number" />
        </label>
        <button type="submit">Search</button>
        <span class="spacer" />
        <label>
          Bulk action{' '}
          <select value={bulk} onChange={(e) => setBulk(e.currentTarget.value as BulkAction)}>
            <option value="">Select bulk action</option>
            <option value="clear">Clear Parents</option>
            <option value="reset">Reset Selected</option>
            <option value="export">Export codes (CSV)</option>
            <option value="letters">Letters home (PDF)</option>
          </select>
        </label>
        <button type="button" disabled={!bulk || chosen.length === 0} onClick={() => bulk && (setDialogError(undefined), setConfirming(bulk))}>
          Apply to {plural(chosen.length, 'student')}
        </button>
        <details class="menu">
          <summary>Options</summary>
          <div>
            <button type="button" onClick={(e) => (closeMenu(e), setJob('reset-codes'))}>
              Reset All
            </button>
            <button type="button" onClick={(e) => (closeMenu(e), setJob('clear-links'))}>
              Clear All
            </button>
            <button type="button" onClick={(e) => (closeMenu(e), setJob('export-codes'))}>
              Export all codes (CSV)
            </button>
            <button type="button" onClick={(e) => (closeMenu(e), setJob('code-letters'))}>
              Letters for all (PDF)
            </button>
          </div>
        </details>
      </form>

      <ErrorMessage error={error} />
      {done && <Status>{done}</Status>}
      {issued.length > 0 && (
        <table class="issued" aria-label="New codes">
          <thead>
            <tr>
              <th scope="col">Student</th>
              <th scope="col">New code</th>
            </tr>
          </thead>
          <tbody>
            {issued.map((i) => (
              <tr key={i.code}>
                <td>{i.name}</td>
                <td>
                  <code>{i.code}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {removals.length > 0 && (
        <div class="pending" role="region" aria-label="Unsaved changes">
          <span>{plural(removals.length, 'link')} marked for removal.</span>
          <button type="button" class="primary" onClick={() => (setDialogError(undefined), setConfirming('save'))}>
            Save Changes
          </button>
          <button type="button" onClick={() => setRemovals([])}>
            Discard
          </button>
        </div>
      )}

      <table class="grid" aria-label="Students" aria-busy={loading}>
        <thead>
          <tr>
            <th scope="col">
              <input
                type="checkbox"
                aria-label="Select all students on this page"
                checked={allChecked}
                onChange={() => setSelected(allChecked ? new Set() : new Set(rows.map((s) => s.studentId)))}
              />
            </th>
            <th scope="col">Student</th>
            <th scope="col">Number</th>
            <th scope="col">Grade</th>
            {showCodes && <th scope="col">Access code</th>}
            <th scope="col">Parents</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((s) => (
            <tr key={s.studentId}>
              <td>
                <input type="checkbox" aria-label={`Select ${fullName(s)}`} checked={selected.has(s.studentId)} onChange={() => toggle(s.studentId)} />
              </td>
              <th scope="row">
                {s.lastName}, {s.firstName}
                {s.flag && (
                  <div class="flag">
                    <span>Reported “not my child” by parent {s.flag.parentId}</span>{' '}
                    <button type="button" onClick={() => (setFixReason(''), setDialogError(undefined), setConfirming({ fix: s }))}>
                      Fix wrong link
                    </button>
                  </div>
                )}
              </th>
              <td>{s.studentNumber}</td>
              <td>{[s.grade, s.homeroom && `(${s.homeroom})`].filter(Boolean).join(' ')}</td>
              {showCodes && (
                <td>
                  <code>{s.code ?? '—'}</code>
                </td>
              )}
              <td>
                <ul class="parents">
                  {s.parents.map((p) => {
                    const pending = isPending(s.studentId, p.parentId);
                    return (
                      <li key={p.parentId} class={pending ? 'removing' : ''}>
                        <span>{fullName(p)}</span>
                        {pending ? (
                          <button type="button" class="link" onClick={() => setRemovals(removals.filter((r) => r.studentId !== s.studentId || r.parentId !== p.parentId))}>
                            Undo
                          </button>
                        ) : (
                          <button
                            type="button"
                            class="x"
                            aria-label={`Remove ${fullName(p)} from ${fullName(s)}`}
                            title="Remove this link"
                            onClick={() => setRemovals([...removals, { studentId: s.studentId, parentId: p.parentId }])}
                          >
                            ×
                          </button>
                        )}
                      </li>
                    );
                  })}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {page && rows.length === 0 && <p>No students match.</p>}
      <nav class="pager" aria-label="Pages">
        <button type="button" disabled={cursors.length < 2} onClick={() => (setLoading(true), setCursors(cursors.slice(0, -1)))}>
          Previous page
        </button>
        <span>Page {cursors.length}</span>
        <button type="button" disabled={!page?.nextCursor} onClick={() => (setLoading(true), setCursors([...cursors, page!.nextCursor]))}>
          Next page
        </button>
      </nav>

      {confirming === 'save' && (
        <Confirm title="Save changes?" confirmLabel="Save Changes" busy={busy} error={dialogError} onConfirm={saveRemovals} onCancel={() => setConfirming(undefined)}>
          <p>These links will be removed. The parents lose access to these students at once.</p>
          <ul>
            {removals.map((r) => {
              const student = rows.find((s) => s.studentId === r.studentId);
              const parent = student?.parents.find((p) => p.parentId === r.parentId);
              return <li key={`${r.studentId}/${r.parentId}`}>{`${fullName(parent ?? { parentId: r.parentId })} from ${fullName(student ?? {})}`}</li>;
            })}
          </ul>
        </Confirm>
      )}
      {confirming === 'clear' && (
        <Confirm
          title="Clear parents?"
          confirmLabel="Clear Parents"
          busy={busy}
          error={dialogError}
          onConfirm={() => runBulk('clear')}
          onCancel={() => setConfirming(undefined)}
        >
          <p>
            Remove {plural(linksOfChosen, 'parent link')} from {plural(chosen.length, 'selected student')}. Parents must enter a new code to link again.
          </p>
        </Confirm>
      )}
      {confirming === 'reset' && (
        <Confirm title="Reset selected codes?" confirmLabel="Reset" busy={busy} error={dialogError} onConfirm={() => runBulk('reset')} onCancel={() => setConfirming(undefined)}>
          <p>
            Give {plural(chosen.length, 'selected student')} new access codes. Their current codes stop working; existing parent links stay ({plural(linksOfChosen, 'link')}).
          </p>
        </Confirm>
      )}
      {confirming === 'letters' && (
        <Confirm title="Make letters?" confirmLabel="Make letters" busy={busy} error={dialogError} onConfirm={() => runBulk('letters')} onCancel={() => setConfirming(undefined)}>
          <p>
            Download a PDF with one letter per selected student ({plural(chosen.length, 'letter')}): the code and how to link in the portal. The export is recorded in the
            audit trail.
          </p>
        </Confirm>
      )}
      {confirming === 'export' && (
        <Confirm title="Export codes?" confirmLabel="Export" busy={busy} error={dialogError} onConfirm={() => runBulk('export')} onCancel={() => setConfirming(undefined)}>
          <p>Download the codes of {plural(chosen.length, 'selected student')} as a spreadsheet. The export is recorded in the audit trail.</p>
        </Confirm>
      )}
      {typeof confirming === 'object' && <FixWrongLink student={confirming.fix} busy={busy} error={dialogError} reason={fixReason} setReason={setFixReason} onConfirm={() => fixWrongLink(confirming.fix)} onCancel={() => setConfirming(undefined)} />}
      {job && <BulkJobDialog context={context} type={job} onClose={() => (setJob(undefined), refresh())} />}
    </section>
  );
}

/** A flagged student: the parent who reported "not my child" may still be linked (then the link goes too) or not. */
function FixWrongLink(props: { student: Student; busy: boolean; error: unknown; reason: string; setReason: (r: string) => void; onConfirm: () => void; onCancel: () => void }) {
  const { student } = props;
  const flaggedBy = student.flag!.parentId;
  const linked = student.parents.find((p) => p.parentId === flaggedBy);
  return (
    <Confirm
      title="Fix a wrong link?"
      confirmLabel={linked ? 'Remove link and reset code' : 'Reset code and close the report'}
      busy={props.busy}
      error={props.error}
      disabled={!props.reason.trim()}
      onConfirm={props.onConfirm}
      onCancel={props.onCancel}
    >
      <p>
        {linked
          ? `Remove the link of ${fullName(linked)} to ${fullName(student)} and give the student a new code, in one step.`
          : `The parent who reported "not my child" already removed the link. Give ${fullName(student)} a new code, so the code they saw stops working, and close the report.`}
      </p>
      <label>
        Reason (kept in the audit trail) <input value={props.reason} onInput={(e) => props.setReason(e.currentTarget.value)} />
      </label>
    </Confirm>
  );
}

const closeMenu = (event: { currentTarget: HTMLElement }) => {
  const menu = event.currentTarget.closest('details');
  if (menu) menu.open = false;
};

/** The exports answer a file (CSV or PDF), not JSON, so it is read as a blob. */
async function fetchFile({ api, schoolId }: StaffContext, path: '/schools/{schoolId}/codes/export' | '/schools/{schoolId}/codes/letters', studentIds: string[]): Promise<Blob> {
  return unwrap(api.POST(path, { params: { path: { schoolId } }, body: { studentIds }, parseAs: 'blob' })) as Promise<Blob>;
}

function download(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
