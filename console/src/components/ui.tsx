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

/**
 * A modal dialog on the native <dialog> element: it traps focus, closes on Escape and returns
 * focus to where it was, which is what keyboard and screen-reader users expect.
 */
export function Dialog(props: { title: string; onClose: () => void; children: ComponentChildren }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current!;
    const before = document.activeElement as HTMLElement | null;
    dialog.showModal();
    return () => {
      dialog.close();
      before?.focus();
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
      <h2 id="dialog-title">{props.title}</h2>
      {props.children}
    </dialog>
  );
}

/** A confirm step: says what will happen, then OK or Cancel. */
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
        <button type="button" class="primary" disabled={props.busy || props.disabled} onClick={props.onConfirm}>
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
