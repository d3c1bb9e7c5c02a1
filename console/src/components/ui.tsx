import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api/client';

/** An error in words, announced to screen readers; field problems listed under it. */
export function ErrorMessage({ error }: { error: unknown }) {
  if (!error) return null;
  const problems = error instanceof ApiError ? error.problems : [];
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div role="alert" class="error">
      <p>{message}</p>
      {problems.length > 0 && (
        <ul>
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** What an action did, announced politely. */
export function Status({ children }: { children?: ComponentChildren }) {
  return (
    <p role="status" class="status">
      {children}
    </p>
  );
}

/** Where focus goes when the element it would return to is gone or disabled: the page's heading. */
export function focusPageHeading() {
  const heading = document.querySelector<HTMLElement>('main h1');
  if (!heading) return;
  heading.tabIndex = -1;
  heading.focus();
}

/**
 * Focus back to `element`, else to the menu it was in (a closed <details> hides its buttons),
 * else to the page heading: never to <body>, where a keyboard user would start over.
 */
function returnFocus(element: HTMLElement | null) {
  for (const candidate of [element, element?.closest('details')?.querySelector('summary')]) {
    if (!candidate || !candidate.isConnected || candidate === document.body) continue;
    (candidate as HTMLElement).focus();
    if (document.activeElement === candidate) return;
  }
  focusPageHeading();
}

/**
 * A modal dialog on the native <dialog> element: it traps focus and closes on Escape. It opens
 * with focus on its title, so a screen reader reads the question first and Enter does not
 * answer it unread; it returns focus to where it was, or to the page heading when that control
 * is gone or disabled by what the dialog did.
 */
export function Dialog(props: { title: string; onClose: () => void; children: ComponentChildren }) {
  const ref = useRef<HTMLDialogElement>(null);
  const title = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    const dialog = ref.current!;
    const before = document.activeElement as HTMLElement | null;
    dialog.showModal();
    title.current?.focus();
    return () => {
      dialog.close();
      returnFocus(before);
    };
  }, []);
  return (
    <dialog
      ref={ref}
      aria-labelledby="dialog-title"
      onCancel={(event) => {
        event.preventDefault();
        props.onClose();
      }}
    >
      <h2 id="dialog-title" tabIndex={-1} ref={title}>
        {props.title}
      </h2>
      {props.children}
    </dialog>
  );
}

/**
 * A confirm step: says what will happen, then OK or Cancel. While the action runs the button is
 * marked aria-disabled rather than disabled, so focus stays on it instead of falling to <body>.
 */
export function Confirm(props: {
  title: string;
  confirmLabel: string;
  busy?: boolean;
  error?: unknown;
  disabled?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  children: ComponentChildren;
}) {
  return (
    <Dialog title={props.title} onClose={props.onCancel}>
      {props.children}
      <ErrorMessage error={props.error} />
      <div class="actions">
        <button
          type="button"
          class="primary"
          disabled={props.disabled}
          aria-disabled={props.busy ? 'true' : undefined}
          onClick={() => props.busy || props.onConfirm()}
        >
          {props.busy ? 'Working…' : props.confirmLabel}
        </button>
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}

/**
 * One action at a time: `busy` while it runs (buttons disable), its error kept for display and
 * cleared when it runs again; what the user typed is left alone either way.
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await work();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}

export const fullName = (person: { firstName?: string; lastName?: string; parentId?: string }) =>
  [person.firstName, person.lastName].filter(Boolean).join(' ') || person.parentId || '';

export const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

export const when = (iso?: string) => (iso ? new Date(iso).toLocaleString() : '');

/** What an empty cell shows: a dash, never a blank that reads as a layout glitch. */
export const dash = (value?: string | number | null) => (value === undefined || value === null || value === '' ? '—' : value);

/** A duration in words a clerk reads at a glance: "45 s", "3 min 10 s", "1 h 5 min". */
export function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
  return `${Math.floor(s / 3600)} h${Math.floor((s % 3600) / 60) ? ` ${Math.floor((s % 3600) / 60)} min` : ''}`;
}

export type Notice = { kind: 'ok'; text: string } | { kind: 'error'; error: unknown };

/**
 * The page's one live message: the newest outcome replaces the one before (a success never sits
 * beside a later error), and it takes focus when it follows a dialog, so the clerk hears it.
 */
export function useNotice() {
  const [notice, setNotice] = useState<Notice>();
  const [focusNext, setFocusNext] = useState(false);
  return {
    notice,
    focusNext,
    done: (text: string, focus = false) => (setNotice({ kind: 'ok', text }), setFocusNext(focus)),
    failed: (error: unknown) => (setNotice({ kind: 'error', error }), setFocusNext(false)),
    clear: () => setNotice(undefined),
    focused: () => setFocusNext(false),
  };
}

export function NoticeView({ state }: { state: ReturnType<typeof useNotice> }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state.notice && state.focusNext) {
      ref.current?.focus();
      state.focused();
    }
  }, [state.notice, state.focusNext]);
  if (!state.notice) return null;
  return (
    <div ref={ref} tabIndex={-1} class="notice">
      {state.notice.kind === 'ok' ? <Status>{state.notice.text}</Status> : <ErrorMessage error={state.notice.error} />}
    </div>
  );
}

