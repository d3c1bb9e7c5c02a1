import { useEffect, useState } from 'preact/hooks';
import type { Student } from '../api/types';
import { unwrap } from '../api/client';
import { Confirm, NoticeView, Pager, SortHeader, WHO_CAN, dash, fullName, plural, useAction, useNotice, type SortOrder } from '../components/ui';
import { BulkJobDialog, type ConsoleJobType } from './bulk-job-dialog';
import type { StaffContext } from './staff-console';

type Pending = { studentId: string; parentId: string };
type BulkAction = 'clear' | 'reset' | 'export' | 'letters';

/** Each bulk action and the permission it needs: an action the person cannot take is not offered. */
const BULK: { action: BulkAction; label: string; permission: string }[] = [
  { action: 'clear', label: 'Clear Parents', permission: 'links:remove' },
  { action: 'reset', label: 'Reset Selected', permission: 'codes:reset' },
  { action: 'export', label: 'Export codes (CSV)', permission: 'codes:export' },
  { action: 'letters', label: 'Letters home (PDF)', permission: 'codes:export' },
];

/** Whole-school jobs under Options: the exports first, the destructive ones set apart below them. */
const SCHOOL_JOBS: { type: ConsoleJobType; label: string; permission: string; destructive?: boolean }[] = [
  { type: 'export-codes', label: 'Export all codes (CSV)', permission: 'codes:export' },
  { type: 'code-letters', label: 'Letters for all (PDF)', permission: 'codes:export' },
  { type: 'reset-codes', label: 'Reset All', permission: 'codes:reset', destructive: true },
  { type: 'clear-links', label: 'Clear All', permission: 'links:remove', destructive: true },
];

/** New codes after a reset, named so a clerk can tell two students of the same name apart. */
type Issued = { studentId: string; name: string; studentNumber?: string; grade?: string; code: string };

const gradeOf = (s: Pick<Student, 'grade' | 'homeroom'>) => [s.grade, s.homeroom && `(${s.homeroom})`].filter(Boolean).join(' ');

/** Who reported "not my child", by name (a parent no longer on file reads as "a parent"). */
const flaggedBy = (flag: NonNullable<Student['flag']>) => [flag.firstName, flag.lastName].filter(Boolean).join(' ') || 'a parent';

/**
 * The students grid (the article's Parents/Advisors tab): search, a page of students with their
 * linked parents (and codes, for staff holding codes:read), an X per link saved with Save
 * Changes, a checkbox per row and one for the page, the bulk actions Clear Parents and Reset
 * Selected, and Options → Reset All / Clear All. Only what the person may do is offered. The
 * new codes of a reset are shown until the data they describe changes: another action, a
 * whole-school job, a new search or another page.
 */
