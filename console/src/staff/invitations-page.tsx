import { useEffect, useState } from 'preact/hooks';
import { unwrap } from '../api/client';
import type { Guardian, GuardianList } from '../api/types';
import { Confirm, ErrorMessage, fullName, plural, useAction, when } from '../components/ui';
import type { StaffContext } from './staff-console';
import { BulkJobDialog } from './bulk-job-dialog';

/** The states in the order a guardian moves through them, with the words staff read. */
export const GUARDIAN_STATE_LABELS: Record<Guardian['state'], string> = {
  'no-email': 'No email on file',
  'not-invited': 'Not invited',
  invited: 'Invitation queued',
  sent: 'Sent',
  delivered: 'Delivered',
  bounced: 'Bounced',
  expired: 'Expired',
  revoked: 'Revoked',
  registered: 'Registered (a child to link)',
  linked: 'Linked',
};
const STATES = Object.keys(GUARDIAN_STATE_LABELS) as Guardian['state'][];
const PAGE = 50;
const INVITABLE = new Set<Guardian['state']>(['not-invited', 'invited', 'sent', 'delivered', 'expired', 'revoked', 'registered']);
const REVOCABLE = new Set<Guardian['state']>(['invited', 'sent', 'delivered', 'bounced']);

/**
 * Invitations: the guardians the SIS names for this school with where each invitation stands
 * (counts per state that filter the list, a CSV of it), inviting selected guardians or, as a job,
 * a grade or the whole school; resend and revoke per guardian.
 */