export const PAGE_SIZES = [25, 50, 100] as const;

/**
 * Under a table: "1–25 of 500", Previous / Next and the page size. `total` may be unknown (a
 * trail of events is never counted); then the range alone is shown.
 */
export function Pager(props: {
  label: string;
  first: number;
  shown: number;
  total?: number;
  hasPrevious: boolean;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
  pageSize?: number;
  onPageSize?: (size: number) => void;
  previousLabel?: string;
  nextLabel?: string;
}) {
  const range = props.shown === 0 ? 'None' : `${(props.first).toLocaleString()}–${(props.first + props.shown - 1).toLocaleString()}`;
  return (
    <nav class="pager" aria-label={props.label}>
      <span class="counts" aria-live="polite">
        {range}
        {props.total !== undefined && ` of ${props.total.toLocaleString()}`}
      </span>
      <button type="button" disabled={!props.hasPrevious} onClick={props.onPrevious}>
        {props.previousLabel ?? 'Previous page'}
      </button>
      <button type="button" disabled={!props.hasNext} onClick={props.onNext}>
        {props.nextLabel ?? 'Next page'}
      </button>
      {props.onPageSize && (
        <label>
          Rows per page{' '}
          <select value={props.pageSize} onChange={(e) => props.onPageSize!(Number(e.currentTarget.value))}>
            {PAGE_SIZES.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </select>
        </label>
      )}
    </nav>
  );
}

export type SortOrder = 'asc' | 'desc';

/** A column header that sorts: a button inside the <th>, with aria-sort telling the current order. */
export function SortHeader(props: { label: string; order?: SortOrder; onSort: (order: SortOrder) => void; class?: string }) {
  const next: SortOrder = props.order === 'asc' ? 'desc' : 'asc';
  return (
    <th scope="col" class={props.class} aria-sort={props.order === 'asc' ? 'ascending' : props.order === 'desc' ? 'descending' : 'none'}>
      <button type="button" class="sort" onClick={() => props.onSort(next)}>
        {props.label}
        <span aria-hidden="true">{props.order === 'asc' ? ' ▲' : props.order === 'desc' ? ' ▼' : ' ↕'}</span>
      </button>
    </th>
  );
}

/** Rows compared for a client-side sort by a column's text, in the reader's language order. */
export function sortRows<T>(rows: readonly T[], key: (row: T) => string | number | undefined, order: SortOrder): T[] {
  const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
  const sorted = [...rows].sort((a, b) => collator.compare(String(key(a) ?? ''), String(key(b) ?? '')));
  return order === 'asc' ? sorted : sorted.reverse();
}

/** What people who lack a permission read instead of a control they cannot use. */
export const WHO_CAN: Record<string, string> = {
  'codes:reset': 'Ask a school administrator to reset codes.',
  'links:remove': 'Ask a school administrator to remove parent links.',
  'codes:export': 'Ask a school administrator to export codes or make letters.',
  'codes:read': 'Codes are shown only to staff who hand them out.',
  'passwords:set': 'Ask a school administrator to set parent passwords.',
  'guardians:invite': 'Ask a school administrator to send invitations.',
  'roster:write': 'Ask a school administrator to import the roster.',
  'jobs:run': 'Ask a school administrator to run or schedule jobs.',
  'audit:read': 'Ask a school administrator to read the audit trail.',
  'schools:write': 'Ask the district administrator to change school settings.',
};