export function StudentsPage({ context }: { context: StaffContext }) {
  const { api, schoolId } = context;
  // Codes are shown only to staff holding codes:read (the API omits them otherwise, and audits each page it shows).
  const showCodes = context.can('codes:read');
  const mayRemove = context.can('links:remove');
  const bulkActions = BULK.filter((b) => context.can(b.permission));
  const schoolJobs = SCHOOL_JOBS.filter((j) => context.can(j.permission) && context.can('jobs:run'));
  const [query, setQuery] = useState('');
  /** The search as submitted, with a counter so running the same search again reloads too. */
  const [search, setSearch] = useState({ q: '', n: 0 });
  const [order, setOrder] = useState<SortOrder>('asc');
  const [pageSize, setPageSize] = useState(25);
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [page, setPage] = useState<{ items: Student[]; nextCursor?: string; total?: number; more?: boolean }>();
  const [total, setTotal] = useState<number>();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [removals, setRemovals] = useState<Pending[]>([]);
  const [bulk, setBulk] = useState<BulkAction | ''>('');
  const [confirming, setConfirming] = useState<BulkAction | 'save' | { fix: Student }>();
  const [job, setJob] = useState<ConsoleJobType>();
  const notice = useNotice();
  /** The open dialog's action: its buttons disable while it runs, its error shows in the dialog. */
  const dialog = useAction();
  const { busy, error: dialogError, setError: setDialogError } = dialog;
  const [issued, setIssued] = useState<Issued[]>([]);
  const [reload, setReload] = useState(0);
  const [loading, setLoading] = useState(true);
  /** Marks the grid busy in the same render that asks for the reload, so "done" never shows stale rows as current. */
  const refresh = () => {
    setLoading(true);
    setReload((n) => n + 1);
  };
  /** Another view of the data: the codes panel of an earlier action no longer describes it. */
  const newView = () => {
    setLoading(true);
    setIssued([]);
    notice.clear();
  };
  const [fixReason, setFixReason] = useState('');

  const cursor = cursors[cursors.length - 1];
  useEffect(() => {
    // An answer to an older search or page never replaces a newer one (nor ends its busy state).
    let current = true;
    setLoading(true);
    const q = search.q || undefined;
    unwrap(api.GET('/schools/{schoolId}/students', { params: { path: { schoolId }, query: { q, limit: pageSize, cursor, ...(q ? {} : { order }) } } }))
      .then((loaded) => {
        if (!current) return;
        setPage(loaded);
        // The count comes with a first page (a search counts its matches); later pages keep it.
        if (!cursor) setTotal(loaded.total);
        setSelected(new Set());
      })
      .catch((e) => current && notice.failed(e))
      .finally(() => current && setLoading(false));
    return () => void (current = false);
  }, [schoolId, search, cursor, reload, order, pageSize]);

  const rows = page?.items ?? [];
  const chosen = rows.filter((s) => selected.has(s.studentId));
  const linksOfChosen = chosen.reduce((sum, s) => sum + s.parents.length, 0);
  const isPending = (studentId: string, parentId: string) => removals.some((r) => r.studentId === studentId && r.parentId === parentId);

  const toggle = (studentId: string) => {
    const next = new Set(selected);
    if (next.has(studentId)) next.delete(studentId);
    else next.add(studentId);
    setSelected(next);
  };
  const allChecked = rows.length > 0 && rows.every((s) => selected.has(s.studentId));

  /** A dialog's action: the outcome replaces the last message and takes focus; the bulk choice starts over. */
  const act = (work: () => Promise<string>) =>
    dialog.run(async () => {
      setIssued([]);
      const message = await work();
      notice.done(message, true);
      setConfirming(undefined);
      setBulk('');
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
        const byId = new Map(chosen.map((s) => [s.studentId, s]));
        setIssued(
          result.students.map((s) => {
            const student = byId.get(s.studentId);
            return { studentId: s.studentId, name: fullName(student ?? {}), studentNumber: student?.studentNumber, grade: student && gradeOf(student), code: s.code };
          }),
        );
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
      const fixed = { studentId: student.studentId, name: fullName(student), studentNumber: student.studentNumber, grade: gradeOf(student), code: result.code };
      setIssued([fixed]);
      return `Fixed the wrong link of ${fullName(student)}: the code is new and the case is closed.`;
    });

  const first = (cursors.length - 1) * pageSize + 1;
  const searched = search.q !== '';
  return (
    <section aria-label="Students">
      <form
        class="toolbar"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          newView();
          setCursors([undefined]);
          setSearch({ q: query.trim(), n: search.n + 1 });
        }}
      >
        <label>
          Search students{' '}
          <input type="search" value={query} onInput={(e) => setQuery(e.currentTarget.value)} placeholder="name, in any order, or student number" size={34} />
        </label>
        <button type="submit">Search</button>
        {searched && (
          <button
            type="button"
            class="link"
            onClick={() => {
              newView();
              setQuery('');
              setCursors([undefined]);
              setSearch({ q: '', n: search.n + 1 });
            }}
          >
            Show all
          </button>
        )}
        <span class="spacer" />
        {bulkActions.length > 0 && (
          <>
            <label>
              Bulk action{' '}
              <select value={bulk} onChange={(e) => setBulk(e.currentTarget.value as BulkAction)}>
                <option value="">Select bulk action</option>
                {bulkActions.map((b) => (
                  <option key={b.action} value={b.action}>
                    {b.label}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" disabled={!bulk || chosen.length === 0} onClick={() => bulk && (setDialogError(undefined), setConfirming(bulk))}>
              Apply to {plural(chosen.length, 'student')}
            </button>
          </>
        )}
        {schoolJobs.length > 0 && (
          <details class="menu">
            <summary>Options</summary>
            <div>
              {schoolJobs
                .filter((j) => !j.destructive)
                .map((j) => (
                  <button key={j.type} type="button" onClick={(e) => (closeMenu(e), newView(), setJob(j.type))}>
                    {j.label}
                  </button>
                ))}
              {schoolJobs.some((j) => j.destructive) && (
                <div class="danger-zone" role="group" aria-label="Whole-school changes">
                  {schoolJobs
                    .filter((j) => j.destructive)
                    .map((j) => (
                      <button key={j.type} type="button" class="danger" onClick={(e) => (closeMenu(e), newView(), setJob(j.type))}>
                        {j.label}
                      </button>
                    ))}
                </div>
              )}
            </div>
          </details>
        )}
      </form>
      {bulkActions.length === 0 && (
        <p class="muted">
          You can look students and their parents up. {WHO_CAN['codes:reset']} {WHO_CAN['links:remove']}
        </p>
      )}

      <NoticeView state={notice} />
      {issued.length > 0 && (
        <section class="results" aria-labelledby="issued-title">
          <h2 id="issued-title">New codes to hand out</h2>
          <table class="issued" aria-label="New codes">
            <thead>
              <tr>
                <th scope="col">Student</th>
                <th scope="col">Number</th>
                <th scope="col">Grade</th>
                <th scope="col">New code</th>
              </tr>
            </thead>
            <tbody>
              {issued.map((i) => (
                <tr key={i.studentId}>
                  <th scope="row">{i.name}</th>
                  <td class="num">{dash(i.studentNumber)}</td>
                  <td>{dash(i.grade)}</td>
                  <td>
                    <code>{i.code}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
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

      <table class="grid students-grid" aria-label="Students" aria-busy={loading ? 'true' : 'false'}>
        <colgroup>
          <col class="check" />
          <col style={{ width: '24%' }} />
          <col style={{ width: '9rem' }} />
          <col style={{ width: '7rem' }} />
          {showCodes && <col style={{ width: '12rem' }} />}
          <col />
        </colgroup>
        <thead>
          <tr>
            <th scope="col" class="check">
              <input
                type="checkbox"
                aria-label="Select all students on this page"
                checked={allChecked}
                onChange={() => setSelected(allChecked ? new Set() : new Set(rows.map((s) => s.studentId)))}
              />
            </th>
            {searched ? (
              <th scope="col">Student</th>
            ) : (
              <SortHeader
                label="Student"
                order={order}
                onSort={(next) => {
                  newView();
                  setCursors([undefined]);
                  setOrder(next);
                }}
              />
            )}
            <th scope="col">Number</th>
            <th scope="col">Grade</th>
            {showCodes && <th scope="col">Access code</th>}
            <th scope="col">Parents</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((s) => (
            <tr key={s.studentId}>
              <td class="check">
                <input type="checkbox" aria-label={`Select ${fullName(s)}`} checked={selected.has(s.studentId)} onChange={() => toggle(s.studentId)} />
              </td>
              <th scope="row">
                {s.lastName}, {s.firstName}
                {s.flag && (
                  <div class="flag">
                    <span>
                      Reported “not my child” by {flaggedBy(s.flag)}
                      {s.flag.reason ? `: “${s.flag.reason}”` : ''}
                    </span>{' '}
                    {mayRemove && context.can('codes:reset') && (
                      <button type="button" onClick={() => (setFixReason(''), setDialogError(undefined), setConfirming({ fix: s }))}>
                        Fix wrong link
                      </button>
                    )}
                  </div>
                )}
              </th>
              <td class="num">{dash(s.studentNumber)}</td>
              <td>{dash(gradeOf(s))}</td>
              {showCodes && (
                <td>
                  <code>{s.code ?? '—'}</code>
                </td>
              )}
              <td>
                {s.parents.length === 0 ? (
                  <span class="muted">—</span>
                ) : (
                  <ul class="parents">
                    {s.parents.map((p) => {
                      const pending = isPending(s.studentId, p.parentId);
                      return (
                        <li key={p.parentId} class={pending ? 'removing' : ''}>
                          <span>{fullName(p)}</span>
                          {!mayRemove ? null : pending ? (
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
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {loading && !page && <p class="loading" role="status">Loading students…</p>}
      {searched && page?.more && !page.nextCursor && <p class="muted">More students match than are shown: type more of the name.</p>}
      {page && !loading && rows.length === 0 && <p>{searched ? `No student's name or number matches “${search.q}”.` : 'No students yet: import the roster.'}</p>}
      <Pager
        label="Pages"
        first={first}
        shown={rows.length}
        total={total}
        hasPrevious={cursors.length > 1}
        hasNext={Boolean(page?.nextCursor)}
        onPrevious={() => (newView(), setCursors(cursors.slice(0, -1)))}
        onNext={() => (newView(), setCursors([...cursors, page!.nextCursor]))}
        pageSize={pageSize}
        onPageSize={(size) => (newView(), setCursors([undefined]), setPageSize(size))}
      />

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
            Remove {plural(linksOfChosen, 'parent link')} from {plural(chosen.length, 'selected student')}. Parents must enter a code to link again.
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
      {job && <BulkJobDialog context={context} type={job} onClose={() => (setJob(undefined), refresh())} onFinished={(message) => notice.done(message, true)} />}
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