export function InvitationsPage({ context }: { context: StaffContext }) {
  const { api, schoolId, can } = context;
  const [state, setState] = useState<Guardian['state'] | undefined>();
  const [offset, setOffset] = useState(0);
  const [list, setList] = useState<GuardianList>();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [message, setMessage] = useState<string>();
  const [revoking, setRevoking] = useState<Guardian>();
  const [bulk, setBulk] = useState(false);
  const [reload, setReload] = useState(0);
  const { busy, error, run } = useAction();
  const mayInvite = can('guardians:invite');

  useEffect(() => {
    setList(undefined);
    run(async () => {
      setList(await unwrap(api.GET('/schools/{schoolId}/guardians', { params: { path: { schoolId }, query: { limit: PAGE, offset, ...(state ? { state } : {}) } } })));
    });
  }, [schoolId, state, offset, reload]);

  const filter = (next: Guardian['state'] | undefined) => (setState(next), setOffset(0), setSelected(new Set()), setMessage(undefined));
  const toggle = (parentId: string) => setSelected((s) => (s.has(parentId) ? (s.delete(parentId), new Set(s)) : new Set(s.add(parentId))));

  const invite = (parentIds: string[]) =>
    run(async () => {
      const result = await unwrap(api.POST('/schools/{schoolId}/invitations', { params: { path: { schoolId } }, body: { parentIds } }));
      const notes = [
        result.invited.length ? `${plural(result.invited.length, 'invitation')} queued for mail.` : '',
        result['no-email'].length ? `${plural(result['no-email'].length, 'guardian')} without an email (use the code letters).` : '',
        result['already-linked'].length ? `${plural(result['already-linked'].length, 'guardian')} already linked.` : '',
      ];
      setMessage(notes.filter(Boolean).join(' '));
      setSelected(new Set());
      setReload((n) => n + 1);
    });

  const revoke = (guardian: Guardian) =>
    run(async () => {
      await unwrap(api.DELETE('/schools/{schoolId}/invitations/{parentId}', { params: { path: { schoolId, parentId: guardian.parentId } } }));
      setMessage(`The invitation of ${fullName(guardian)} was revoked: its links no longer work.`);
      setRevoking(undefined);
      setReload((n) => n + 1);
    });

  const downloadCsv = () =>
    run(async () => {
      const blob = (await unwrap(api.GET('/schools/{schoolId}/guardians/csv', { params: { path: { schoolId }, query: state ? { state } : {} }, parseAs: 'blob' }))) as unknown as Blob;
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `guardians-${schoolId}${state ? `-${state}` : ''}.csv`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    });

  const counts = list?.counts as Record<Guardian['state'], number> | undefined;
  const all = counts ? STATES.reduce((n, s) => n + (counts[s] ?? 0), 0) : undefined;
  return (
    <section aria-label="Invitations" aria-busy={list ? 'false' : 'true'}>
      <p>
        Guardians the school's roster names for its students. An invitation mails a link that works once: the guardian sees the children named for them (masked), chooses a
        password or a passkey, and is linked to all of them at once. Families without an email keep the code letters.
      </p>
      <ErrorMessage error={error} />
      {message && <p role="status">{message}</p>}
      <div class="toolbar" role="group" aria-label="Filter by state">
        <button type="button" aria-pressed={state === undefined} onClick={() => filter(undefined)}>
          All {all !== undefined ? `(${all})` : ''}
        </button>
        {STATES.map((s) => (
          <button type="button" key={s} aria-pressed={state === s} onClick={() => filter(s)} disabled={!counts?.[s] && state !== s}>
            {GUARDIAN_STATE_LABELS[s]} ({counts?.[s] ?? 0})
          </button>
        ))}
      </div>
      <div class="toolbar">
        {mayInvite && (
          <>
            <button type="button" class="primary" disabled={busy || selected.size === 0} onClick={() => invite([...selected])}>
              Invite selected ({selected.size})
            </button>
            {can('jobs:run') && (
              <button type="button" onClick={() => setBulk(true)}>
                Invite a grade or the whole school…
              </button>
            )}
          </>
        )}
        <button type="button" onClick={downloadCsv} disabled={busy}>
          Download as CSV
        </button>
      </div>
      {list && list.items.length === 0 && <p role="status">{state ? `No guardian is “${GUARDIAN_STATE_LABELS[state]}”.` : 'The roster names no guardians for this school yet.'}</p>}
      {list && list.items.length > 0 && (
        <>
          <p role="status">
            {offset + 1}–{offset + list.items.length} of {list.total}
          </p>
          <table class="grid" aria-label="Guardians">
            <thead>
              <tr>
                {mayInvite && <th scope="col">Select</th>}
                <th scope="col">Guardian</th>
                <th scope="col">Children named</th>
                <th scope="col">State</th>
                <th scope="col">Invited</th>
                <th scope="col">Ends</th>
                {mayInvite && <th scope="col">Actions</th>}
              </tr>
            </thead>
            <tbody>
              {list.items.map((g) => (
                <tr key={g.parentId}>
                  {mayInvite && (
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`Select ${fullName(g)}`}
                        checked={selected.has(g.parentId)}
                        disabled={!g.hasEmail || !INVITABLE.has(g.state)}
                        onChange={() => toggle(g.parentId)}
                      />
                    </td>
                  )}
                  <th scope="row">{fullName(g)}</th>
                  <td>{g.students}</td>
                  <td>{GUARDIAN_STATE_LABELS[g.state]}</td>
                  <td>{when(g.sentAt ?? g.invitedAt) || '—'}</td>
                  <td>{g.acceptedAt ? `Accepted ${when(g.acceptedAt)}` : when(g.expiresAt) || '—'}</td>
                  {mayInvite && (
                    <td>
                      {g.hasEmail && INVITABLE.has(g.state) && (
                        <button type="button" disabled={busy} onClick={() => invite([g.parentId])}>
                          {g.state === 'not-invited' ? 'Invite' : 'Send again'}
                        </button>
                      )}{' '}
                      {REVOCABLE.has(g.state) && (
                        <button type="button" disabled={busy} onClick={() => setRevoking(g)}>
                          Revoke
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
          <div class="toolbar">
            <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
              Previous
            </button>
            <button type="button" disabled={list.nextOffset === undefined} onClick={() => setOffset(list.nextOffset ?? offset)}>
              Next
            </button>
          </div>
        </>
      )}
      {revoking && (
        <Confirm
          title={`Revoke the invitation of ${fullName(revoking)}?`}
          confirmLabel="Revoke"
          onConfirm={() => revoke(revoking)}
          onCancel={() => setRevoking(undefined)}
        >
          <p>The links already mailed stop working at once. You can invite again later.</p>
        </Confirm>
      )}
      {bulk && <BulkJobDialog context={context} type="invite-guardians" onClose={() => (setBulk(false), setReload((n) => n + 1))} />}
    </section>
  );
}
