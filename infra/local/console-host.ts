import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { CONSOLE_SECURITY_HEADERS, consoleContentSecurityPolicy } from '../console-policy';
import { DEV_AUDIENCE, DEV_ISSUER, mintStaffToken, type StaffTokenInput } from './dev-auth';
import { readBody } from './server';
import { PERMISSIONS } from '../../shared/domain/principal';

/**
 * `npm start` serves the console (console/dist, built by `npm run console`) at `/`, next to the
 * API, as CloudFront does in AWS, with the same security headers. It also plays the staff
 * issuer's part of the sign-in: an authorization endpoint where you choose a dev identity, and a
 * token endpoint that checks the PKCE verifier (RFC 7636, S256) before it issues an ID token.
 */
export const CONSOLE_DIR = resolve(__dirname, '../../console/dist');

export interface DevIdentity extends StaffTokenInput {
  id: string;
  description: string;
}

export function devIdentities(district: string, school: string): DevIdentity[] {
  return [
    { id: 'principal', name: 'Pat Principal', description: `Principal of ${school}: every permission`, sub: 'demo-principal', district, schools: [school], permissions: [...PERMISSIONS] },
    { id: 'clerk', name: 'Casey Clerk', description: `Office clerk at ${school}: can look up students and parents, nothing else`, sub: 'demo-clerk', district, schools: [school], permissions: ['students:read', 'parents:read'] },
    { id: 'district', name: 'Dana District', description: `District administrator of ${district}: every school, every permission`, sub: 'demo-district-admin', district, schools: '*', permissions: [...PERMISSIONS] },
  ];
}

interface Grant {
  identity: DevIdentity;
  challenge: string;
  redirectUri: string;
  nonce?: string;
  expires: number;
}

const CODE_LIFETIME_MS = 60_000;
/** A sign-in form or token request is a few hundred bytes. */
const FORM_MAX_BYTES = 16 * 1024;
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png', '.svg': 'image/svg+xml', '.json': 'application/json' };

