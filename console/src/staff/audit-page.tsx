import { useEffect, useState } from 'preact/hooks';
import { unwrap } from '../api/client';
import type { AuditEvent } from '../api/types';
import { ErrorMessage, when } from '../components/ui';
import type { StaffContext } from './staff-console';

interface Filters {
  action: string;
  studentId: string;
  parentId: string;
  actorId: string;
  from: string;
  to: string;
}

const EMPTY: Filters = { action: '', studentId: '', parentId: '', actorId: '', from: '', to: '' };

/** A date input's day as the API's UTC timestamp: the start of `from`, the end of `to`. */
const dayBound = (day: string, end: boolean) => (day ? new Date(`${day}T${end ? '23:59:59.999' : '00:00:00.000'}`).toISOString() : undefined);

/** Lists longer than this are cut short in the table (a bulk job's page event lists up to 1,000 links). */
const LISTED_SHOWN = 5;

/** One detail as the table shows it: a long comma list is cut to its first entries and its length. */
function detail(name: string, value: unknown): string {
  const entries = typeof value === 'string' ? value.split(',') : [];
  if (entries.length <= LISTED_SHOWN) return `${name}: ${String(value)}`;
  return `${name}: ${entries.slice(0, LISTED_SHOWN).join(', ')} … (${entries.length} in all)`;
}

/** The school's audit trail, newest first, filtered by action, student, parent, actor and day. */
export function AuditPage({ context }: { context: StaffContext }) {
  const { api, schoolId } = context;
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [page, setPage] = useState<{ items: AuditEvent[]; nextCursor?: string }>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(true);
  const cursor = cursors[cursors.length - 1];
  useEffect(() => {
    // Busy again on every new filter or page (screen readers hear it; the table's rows are stale
    // until the answer), and an answer for an older filter never replaces a newer one.
    let current = true;
    setLoading(true);
    setError(undefined);
    const query = {
      action: filters.action || undefined,
      studentId: filters.studentId || undefined,
      parentId: filters.parentId || undefined,
      actorId: filters.actorId || undefined,
      from: dayBound(filters.from, false),
      to: dayBound(filters.to, true),
      limit: 50,
      cursor,
    };
    unwrap(api.GET('/schools/{schoolId}/audit', { params: { path: { schoolId }, query } }))
      .then((answer) => current && setPage(answer))
      .catch((e) => current && setError(e))
      .finally(() => current && setLoading(false));
    return () => void (current = false);
  }, [schoolId, filters, cursor]);
  const field = (name: keyof Filters, label: string, date = false) => {
    const change = (e: { currentTarget: HTMLInputElement }) => setDraft({ ...draft, [name]: e.currentTarget.value });
    return (
      <label>
        {label} {date ? <input type="date" value={draft[name]} onInput={change} /> : <input type="text" value={draft[name]} onInput={change} />}
      </label>
    );
  };
  return (
    <section aria-label="Audit trail">
      <form
        class="toolbar filters"
        onSubmit={(e) => {
          e.preventDefault();
          setLoading(true);
          setCursors([undefined]);
          setFilters({ ...draft });
        }}
      >
        {field('action', 'Action (e.g. code.reset)')}
        {field('studentId', 'Student id')}
        {field('parentId', 'Parent id')}
        {field('actorId', 'Done by')}
        {field('from', 'From', true)}
        {field('to', 'To', true)}
        <button type="submit">Filter</button>
      </form>
      <ErrorMessage error={error} />
      <table class="grid" aria-label="Audit events" aria-busy={loading}>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Action</th>
            <th scope="col">By</th>
            <th scope="col">Student</th>
            <th scope="col">Parent</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {(page?.items ?? []).map((e) => (
            <tr key={e.eventId}>
              <td>{when(e.at)}</td>
              <th scope="row">{e.action}</th>
              <td>
                {e.actor.type} {e.actor.id}
              </td>
              <td>{e.studentId}</td>
              <td>{e.parentId}</td>
              <td>
                {[e.reason, ...Object.entries(e.details ?? {}).map(([k, v]) => detail(k, v))].filter(Boolean).join('; ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {page?.items.length === 0 && <p>No events match.</p>}
      <nav class="pager" aria-label="Pages">
        <button type="button" disabled={cursors.length < 2} onClick={() => setCursors(cursors.slice(0, -1))}>
          Newer
        </button>
        <button type="button" disabled={!page?.nextCursor} onClick={() => setCursors([...cursors, page!.nextCursor])}>
          Older
        </button>
      </nav>
    </section>
  );
}
