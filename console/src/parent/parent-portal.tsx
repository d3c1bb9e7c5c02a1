import { useEffect, useMemo, useState } from 'preact/hooks';
import type { ConsoleConfig } from '../config';
import { clientFor, unwrap, type ApiClient } from '../api/client';
import type { MyStudent, Preview } from '../api/types';
import { forgetToken, keepToken, tokenOf } from '../auth/session';
import { Confirm, ErrorMessage, Status, fullName, useAction } from '../components/ui';
import { currentAccount, deviceTokenOf, forgetDeviceToken, keepDeviceToken, rememberAccount } from './device-tokens';
import { PasskeySignInButton, PasskeysSection } from './passkeys';
import { Activation, LostCode } from './activation';
import { PasswordRuleList, passwordRules } from './password-rules';

/** The parent portal: sign in, the forced password change, my students, and linking a child by code. */
export function ParentPortal({ config, page }: { config: ConsoleConfig; page: string }) {
  const token = tokenOf('parent');
  const api = useMemo(() => clientFor(() => tokenOf('parent'), () => forgetToken('parent')), []);
  const [challenge, setChallenge] = useState<Challenge>();
  // In render, before any page reads it: the code leaves the address bar at once, whatever follows.
  takeLinkFromAddress();
  // A reset link from a mail works whoever is signed in here: it changes that account's password.
  if (page.startsWith('reset')) return <ResetWithLink api={api} />;
  // So does an invitation's link: it activates the invited guardian's account.
  if (page.startsWith('activate')) return <Activation api={api} />;
  if (token) return <MyStudents api={api} page={page} />;
  if (page === 'recover') return <Recovery api={api} config={config} />;
  if (page === 'lost-code') return <LostCode api={api} config={config} />;
  if (challenge) return <NewPassword api={api} challenge={challenge} onDone={() => setChallenge(undefined)} />;
  return <ParentSignIn api={api} config={config} onChallenge={setChallenge} />;
}

/**
 * A letter's QR code opens #/parent/add?school=…&code=… (the fragment never reaches a server or
 * its logs). The portal moves school and code into sessionStorage (this tab only, gone when it
 * closes) and replaces the address with #/parent/add, so the code stays neither in the address
 * bar nor in the history; sign-in and the forced password change keep it, and the add form
 * takes it (and removes it) once the parent is signed in. The code alone names the student (the
 * form has no school field); the school rides along for the day the API scopes codes by school.
 */
const PENDING_LINK = 'parent-access.pending-link';
type PendingLink = { code: string; school?: string };

function takeLinkFromAddress() {
  const [path, query] = location.hash.split('?');
  if (path !== '#/parent/add' || query === undefined) return;
  const params = new URLSearchParams(query);
  const code = params.get('code')?.trim();
  if (code) sessionStorage.setItem(PENDING_LINK, JSON.stringify({ code, school: params.get('school') ?? undefined }));
  history.replaceState(history.state, '', '#/parent/add');
}

function pendingLink(): PendingLink | undefined {
  try {
    const value = JSON.parse(sessionStorage.getItem(PENDING_LINK) ?? 'null') as { code?: unknown; school?: unknown } | null;
    return typeof value?.code === 'string' && value.code ? { code: value.code, ...(typeof value.school === 'string' ? { school: value.school } : {}) } : undefined;
  } catch {
    return undefined;
  }
}

/** The pending code, once: the add form has it now, and nothing else keeps it. */
function takePendingLink(): PendingLink | undefined {
  const pending = pendingLink();
  sessionStorage.removeItem(PENDING_LINK);
  return pending;
}

/** An open NEW_PASSWORD_REQUIRED challenge, and whose account it is (to keep its device token under). */
type Challenge = { session: string; userName: string; district: string };