export function createConsoleHost(options: { identities: DevIdentity[]; parentDistrict?: string; dir?: string }) {
  const dir = options.dir ?? CONSOLE_DIR;
  const grants = new Map<string, Grant>();
  // Locally the issuer is this origin; large roster uploads go to the local S3 server.
  const uploadOrigins = process.env.S3_ENDPOINT ? [new URL(process.env.S3_ENDPOINT).origin] : [];
  const headers = { ...CONSOLE_SECURITY_HEADERS, 'content-security-policy': consoleContentSecurityPolicy(uploadOrigins) };

  const config = (origin: string) => ({
    environment: 'local',
    parentDistrict: options.parentDistrict,
    staff: {
      issuer: DEV_ISSUER,
      clientId: DEV_AUDIENCE,
      authorizationEndpoint: `${origin}/local/authorize`,
      tokenEndpoint: `${origin}/local/token`,
      scope: 'openid profile email',
    },
  });

  /** True when the request was the console's to answer. */
  return async function serve(req: IncomingMessage, res: ServerResponse, url: URL, origin: string): Promise<boolean> {
    const method = req.method ?? 'GET';
    if (url.pathname === '/console-config.json' && method === 'GET') {
      return send(res, 200, { ...headers, 'content-type': 'application/json', 'cache-control': 'no-store' }, JSON.stringify(config(origin)));
    }
    if (url.pathname === '/local/authorize' && method === 'GET') return authorizePage(res, url, origin);
    if (method === 'POST' && (url.pathname === '/local/authorize' || url.pathname === '/local/token')) {
      const body = await readBody(req, FORM_MAX_BYTES);
      if (!body) return send(res, 413, { 'content-type': 'text/plain' }, 'Request too large');
      const form = new URLSearchParams(body.toString('utf8'));
      return url.pathname === '/local/token' ? token(res, form) : authorize(res, form, origin);
    }
    if (method !== 'GET' && method !== 'HEAD') return false;
    const file = url.pathname === '/' ? join(dir, 'index.html') : join(dir, normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, ''));
    if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) {
      if (url.pathname === '/') return send(res, 503, { 'content-type': 'text/plain' }, 'The console is not built: run `npm run console`.');
      return false;
    }
    const immutable = url.pathname.startsWith('/assets/');
    return send(res, 200, { ...headers, 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache' }, readFileSync(file));
  };

  function authorizePage(res: ServerResponse, url: URL, origin: string): boolean {
    const refused = checkAuthorizeRequest(url.searchParams, origin);
    if (refused) return send(res, 400, { ...headers, 'content-type': 'text/plain' }, refused);
    const hidden = ['client_id', 'redirect_uri', 'state', 'nonce', 'code_challenge', 'code_challenge_method']
      .map((name) => `<input type="hidden" name="${name}" value="${escape(url.searchParams.get(name) ?? '')}">`)
      .join('');
    const choices = options.identities
      .map((identity) => `<li><button type="submit" name="identity" value="${escape(identity.id)}"><strong>${escape(identity.name ?? identity.sub)}</strong> — ${escape(identity.description)}</button></li>`)
      .join('');
    const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Local staff sign-in</title></head><body><main>
<h1>Local staff sign-in</h1><p>This stands in for the staff directory (Cognito's hosted sign-in in AWS). Choose who you are:</p>
<form method="post" action="/local/authorize">${hidden}<ul>${choices}</ul></form></main></body></html>`;
    return send(res, 200, { ...headers, 'content-type': 'text/html; charset=utf-8' }, page);
  }

  function authorize(res: ServerResponse, form: URLSearchParams, origin: string): boolean {
    const refused = checkAuthorizeRequest(form, origin);
    const identity = options.identities.find((i) => i.id === form.get('identity'));
    if (refused || !identity) return send(res, 400, { 'content-type': 'text/plain' }, refused ?? 'Unknown identity');
    const code = randomBytes(24).toString('base64url');
    grants.set(code, { identity, challenge: form.get('code_challenge')!, redirectUri: form.get('redirect_uri')!, nonce: form.get('nonce') ?? undefined, expires: Date.now() + CODE_LIFETIME_MS });
    const back = new URL(form.get('redirect_uri')!);
    back.searchParams.set('code', code);
    if (form.get('state')) back.searchParams.set('state', form.get('state')!);
    return send(res, 302, { location: back.toString() }, '');
  }

  async function token(res: ServerResponse, form: URLSearchParams): Promise<boolean> {
    const fail = (error: string) => send(res, 400, { 'content-type': 'application/json', 'cache-control': 'no-store' }, JSON.stringify({ error }));
    const code = form.get('code') ?? '';
    const grant = grants.get(code);
    grants.delete(code); // one use only, whatever happens next
    if (form.get('grant_type') !== 'authorization_code' || !grant || grant.expires < Date.now()) return fail('invalid_grant');
    if (form.get('client_id') !== DEV_AUDIENCE || form.get('redirect_uri') !== grant.redirectUri) return fail('invalid_grant');
    const verifier = form.get('code_verifier') ?? '';
    if (createHash('sha256').update(verifier).digest('base64url') !== grant.challenge) return fail('invalid_grant');
    const idToken = await mintStaffToken({ ...grant.identity, nonce: grant.nonce });
    return send(res, 200, { 'content-type': 'application/json', 'cache-control': 'no-store' }, JSON.stringify({ id_token: idToken, access_token: idToken, token_type: 'Bearer', expires_in: 8 * 3600 }));
  }
}

/** What Cognito would refuse too: another client, a redirect elsewhere, no PKCE or the plain method. */
function checkAuthorizeRequest(params: URLSearchParams, origin: string): string | undefined {
  if (params.get('client_id') !== DEV_AUDIENCE) return 'Unknown client_id';
  if (params.get('redirect_uri') !== `${origin}/`) return 'redirect_uri is not a registered callback URL';
  if (params.has('response_type') && params.get('response_type') !== 'code') return 'Only the authorization code flow is allowed';
  if (params.get('code_challenge_method') !== 'S256' || !params.get('code_challenge')) return 'PKCE with S256 is required';
  return undefined;
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}


function send(res: ServerResponse, status: number, headers: Record<string, string>, body: string | Buffer): true {
  res.writeHead(status, headers);
  res.end(body);
  return true;
}
