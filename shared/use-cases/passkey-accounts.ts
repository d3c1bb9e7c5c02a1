import { BusyError, NotFoundError, UnauthenticatedError } from '../domain/errors';
import type { AuditEvent } from '../data/audit';
import { getParent, type ParentAccount } from '../data/parents';
import { writePasskeys, type StoredPasskey } from '../data/passkeys';
import { retryOnConflict, RETRY } from '../retry';

/*
 * A parent's passkeys as the account holds them: which it honours, how they are shown, listing
 * and removing. Apart from the WebAuthn ceremonies (passkeys.ts) so that list and remove do not
 * bundle @simplewebauthn/server, whose attestation verifiers weigh about 400 KB.
 */

/**
 * The passkeys an account honours: those registered under its current device generation.
 * A staff reset, a password change and "sign out everywhere" move the generation on, so they end
 * every passkey as they end every device token: whoever had the account before (knew the old
 * password, held a session) may have added one. Older ones are dropped at the next write.
 */
export function livePasskeys(parent: Pick<ParentAccount, 'passkeys' | 'deviceGeneration'>): StoredPasskey[] {
  const generation = parent.deviceGeneration ?? 0;
  return (parent.passkeys ?? []).filter((passkey) => passkey.deviceGeneration === generation);
}

/**
 * The WebAuthn signature counter rule (Web Authentication §6.1.1): an authenticator that counts
 * must report more than last time; one that keeps no counter reports 0 every time. A counter that
 * stands still or goes back (0 after counting included) may mean a cloned authenticator: refused.
 */
export function counterAccepted(stored: number, reported: number): boolean {
  return (stored === 0 && reported === 0) || reported > stored;
}

/** "Passkey 1", "Passkey 2", …: the first such name the account does not use. */
export function defaultPasskeyName(passkeys: readonly Pick<StoredPasskey, 'name'>[]): string {
  const names = new Set(passkeys.map((passkey) => passkey.name));
  let n = 1;
  while (names.has(`Passkey ${n}`)) n++;
  return `Passkey ${n}`;
}

/** What the API shows of a passkey: never its key or credential id. */
export function passkeyView(passkey: StoredPasskey) {
  return {
    passkeyId: passkey.passkeyId,
    name: passkey.name,
    createdAt: passkey.createdAt,
    ...(passkey.lastUsedAt ? { lastUsedAt: passkey.lastUsedAt } : {}),
    ...(passkey.transports?.length ? { transports: passkey.transports } : {}),
    ...(passkey.backedUp !== undefined ? { backedUp: passkey.backedUp } : {}),
  };
}

/** The signed-in parent's passkeys, oldest first. */
export function listPasskeys(parent: ParentAccount) {
  return { passkeys: livePasskeys(parent).sort((a, b) => a.createdAt.localeCompare(b.createdAt)).map(passkeyView) };
}

/** Removes one of the signed-in parent's passkeys (404 for any other id), audited as `parent.passkey-removed`. */
export async function removePasskey(parent: ParentAccount, passkeyId: string) {
  const at = new Date().toISOString();
  return retryOnConflict(async (attempt) => {
    const current = attempt === 0 ? parent : await sameSession(parent);
    const live = livePasskeys(current);
    if (!live.some((passkey) => passkey.passkeyId === passkeyId)) throw new NotFoundError('The passkey');
    const written = await writePasskeys(current, live.filter((passkey) => passkey.passkeyId !== passkeyId), accountEvent(current, 'parent.passkey-removed', at, { passkeyId }));
    return written ? { passkeyId, removed: true as const } : RETRY;
  }, busy);
}

/** The account read again after a lost race; its session must still be the caller's. */
export async function sameSession(parent: ParentAccount): Promise<ParentAccount> {
  const current = await getParent(parent.districtId, parent.parentId);
  if (!current || (current.sessionVersion ?? 0) !== (parent.sessionVersion ?? 0)) throw new UnauthenticatedError('This session has ended. Sign in again.');
  return current;
}

export const busy = (): never => {
  throw new BusyError('Your passkeys changed at the same moment somewhere else. Try again.');
};

export function accountEvent(parent: ParentAccount, action: string, at: string, details: AuditEvent['details']): AuditEvent {
  return { districtId: parent.districtId, action, actor: { type: 'parent', id: parent.parentId }, at, parentId: parent.parentId, details };
}