function ParentSignIn({ api, config, onChallenge }: { api: ApiClient; config: ConsoleConfig; onChallenge: (c: Challenge) => void }) {
  const [district, setDistrict] = useState(config.parentDistrict ?? '');
  const [userName, setUserName] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useAction();
  const submit = (e: Event) => {
    e.preventDefault();
    void run(async () => {
      const name = userName.trim();
      // This browser's device token for the account, so strangers' failures cannot lock its owner out.
      const deviceToken = deviceTokenOf(district, name);
      const answer = await unwrap(api.POST('/auth/sign-in', { body: { district, userName: name, password, ...(deviceToken ? { deviceToken } : {}) } }));
      if ('challenge' in answer) onChallenge({ session: answer.session, userName: name, district });
      else {
        keepDeviceToken(district, name, answer.deviceToken);
        rememberAccount(district, name);
        keepToken('parent', answer.token);
      }
    });
  };
  return (
    <main class="narrow">
      <h1>Parent portal — sign in</h1>
      {pendingLink() && <p>Sign in to add the student from your letter: its code will be filled in for you.</p>}
      <form onSubmit={submit} class="stack">
        {!config.parentDistrict && (
          <label>
            District <input value={district} onInput={(e) => setDistrict(e.currentTarget.value)} required autoComplete="organization" />
          </label>
        )}
        <label>
          User name <input value={userName} onInput={(e) => setUserName(e.currentTarget.value)} required autoComplete="username" />
        </label>
        <label>
          Password <input type="password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} required autoComplete="current-password" />
        </label>
        <ErrorMessage error={error} />
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <PasskeySignInButton district={district} />
      <p>
        <a href="#/parent/recover">Forgot your user name or password?</a> We mail it to the address your school has on file; the school office can help too.
      </p>
      <p>
        <a href="#/parent/lost-code">Lost your letter?</a> We mail an invitation to the address the school has for the student’s parents.
      </p>
      <p>
        <a href="#/">Back</a>
      </p>
    </main>
  );
}

/**
 * "Forgot my user name" and "Reset my password": both mail the address on file, and both answer
 * the same whether or not an account matched, so the page says what the API said.
 */
function Recovery({ api, config }: { api: ApiClient; config: ConsoleConfig }) {
  const [district, setDistrict] = useState(config.parentDistrict ?? '');
  const [email, setEmail] = useState('');
  const [userName, setUserName] = useState('');
  const [sent, setSent] = useState<string>();
  const { busy, error, run } = useAction();
  const ask = (e: Event, what: 'user-name' | 'password') => {
    e.preventDefault();
    setSent(undefined);
    void run(async () => {
      const answer =
        what === 'user-name'
          ? await unwrap(api.POST('/auth/recovery/user-name', { body: { district, email: email.trim() } }))
          : await unwrap(api.POST('/auth/recovery/password', { body: { district, userName: userName.trim() } }));
      setSent(answer.message);
    });
  };
  const districtField = !config.parentDistrict && (
    <label>
      District <input value={district} onInput={(e) => setDistrict(e.currentTarget.value)} required autoComplete="organization" />
    </label>
  );
  return (
    <main class="narrow">
      <h1>Forgot your user name or password?</h1>
      {sent && <Status>{sent}</Status>}
      <ErrorMessage error={error} />
      <h2>Forgot your user name</h2>
      <form onSubmit={(e) => ask(e, 'user-name')} class="stack">
        {districtField}
        <label>
          Email address the school has for you <input type="email" value={email} onInput={(e) => setEmail(e.currentTarget.value)} required autoComplete="email" />
        </label>
        <button type="submit" disabled={busy}>Mail me my user name</button>
      </form>
      <h2>Reset your password</h2>
      <form onSubmit={(e) => ask(e, 'password')} class="stack">
        {districtField}
        <label>
          User name <input value={userName} onInput={(e) => setUserName(e.currentTarget.value)} required autoComplete="username" />
        </label>
        <button type="submit" disabled={busy}>Mail me a reset link</button>
      </form>
      <p>No email on file, or no mail after a few minutes? The school office can look up your user name and set a temporary password.</p>
      <p>
        <a href="#/parent">Back to sign in</a>
      </p>
    </main>
  );
}

/** The reset link's token leaves the address bar at once (kept in memory only), as a letter's code does. */
function takeResetLink(): { district: string; token: string } | undefined {
  const [, query] = location.hash.split('?');
  if (query === undefined) return undefined;
  const params = new URLSearchParams(query);
  history.replaceState(history.state, '', '#/parent/reset');
  const district = params.get('district');
  const token = params.get('token');
  return district && token ? { district, token } : undefined;
}

