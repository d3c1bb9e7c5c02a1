import { useEffect, useState } from 'preact/hooks';
import { unwrap } from '../api/client';
import type { School } from '../api/types';
import { ErrorMessage, Status, useAction } from '../components/ui';
import type { StaffContext } from './staff-console';

/** District-wide staff: each school's name, code expiry, password policy, letter text and contact line. */
export function SchoolsPage({ context }: { context: StaffContext }) {
  const { api, claims, schoolId } = context;
  const districtId = claims.district;
  const [schools, setSchools] = useState<School[]>();
  const [draft, setDraft] = useState<School>();
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState('');
  const action = useAction();

  useEffect(() => {
    unwrap(api.GET('/districts/{districtId}/schools', { params: { path: { districtId } } }))
      .then((found) => {
        setSchools(found.items);
        setDraft(found.items.find((s) => s.schoolId === schoolId) ?? { schoolId, districtId, name: '' });
      })
      .catch(setError);
  }, [districtId, schoolId]);

  const save = (e: Event) => {
    e.preventDefault();
    if (!draft) return;
    setDone('');
    void action.run(async () => {
      const text = (value?: string) => (value?.trim() ? value.trim() : undefined);
      const saved = await unwrap(
        api.PUT('/districts/{districtId}/schools/{schoolId}', {
          params: { path: { districtId, schoolId: draft.schoolId } },
          body: { name: draft.name.trim(), codeTtlDays: draft.codeTtlDays || undefined, passwordPolicy: draft.passwordPolicy, letterText: text(draft.letterText), contactLine: text(draft.contactLine) },
        }),
      );
      setDraft(saved.school);
      setDone(saved.changed.length ? `Saved the settings of ${saved.school.name}: ${saved.changed.join(', ')} changed.` : `Nothing changed for ${saved.school.name}.`);
    });
  };

  if (!draft) return <ErrorMessage error={error} />;
  const set = (change: Partial<School>) => setDraft({ ...draft, ...change });
  return (
    <section aria-label="School settings">
      <p>
        {schools?.length ?? 0} schools in {districtId}. Editing <strong>{draft.schoolId}</strong> (choose another school at the top).
      </p>
      <form class="stack" onSubmit={save}>
        <label>
          School name <input value={draft.name} required onInput={(e) => set({ name: e.currentTarget.value })} />
        </label>
        <label>
          New codes expire after (days; empty: never){' '}
          <input type="number" min={1} max={3650} value={draft.codeTtlDays ?? ''} onInput={(e) => set({ codeTtlDays: e.currentTarget.value ? Number(e.currentTarget.value) : undefined })} />
        </label>
        <label>
          Passwords staff set{' '}
          <select value={draft.passwordPolicy ?? 'default'} onChange={(e) => set({ passwordPolicy: e.currentTarget.value as 'default' | 'random' })}>
            <option value="default">Last name + first initial (e.g. AbbiaticiR)</option>
            <option value="random">A random temporary password</option>
          </select>
        </label>
        <label>
          Letter text (how to link; empty: the standard text)
          <textarea rows={5} cols={70} value={draft.letterText ?? ''} onInput={(e) => set({ letterText: e.currentTarget.value })} />
        </label>
        <label>
          Contact line on letters <input size={60} value={draft.contactLine ?? ''} onInput={(e) => set({ contactLine: e.currentTarget.value })} />
        </label>
        <ErrorMessage error={action.error} />
        <button type="submit" class="primary" disabled={action.busy}>
          Save settings
        </button>
      </form>
      {done && <Status>{done}</Status>}
    </section>
  );
}
