import { useEffect, useState } from 'preact/hooks';
import { unwrap } from '../api/client';
import type { AuditEvent } from '../api/types';
import { NoticeView, Pager, dash, fullName, when, useNotice } from '../components/ui';
import type { StaffContext } from './staff-console';
import { ACTION_WORDS, actionWords, detailWords, type AuditAction } from './audit-words';

/** A person the trail is narrowed to: chosen by name, sent as the id. */
type Chosen = { id: string; name: string };

interface Filters {
  action: AuditAction | '';
  student?: Chosen;
  parent?: Chosen;
  actor?: Chosen;
  from: string;
  to: string;
}

const EMPTY: Filters = { action: '', from: '', to: '' };

/** A date input's day as the API's UTC timestamp: the start of `from`, the end of `to`. */
const dayBound = (day: string, end: boolean) => (day ? new Date(`${day}T${end ? '23:59:59.999' : '00:00:00.000'}`).toISOString() : undefined);

/** Lists longer than this are cut short in the table (a bulk job's page event lists up to 1,000 links). */
const LISTED_SHOWN = 5;

/** One detail as the table shows it: a long comma list is cut to its first entries and its length. */
function detail(name: string, value: unknown): string {
  const entries = typeof value === 'string' ? value.split(',') : [];
  if (entries.length <= LISTED_SHOWN) return `${detailWords(name)}: ${String(value)}`;
  return `${detailWords(name)}: ${entries.slice(0, LISTED_SHOWN).join(', ')} … (${entries.length} in all)`;
}

/** The names the API resolves for a page of events (the ids are the record; names are read at display time). */
type Named = AuditEvent & { actorName?: string; studentName?: string; parentName?: string };

const PAGE_SIZE = 50;

