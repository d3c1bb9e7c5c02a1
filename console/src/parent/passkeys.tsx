import { useEffect, useState } from 'preact/hooks';
import { browserSupportsWebAuthn, startAuthentication, startRegistration, WebAuthnError } from '@simplewebauthn/browser';
import type { PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/browser';
import { ApiError, toApiError } from '../api/client';
import { forgetToken, keepToken, tokenOf } from '../auth/session';
import { Confirm, ErrorMessage, Status, useAction, when } from '../components/ui';
import { deviceTokenOf, keepDeviceToken, rememberAccount } from './device-tokens';

/*
 * Passkeys in the parent portal: the "Passkeys" section of the signed-in home (add one, the list
 * with when each was added and last used, remove with a confirm), the "Sign in with a passkey"
 * button of the sign-in page, and `registerPasskey` for activation. The browser does the
 * WebAuthn ceremony (@simplewebauthn/browser); the API checks every answer.
 *
 * The passkey routes are not in the generated client types yet (console/src/api/schema.d.ts
 * comes from `npm run openapi`), so this file calls them with fetch and the types below, which
 * mirror shared/contract/routes/passkeys.ts.
 */

export interface Passkey {
  passkeyId: string;
  name: string;
  createdAt: string;
  lastUsedAt?: string;
  transports?: string[];
  backedUp?: boolean;
}

interface Challenge<Options> {
  challengeId: string;
  expiresAt: string;
  options: Options;
}

export interface PasskeySession {
  token: string;
  expiresIn: number;
  deviceToken?: string;
  userName: string;
}

/** One call to the API, its refusals as ApiError (in the API's words), a 401 with a token ending the session as the client does. */
async function call<T>(method: 'GET' | 'POST' | 'DELETE', path: string, options: { token?: string; body?: unknown } = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: { ...(options.body === undefined ? {} : { 'content-type': 'application/json' }), ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'The service could not be reached. Check your connection and try again.');
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (response.ok) return body as T;
  if (response.status === 401 && options.token && options.token === tokenOf('parent')) forgetToken('parent');
  throw toApiError(response.status, body);
}

/** Whether this browser can use passkeys at all (no button is shown where it cannot). */
export const passkeysSupported = () => typeof window !== 'undefined' && browserSupportsWebAuthn();

/**
 * The browser's own refusals in words. WebAuthn refuses IP addresses as the relying party, so
 * where the portal was opened by one (http://127.0.0.1:3000 locally) it names the address that works.
 */
function ceremonyError(error: unknown, rpId: string): Error {
  const onOtherHost = location.hostname !== rpId && !location.hostname.endsWith(`.${rpId}`);
  if (onOtherHost) return new Error(`Passkeys work only at ${location.protocol}//${rpId}${location.port ? `:${location.port}` : ''}/. Open the portal there to use one.`);
  const code = error instanceof WebAuthnError ? error.code : undefined;
  const name = error instanceof Error ? error.name : '';
  if (code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED' || name === 'InvalidStateError') return new Error('This device already holds a passkey for your account.');
  if (name === 'NotAllowedError' || code === 'ERROR_CEREMONY_ABORTED') return new Error('The passkey request was cancelled or timed out. Try again when you are ready.');
  return new Error('This browser could not use a passkey. Try again, or sign in with your password.');
}

/**
 * Adds a passkey to the account of `session` (a parent session token): the registration challenge,
 * the browser's ceremony, the API's check. Also what activation calls after an invitation is
 * accepted, to offer "use a passkey instead of a password".
 */
export async function registerPasskey(session: { token: string }, name?: string): Promise<Passkey> {
  const { challengeId, options } = await call<Challenge<PublicKeyCredentialCreationOptionsJSON>>('POST', '/me/passkeys/options', { token: session.token });
  const rpId = options.rp.id ?? location.hostname;
  if (location.hostname !== rpId && !location.hostname.endsWith(`.${rpId}`)) throw ceremonyError(undefined, rpId);
  let response;
  try {
    response = await startRegistration({ optionsJSON: options });
  } catch (error) {
    throw ceremonyError(error, rpId);
  }
  const answer = await call<{ passkey: Passkey }>('POST', '/me/passkeys', { token: session.token, body: { challengeId, response, ...(name ? { name } : {}) } });
  return answer.passkey;
}

/** Which account this browser last signed in to with a passkey, so its device token goes with the next one. */
const PASSKEY_ACCOUNT = 'parent-access.passkey-account';

function lastPasskeyAccount(district: string): string | undefined {
  try {
    const value = JSON.parse(localStorage.getItem(PASSKEY_ACCOUNT) ?? 'null') as { district?: unknown; userName?: unknown } | null;
    return value?.district === district && typeof value.userName === 'string' ? value.userName : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Signs in with a passkey the browser holds for this site (no user name typed: the passkey names
 * the account), then keeps the session, the device token and the account as a password sign-in does.
 */
export async function signInWithPasskey(district: string): Promise<PasskeySession> {
  const { challengeId, options } = await call<Challenge<PublicKeyCredentialRequestOptionsJSON>>('POST', '/auth/passkey/options', { body: { district } });
  const rpId = options.rpId ?? location.hostname;
  if (location.hostname !== rpId && !location.hostname.endsWith(`.${rpId}`)) throw ceremonyError(undefined, rpId);
  let response;
  try {
    response = await startAuthentication({ optionsJSON: options });
  } catch (error) {
    throw ceremonyError(error, rpId);
  }
  const last = lastPasskeyAccount(district);
  const deviceToken = last ? deviceTokenOf(district, last) : undefined;
  const session = await call<PasskeySession>('POST', '/auth/passkey/sign-in', { body: { district, challengeId, response, ...(deviceToken ? { deviceToken } : {}) } });
  keepDeviceToken(district, session.userName, session.deviceToken);
  localStorage.setItem(PASSKEY_ACCOUNT, JSON.stringify({ district, userName: session.userName }));
  rememberAccount(district, session.userName);
  keepToken('parent', session.token);
  return session;
}

/** The sign-in page's button; the district is the portal's, or the one typed in the form. */
export function PasskeySignInButton({ district }: { district: string }) {
  const { busy, error, run } = useAction();
  if (!passkeysSupported()) return null;
  return (
    <div class="stack">
      <ErrorMessage error={error} />
      <button type="button" disabled={busy || !district} onClick={() => void run(async () => void (await signInWithPasskey(district)))}>
        {busy ? 'Waiting for your passkey…' : 'Sign in with a passkey'}
      </button>
    </div>
  );
}

/** The signed-in parent's passkeys: add one, see each (added, last used), remove one after a confirm. */
export function PasskeysSection() {
  const [passkeys, setPasskeys] = useState<Passkey[]>();
  const [removing, setRemoving] = useState<Passkey>();
  const [done, setDone] = useState('');
  const [reload, setReload] = useState(0);
  const page = useAction();
  const dialog = useAction();
  const token = () => tokenOf('parent') ?? '';

  useEffect(() => {
    call<{ passkeys: Passkey[] }>('GET', '/me/passkeys', { token: token() }).then((answer) => setPasskeys(answer.passkeys), page.setError);
  }, [reload]);

  const add = () => {
    setDone('');
    void page.run(async () => {
      const added = await registerPasskey({ token: token() });
      setDone(`${added.name} is added. Next time, choose "Sign in with a passkey".`);
      setReload((n) => n + 1);
    });
  };

  const remove = () =>
    dialog.run(async () => {
      const passkey = removing!;
      await call('DELETE', `/me/passkeys/${encodeURIComponent(passkey.passkeyId)}`, { token: token() });
      setDone(`${passkey.name} is removed: it signs in to your account no more.`);
      setRemoving(undefined);
      setReload((n) => n + 1);
    });

  return (
    <section aria-labelledby="passkeys-heading">
      <h2 id="passkeys-heading">Passkeys</h2>
      <p>A passkey signs you in with this device's screen lock (fingerprint, face or PIN) instead of your password. Your password keeps working.</p>
      {done && <Status>{done}</Status>}
      {passkeys && passkeys.length > 0 && (
        <ul class="students" aria-label="My passkeys">
          {passkeys.map((passkey) => (
            <li key={passkey.passkeyId}>
              <strong>{passkey.name}</strong>
              <span>
                {' '}Added {when(passkey.createdAt)}; {passkey.lastUsedAt ? `last used ${when(passkey.lastUsedAt)}` : 'not used yet'}
              </span>
              <span class="row-actions">
                <button type="button" onClick={() => (dialog.setError(undefined), setRemoving(passkey))} aria-label={`Remove ${passkey.name}`}>
                  Remove
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
      {passkeys?.length === 0 && <p>No passkey yet.</p>}
      <ErrorMessage error={page.error} />
      {passkeysSupported() ? (
        <button type="button" onClick={add} disabled={page.busy}>
          {page.busy ? 'Waiting for your device…' : 'Add a passkey'}
        </button>
      ) : (
        <p>This browser cannot use passkeys.</p>
      )}
      {removing && (
        <Confirm title="Remove this passkey?" confirmLabel="Remove passkey" busy={dialog.busy} error={dialog.error} onConfirm={() => void remove()} onCancel={() => setRemoving(undefined)}>
          <p>{removing.name} will no longer sign in to your account. The copy on your device can be deleted in its settings.</p>
        </Confirm>
      )}
    </section>
  );
}