function ResetWithLink({ api }: { api: ApiClient }) {
  const [link] = useState(takeResetLink);
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [done, setDone] = useState<string>();
  const { busy, error, run } = useAction();
  const rules = passwordRules(password, again, '');
  const submit = (e: Event) => {
    e.preventDefault();
    void run(async () => {
      const answer = await unwrap(api.POST('/auth/recovery/password/complete', { body: { district: link!.district, token: link!.token, newPassword: password } }));
      forgetToken('parent');
      setDone(answer.userName);
    });
  };
  if (done) {
    return (
      <main class="narrow">
        <h1>Your password is changed</h1>
        <Status>Every browser that was signed in to your account has been signed out. Sign in with your user name {done} and the new password.</Status>
        <p>
          <a href="#/parent">Sign in</a>
        </p>
      </main>
    );
  }
  if (!link) {
    return (
      <main class="narrow">
        <h1>Reset your password</h1>
        <p>This page opens from the link in a reset mail, and that link works once. <a href="#/parent/recover">Ask for a new mail</a>.</p>
      </main>
    );
  }
  return (
    <main class="narrow">
      <h1>Choose a new password</h1>
      <form onSubmit={submit} class="stack">
        <label>
          New password <input type="password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} autoComplete="new-password" aria-describedby="reset-rules" required />
        </label>
        <label>
          New password again <input type="password" value={again} onInput={(e) => setAgain(e.currentTarget.value)} autoComplete="new-password" required />
        </label>
        <PasswordRuleList id="reset-rules" rules={rules.filter((rule) => !rule.text.includes('user name'))} checkedOnSave="Not a common password, and not your name or user name (checked when you save)" />
        <ErrorMessage error={error} />
        <button type="submit" class="primary" disabled={busy || rules.some((r) => !r.met)}>
          Save the new password
        </button>
      </form>
      <p>
        <a href="#/parent/recover">Ask for a new link</a>
      </p>
    </main>
  );
}

function NewPassword({ api, challenge, onDone }: { api: ApiClient; challenge: Challenge; onDone: () => void }) {
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const { busy, error, run } = useAction();
  const rules = passwordRules(password, again, challenge.userName);
  const submit = (e: Event) => {
    e.preventDefault();
    void run(async () => {
      const session = await unwrap(api.POST('/auth/new-password', { body: { session: challenge.session, newPassword: password } }));
      // The change ended every older device token; this browser is the account's trusted one now.
      keepDeviceToken(challenge.district, challenge.userName, session.deviceToken);
      rememberAccount(challenge.district, challenge.userName);
      keepToken('parent', session.token);
      onDone();
    });
  };
  return (
    <main class="narrow">
      <h1>Choose your own password</h1>
      <p>Your school set a temporary password. Choose a new one only you know before you continue. A long phrase is easy to remember and hard to guess.</p>
      <form onSubmit={submit} class="stack">
        <label>
          New password{' '}
          <input type="password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} autoComplete="new-password" aria-describedby="password-rules" required />
        </label>
        <label>
          New password again <input type="password" value={again} onInput={(e) => setAgain(e.currentTarget.value)} autoComplete="new-password" required />
        </label>
        <PasswordRuleList id="password-rules" rules={rules} checkedOnSave="Not a common password, and not your name (checked when you save)" />
        <ErrorMessage error={error} />
        <button type="submit" class="primary" disabled={busy || rules.some((r) => !r.met)}>
          Save password and continue
        </button>
      </form>
    </main>
  );
}