/** The school's audit trail, newest first, narrowed by what happened, to whom, by whom and when. */
export function AuditPage({ context }: { context: StaffContext }) {
  const { api, schoolId, claims } = context;
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [page, setPage] = useState<{ items: Named[]; nextCursor?: string }>();
  /** Everyone seen acting in the trail so far, for the "Done by" pick list. */
  const [actors, setActors] = useState<Map<string, string>>(new Map([[claims.sub, `${claims.name ?? claims.email ?? claims.sub} (you)`]]));
  const notice = useNotice();
  const [loading, setLoading] = useState(true);
  const cursor = cursors[cursors.length - 1];
  useEffect(() => {
    // Busy again on every new filter or page (screen readers hear it; the table's rows are stale
    // until the answer), and an answer for an older filter never replaces a newer one.
    let current = true;
    setLoading(true);
    notice.clear();
    const query = {
      action: filters.action || undefined,
      studentId: filters.student?.id,
      parentId: filters.parent?.id,
      actorId: filters.actor?.id,
      from: dayBound(filters.from, false),
      to: dayBound(filters.to, true),
      limit: PAGE_SIZE,
      cursor,
    };
    unwrap(api.GET('/schools/{schoolId}/audit', { params: { path: { schoolId }, query } }))
      .then((answer) => {
        if (!current) return;
        setPage(answer);
        setActors((known) => {
          const next = new Map(known);
          for (const e of answer.items) if (!next.has(e.actor.id)) next.set(e.actor.id, e.actorName ?? e.actor.id);
          return next;
        });
      })
      .catch((e) => current && notice.failed(e))
      .finally(() => current && setLoading(false));
    return () => void (current = false);
  }, [schoolId, filters, cursor]);

  const findStudents = async (q: string): Promise<Chosen[]> => {
    const found = await unwrap(api.GET('/schools/{schoolId}/students', { params: { path: { schoolId }, query: { q, limit: 10 } } }));
    return found.items.map((s) => ({ id: s.studentId, name: `${fullName(s)}${s.studentNumber ? ` (${s.studentNumber})` : ''}` }));
  };
  const findParents = async (q: string): Promise<Chosen[]> => {
    const found = await unwrap(api.GET('/schools/{schoolId}/parents', { params: { path: { schoolId }, query: { by: 'any', q, limit: 10 } } }));
    return found.items.map((p) => ({ id: p.parentId, name: `${fullName(p)} (${p.userName})` }));
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
        <label>
          What happened{' '}
          <select value={draft.action} onChange={(e) => setDraft({ ...draft, action: e.currentTarget.value as AuditAction | '' })}>
            <option value="">Anything</option>
            {Object.entries(ACTION_WORDS)
              .sort(([, a], [, b]) => a.localeCompare(b))
              .map(([code, words]) => (
                <option key={code} value={code}>
                  {words}
                </option>
              ))}
          </select>
        </label>
        {context.can('students:read') && <PersonPicker label="Student" chosen={draft.student} find={findStudents} onChoose={(student) => setDraft({ ...draft, student })} />}
        {context.can('parents:read') && <PersonPicker label="Parent" chosen={draft.parent} find={findParents} onChoose={(parent) => setDraft({ ...draft, parent })} />}
        <label>
          Done by{' '}
          <select
            value={draft.actor?.id ?? ''}
            onChange={(e) => {
              const id = e.currentTarget.value;
              setDraft({ ...draft, actor: id ? { id, name: actors.get(id) ?? id } : undefined });
            }}
          >
            <option value="">Anyone</option>
            {[...actors].map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label>
          From <input type="date" value={draft.from} onInput={(e) => setDraft({ ...draft, from: e.currentTarget.value })} />
        </label>
        <label>
          To <input type="date" value={draft.to} onInput={(e) => setDraft({ ...draft, to: e.currentTarget.value })} />
        </label>
        <button type="submit">Filter</button>
        <button
          type="button"
          class="link"
          onClick={() => {
            setDraft(EMPTY);
            setCursors([undefined]);
            setFilters(EMPTY);
          }}
        >
          Clear filters
        </button>
      </form>
      <NoticeView state={notice} />
      <table class="grid" aria-label="Audit events" aria-busy={loading ? 'true' : 'false'}>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">What happened</th>
            <th scope="col">By</th>
            <th scope="col">Student</th>
            <th scope="col">Parent</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {(page?.items ?? []).map((e) => (
            <tr key={e.eventId}>
              <td class="num">{when(e.at)}</td>
              <th scope="row">{actionWords(e.action)}</th>
              <td>{actorOf(e)}</td>
              <td>{dash(e.studentName ?? e.studentId)}</td>
              <td>{dash(e.parentName ?? e.parentId)}</td>
              <td>{dash([e.reason, ...Object.entries(e.details ?? {}).map(([k, v]) => detail(k, v))].filter(Boolean).join('; '))}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {page?.items.length === 0 && <p>No events match.</p>}
      <Pager
        label="Pages"
        first={(cursors.length - 1) * PAGE_SIZE + 1}
        shown={page?.items.length ?? 0}
        hasPrevious={cursors.length > 1}
        hasNext={Boolean(page?.nextCursor)}
        onPrevious={() => setCursors(cursors.slice(0, -1))}
        onNext={() => setCursors([...cursors, page!.nextCursor])}
        previousLabel="Newer"
        nextLabel="Older"
      />
    </section>
  );
}

/** Who acted: a person's name, or what kind of actor it was when no person acted. */
function actorOf(event: Named): string {
  if (event.actorName) return event.actorName;
  if (event.actor.type === 'scheduler') return `Schedule ${event.actor.id}`;
  if (event.actor.type === 'system') return 'Parent Access';
  return event.actor.id;
}

/** Narrow to one person found by name: type, Find, choose from the matches. */
function PersonPicker(props: { label: string; chosen?: Chosen; find: (q: string) => Promise<Chosen[]>; onChoose: (chosen?: Chosen) => void }) {
  const [q, setQ] = useState('');
  const [matches, setMatches] = useState<Chosen[]>();
  const [error, setError] = useState<string>();
  if (props.chosen) {
    return (
      <span class="chosen">
        {props.label}: <strong>{props.chosen.name}</strong>{' '}
        <button type="button" class="link" aria-label={`Any ${props.label.toLowerCase()}`} onClick={() => props.onChoose(undefined)}>
          ×
        </button>
      </span>
    );
  }
  const search = () => {
    setError(undefined);
    props
      .find(q.trim())
      .then(setMatches)
      .catch(() => setError(`No ${props.label.toLowerCase()} could be looked up.`));
  };
  return (
    <span class="picker">
      <label>
        {props.label}{' '}
        <input
          type="search"
          value={q}
          size={14}
          placeholder="name or number"
          onInput={(e) => (setQ(e.currentTarget.value), setMatches(undefined))}
          onKeyDown={(e) => {
            // Enter looks the person up rather than applying the whole filter.
            if (e.key === 'Enter') {
              e.preventDefault();
              if (q.trim()) search();
            }
          }}
        />
      </label>
      <button type="button" disabled={!q.trim()} onClick={search} aria-label={`Find ${props.label.toLowerCase()}`}>
        Find
      </button>
      {matches && (
        <select
          aria-label={`Choose the ${props.label.toLowerCase()}`}
          value=""
          onChange={(e) => {
            const chosen = matches.find((m) => m.id === e.currentTarget.value);
            if (chosen) props.onChoose(chosen);
          }}
        >
          <option value="">{matches.length ? `${matches.length} found: choose…` : 'None found'}</option>
          {matches.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
      )}
      {error && <span class="error">{error}</span>}
    </span>
  );
}
