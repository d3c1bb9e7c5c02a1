import { useState } from 'preact/hooks';
import { unwrap } from '../api/client';
import { ErrorMessage, Status, plural, useAction } from '../components/ui';
import type { StaffContext } from './staff-console';

const FILES = [
  { name: 'users.csv', required: true, hint: 'students and guardians' },
  { name: 'orgs.csv', required: false, hint: 'which org is this school' },
  { name: 'enrollments.csv', required: false, hint: 'students enrolled here' },
] as const;

type FileName = (typeof FILES)[number]['name'];

/**
 * Import the SIS's OneRoster CSV files: the API checks them whole and answers every problem by
 * file, line and column (shown as a list), or what it created and changed.
 */
export function RosterPage({ context }: { context: StaffContext }) {
  const { api, schoolId } = context;
  const [chosen, setChosen] = useState<Partial<Record<FileName, File>>>({});
  const [linkGuardians, setLinkGuardians] = useState(true);
  const { busy, error, run } = useAction();
  const [done, setDone] = useState('');

  const upload = (e: Event) => {
    e.preventDefault();
    setDone('');
    void run(async () => {
      const files = Object.fromEntries(await Promise.all(Object.entries(chosen).map(async ([name, file]) => [name, await file.text()] as const)));
      const result = await unwrap(
        api.POST('/schools/{schoolId}/roster/oneroster', {
          params: { path: { schoolId } },
          body: { files: files as { 'users.csv': string; 'orgs.csv'?: string; 'enrollments.csv'?: string }, linkGuardians },
        }),
      );
      setDone(
        `Imported: ${plural(result.students.created, 'student')} created, ${result.students.updated} updated, ${result.students.unchanged} unchanged; ` +
          `${plural(result.parents.written, 'guardian')} written, ${result.parents.unchanged} unchanged; ${plural(result.links.created, 'link')} made; ` +
          `${plural(result.skipped.users, 'row')} of other schools or roles skipped.`,
      );
    });
  };

  return (
    <section aria-label="Roster import">
      <p>Upload the OneRoster CSV files your student information system exports (version 1.1 or 1.2). Nothing is written unless every row is right; importing the same files again changes nothing.</p>
      <form class="stack" onSubmit={upload}>
        {FILES.map((file) => (
          <label key={file.name}>
            {file.name} ({file.required ? 'required' : 'optional'}: {file.hint})
            <input
              type="file"
              accept=".csv,text/csv"
              required={file.required}
              onChange={(e) => setChosen({ ...chosen, [file.name]: e.currentTarget.files?.[0] })}
            />
          </label>
        ))}
        <label class="inline">
          <input type="checkbox" checked={linkGuardians} onChange={(e) => setLinkGuardians(e.currentTarget.checked)} /> Link each student to the guardians the SIS names
        </label>
        <ErrorMessage error={error} />
        <button type="submit" class="primary" disabled={busy || !chosen['users.csv']}>
          {busy ? 'Importing…' : 'Import'}
        </button>
      </form>
      {done && <Status>{done}</Status>}
    </section>
  );
}
