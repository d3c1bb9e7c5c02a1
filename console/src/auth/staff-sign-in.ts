import * as oauth from 'oauth4webapi';
import type { ConsoleConfig } from '../config';
import { keepToken } from './session';

/**
 * Staff sign-in: OpenID Connect authorization code flow with PKCE (RFC 7636) and a nonce, as a
 * public client (no secret in a browser), using oauth4webapi. The ID token it returns is the bearer
 * token the API's staff JWT authorizer accepts (its audience is this client).
 */
const PENDING = 'parent-access.staff-sign-in';

interface Pending {
  verifier: string;
  state: string;
  nonce: string;
}

type StaffSignIn = NonNullable<ConsoleConfig['staff']>;

function server(staff: StaffSignIn): oauth.AuthorizationServer {
  return { issuer: staff.issuer, authorization_endpoint: staff.authorizationEndpoint, token_endpoint: staff.tokenEndpoint };
}

function signInOf(config: ConsoleConfig): StaffSignIn {
  if (!config.staff) throw new Error('Staff sign-in is not configured for this deployment.');
  return config.staff;
}

const redirectUri = () => `${location.origin}/`;
/** Locally the dev issuer is plain http on loopback; anywhere else https is required. */
const insecureAllowed = () => location.hostname === '127.0.0.1' || location.hostname === 'localhost';

export async function beginStaffSignIn(config: ConsoleConfig): Promise<void> {
  const pending: Pending = { verifier: oauth.generateRandomCodeVerifier(), state: oauth.generateRandomState(), nonce: oauth.generateRandomNonce() };
  const staff = signInOf(config);
  sessionStorage.setItem(PENDING, JSON.stringify(pending));
  const url = new URL(staff.authorizationEndpoint);
  url.search = new URLSearchParams({
    client_id: staff.clientId,
    redirect_uri: redirectUri(),
    response_type: 'code',
    scope: staff.scope,
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: await oauth.calculatePKCECodeChallenge(pending.verifier),
    code_challenge_method: 'S256',
  }).toString();
  location.assign(url.toString());
}

/** On return from the issuer (`?code=…&state=…`): exchange the code, keep the ID token, clean the address bar. */
export async function completeStaffSignIn(config: ConsoleConfig): Promise<boolean> {
  const here = new URL(location.href);
  if (!here.searchParams.has('code') && !here.searchParams.has('error')) return false;
  const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null') as Pending | null;
  sessionStorage.removeItem(PENDING);
  history.replaceState(null, '', `${here.pathname}#/staff`);
  if (!pending) throw new Error('This sign-in was not started from this tab. Sign in again.');
  const staff = signInOf(config);
  const as = server(staff);
  const client: oauth.Client = { client_id: staff.clientId };
  const options = { [oauth.allowInsecureRequests]: insecureAllowed() };
  const params = oauth.validateAuthResponse(as, client, here, pending.state);
  const response = await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), params, redirectUri(), pending.verifier, options);
  const result = await oauth.processAuthorizationCodeResponse(as, client, response, { expectedNonce: pending.nonce, requireIdToken: true });
  if (!result.id_token) throw new Error('The sign-in service returned no ID token.');
  keepToken('staff', result.id_token);
  return true;
}