function MyStudents({ api, page: route }: { api: ApiClient; page: string }) {
  const [students, setStudents] = useState<MyStudent[]>();
  const [code, setCode] = useState('');
  const [preview, setPreview] = useState<Preview>();
  const [confirming, setConfirming] = useState<{ kind: 'remove' | 'not-mine'; student: MyStudent }>();
  const [reason, setReason] = useState('');
  const [done, setDone] = useState('');
  /** The page's own action (checking a code) and the open dialog's (linking, removing). */
  const page = useAction();
  const dialog = useAction();
  const [reload, setReload] = useState(0);
  const [loading, setLoading] = useState(true);
  /** Busy in the same render that reports what was done, so the list never passes stale for fresh. */
  const refresh = () => {
    setLoading(true);
    setReload((n) => n + 1);
  };

  useEffect(() => {
    unwrap(api.GET('/me/students'))
      .then((r) => setStudents(r.students), page.setError)
      .finally(() => setLoading(false));
  }, [reload]);

  /** "Is this your child?": the masked student and school; nothing links before the parent says yes. */
  const previewOf = (typed: string) => {
    setDone('');
    void page.run(async () => setPreview(await unwrap(api.POST('/me/links/preview', { body: { code: typed.trim() } }))));
  };

  const check = (e: Event) => {
    e.preventDefault();
    previewOf(code);
  };

  // A letter's QR link (kept through sign-in): the form filled in and the same check as Continue,
  // so the parent still sees whose child it is and links only on confirm.
  useEffect(() => {
    const pending = takePendingLink();
    if (!pending) return;
    setCode(pending.code);
    previewOf(pending.code);
  }, [route]);

  const link = () =>
    dialog.run(async () => {
      const result = await unwrap(api.POST('/me/links', { body: { code: code.trim() } }));
      setDone(result.alreadyLinked ? `${preview!.student} was already linked to your account.` : `${preview!.student} is now linked to your account.`);
      setPreview(undefined);
      setCode('');
      refresh();
    });

  const unlink = () =>
    dialog.run(async () => {
      const { kind, student } = confirming!;
      const path = { schoolId: student.schoolId, studentId: student.studentId };
      if (kind === 'remove') await unwrap(api.DELETE('/me/students/{schoolId}/{studentId}', { params: { path } }));
      else await unwrap(api.POST('/me/students/{schoolId}/{studentId}/not-my-child', { params: { path }, body: { reason: reason.trim() || undefined } }));
      setDone(kind === 'remove' ? `${fullName(student)} is no longer linked to your account.` : `Thank you. ${fullName(student)} is unlinked and the school has been told.`);
      setConfirming(undefined);
      refresh();
    });

  /** Sign out keeps this browser trusted; everywhere ends every browser's trust, this one's too. */
  const signOut = async (everywhere: boolean) => {
    await unwrap(api.POST('/auth/sign-out', { params: { query: everywhere ? { everywhere: 'true' } : {} } })).catch(() => undefined);
    const account = currentAccount();
    if (everywhere && account) forgetDeviceToken(account.district, account.userName);
    forgetToken('parent');
  };

  return (
    <>
      <header class="bar">
        <span class="brand">Parent Access — parent portal</span>
        <span class="spacer" />
        <button type="button" onClick={() => void signOut(false)}>
          Sign out
        </button>
        <button type="button" onClick={() => void signOut(true)}>
          Sign out everywhere
        </button>
      </header>
      <main class="narrow">
        <h1>My students</h1>
        {done && <Status>{done}</Status>}
        <ul class="students" aria-label="My students" aria-busy={loading}>
          {(students ?? []).map((s) => (
            <li key={`${s.schoolId}/${s.studentId}`}>
              <strong>{fullName(s)}</strong>
              <span class="row-actions">
                <button type="button" onClick={() => (dialog.setError(undefined), setConfirming({ kind: 'remove', student: s }))}>
                  Remove (added by mistake)
                </button>
                <button type="button" onClick={() => (setReason(''), dialog.setError(undefined), setConfirming({ kind: 'not-mine', student: s }))}>
                  Not my child
                </button>
              </span>
            </li>
          ))}
        </ul>
        {students?.length === 0 && <p>No student is linked to your account yet.</p>}

        <h2>Add a student</h2>
        <form onSubmit={check} class="stack">
          <label>
            Access code from the school{' '}
            <input value={code} onInput={(e) => setCode(e.currentTarget.value)} required autoComplete="off" autoCapitalize="characters" spellcheck={false} placeholder="XXXX-XXXX-XXXX" />
          </label>
          <ErrorMessage error={page.error} />
          <button type="submit" class="primary" disabled={page.busy}>
            Continue
          </button>
        </form>

        <PasskeysSection />
      </main>
      {preview && (
        <Confirm title="Is this your child?" confirmLabel="Yes, link this student" busy={dialog.busy} error={dialog.error} onConfirm={() => void link()} onCancel={() => setPreview(undefined)}>
          <p class="preview">
            <strong>{preview.student}</strong>
            {preview.grade ? `, ${/^\d+$/.test(preview.grade) ? `Grade ${preview.grade}` : preview.grade === 'K' ? 'Kindergarten' : preview.grade}` : ''}, {preview.school}
          </p>
          <p>Only link a student you are the parent or guardian of. If this is not your child, choose Cancel and check the code with the school.</p>
        </Confirm>
      )}
      {confirming && (
        <Confirm
          title={confirming.kind === 'remove' ? 'Remove this student?' : 'Not your child?'}
          confirmLabel={confirming.kind === 'remove' ? 'Remove' : 'Report and remove'}
          busy={dialog.busy}
          error={dialog.error}
          onConfirm={() => void unlink()}
          onCancel={() => setConfirming(undefined)}
        >
          {confirming.kind === 'remove' ? (
            <p>{fullName(confirming.student)} will no longer be linked to your account. To link again later, enter the same access code from the school's letter (it keeps working unless the school gives a new one).</p>
          ) : (
            <>
              <p>{fullName(confirming.student)} will be unlinked and the school told, so they can give the student a new code.</p>
              <label>
                What happened? (optional) <input value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
              </label>
            </>
          )}
        </Confirm>
      )}
    </>
  );
}
