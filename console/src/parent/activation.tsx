import { useEffect, useState } from 'preact/hooks';
import type { ConsoleConfig } from '../config';
import { unwrap, type ApiClient } from '../api/client';
import type { InvitationPreview } from '../api/types';
import { keepToken } from '../auth/session';
import { ErrorMessage, Status, useAction } from '../components/ui';
import { PasswordRuleList, passwordRules } from './password-rules';
import { passkeysSupported, registerPasskey } from './passkeys';

/**
 * The page an invitation mail opens (#/parent/activate?district=…&school=…&token=…). The token
 * leaves the address bar at once (kept in memory only). The guardian sees the school and the
 * children the school names for them, masked; only after "These are my children" do they choose
 * a password (or a passkey), and accepting links every child at once and signs them in.
 */
type ActivationLink = { district: string; school: string; token: string };

function takeActivationLink(): ActivationLink | undefined {
  const [, query] = location.hash.split('?');
  if (query === undefined) return undefined;
  const params = new URLSearchParams(query);
  history.replaceState(history.state, '', '#/parent/activate');
  const [district, school, token] = ['district', 'school', 'token'].map((name) => params.get(name));
  return district && school && token ? { district, school, token } : undefined;
}

export function Activation({ api }: { api: ApiClient }) {
  const [link] = useState(takeActivationLink);
  const [preview, setPreview] = useState<InvitationPreview>();
  const [confirmed, setConfirmed] = useState(false);
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [note, setNote] = useState<string>();
  const { busy, error, run } = useAction();
  useEffect(() => {
    if (link) void run(async () => setPreview(await unwrap(api.POST('/auth/invitations/preview', { body: link }))));
  }, []);

  const accept = (withPassword: boolean) =>
    run(async () => {
      const answer = await unwrap(api.POST('/auth/invitations/accept', { body: { ...link!, ...(withPassword ? { newPassword: password } : {}) } }));
      if (!withPassword) {
        try {
          await registerPasskey(answer, 'Passkey');
        } catch (e) {
          // The account is active and linked either way; a passkey can be added later, or a password set by mail.
          setNote(`Your account is active, but the passkey was not saved (${e instanceof Error ? e.message : 'cancelled'}). Add one from your account page, or set a password with "Forgot your password?".`);
        }
      }
      keepToken('parent', answer.token);
      // Signed in: on to the children, now linked.
      location.assign('#/parent');
    });

  if (!link) {
    return (
      <main class="narrow">
        <h1>Accept an invitation</h1>
        <p>This page opens from the link in an invitation mail from your school, and that link works once. Ask the school to send a new one.</p>
        <p>
          <a href="#/parent">Sign in</a>
        </p>
      </main>
    );
  }
  const rules = passwordRules(password, again, preview?.userName ?? '');
  return (
    <main class="narrow">
      <h1>Your invitation to the parent portal</h1>
      {note && <Status>{note}</Status>}
      <ErrorMessage error={error} />
      {!preview && !error && <p role="status">Opening your invitation…</p>}
      {preview && !confirmed && (
        <section aria-labelledby="children-heading">
          <h2 id="children-heading">Are these your children?</h2>
          <p>
            {preview.school} names you as a parent or guardian of {preview.students.length === 1 ? 'this student' : `these ${preview.students.length} students`} (names shortened
            for privacy):
          </p>
          <ul>
            {preview.students.map((s, i) => (
              <li key={i}>
                {s.student}
                {s.grade ? `, grade ${s.grade}` : ''}
              </li>
            ))}
          </ul>
          <p>
            Your user name is <strong>{preview.userName}</strong>. The invitation works until {new Date(preview.expiresAt).toLocaleDateString()}.
          </p>
          <div class="actions">
            <button type="button" onClick={() => setConfirmed(true)}>
              These are my children
            </button>
          </div>
          <p>Not your children? Do not continue; contact the school.</p>
        </section>
      )}
      {preview && confirmed && (
        <section aria-labelledby="secure-heading">
          <h2 id="secure-heading">Choose how you sign in</h2>
          {preview.hasPassword && <p>Your account has a password already; choosing one here replaces it.</p>}
          <form
            class="stack"
            onSubmit={(e) => {
              e.preventDefault();
              void accept(true);
            }}
          >
            <label>
              Password <input type="password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} autoComplete="new-password" aria-describedby="activation-rules" required />
            </label>
            <label>
              Password again <input type="password" value={again} onInput={(e) => setAgain(e.currentTarget.value)} autoComplete="new-password" required />
            </label>
            <PasswordRuleList id="activation-rules" rules={rules} checkedOnSave="Not a common password, and not your name (checked when you save)" />
            <button type="submit" class="primary" disabled={busy || rules.some((r) => !r.met)}>
              {busy ? 'Working…' : 'Save the password and link my children'}
            </button>
          </form>
          {passkeysSupported() && (
            <>
              <p>Or sign in without a password, with this device's screen lock or a security key:</p>
              <button type="button" disabled={busy} onClick={() => void accept(false)}>
                Use a passkey instead and link my children
              </button>
            </>
          )}
        </section>
      )}
    </main>
  );
}

/**
 * "I lost my letter": the parent names the student; if the school has an email for the
 * student's parents, a fresh invitation goes there, never to an address typed here.
 */
export function LostCode({ api, config }: { api: ApiClient; config: ConsoleConfig }) {
  const [fields, setFields] = useState({ district: config.parentDistrict ?? '', school: '', firstName: '', lastName: '', studentNumber: '' });
  const [sent, setSent] = useState<string>();
  const { busy, error, run } = useAction();
  const field = (name: keyof typeof fields, label: string, autoComplete = 'off') => (
    <label>
      {label} <input value={fields[name]} onInput={(e) => setFields({ ...fields, [name]: e.currentTarget.value })} required autoComplete={autoComplete} />
    </label>
  );
  const submit = (e: Event) => {
    e.preventDefault();
    setSent(undefined);
    void run(async () => {
      const body = { ...fields, firstName: fields.firstName.trim(), lastName: fields.lastName.trim(), studentNumber: fields.studentNumber.trim() };
      setSent((await unwrap(api.POST('/auth/lost-code', { body }))).message);
    });
  };
  return (
    <main class="narrow">
      <h1>Lost your letter?</h1>
      <p>Tell us which student it is for. If the school has an email address for the student’s parents or guardians, we mail them an invitation that links the student, without a code.</p>
      {sent && <Status>{sent}</Status>}
      <ErrorMessage error={error} />
      <form class="stack" onSubmit={submit}>
        {!config.parentDistrict && field('district', 'District', 'organization')}
        {field('school', 'School (its id from the letter or the school’s website)')}
        {field('firstName', 'Student’s first name')}
        {field('lastName', 'Student’s last name')}
        {field('studentNumber', 'Student number')}
        <button type="submit" disabled={busy}>
          Mail an invitation to the address on file
        </button>
      </form>
      <p>No email on file? The school office can print a new letter.</p>
      <p>
        <a href="#/parent">Back to sign in</a>
      </p>
    </main>
  );
}
