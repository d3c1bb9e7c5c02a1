import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * SigV4 as S3 checks it, for the local S3 server: every request but a CORS preflight must be
 * signed (header or presigned query), by a key we know, within its time, and every header it
 * signed must have the value it signed. So a presigned roster upload that signed
 * `content-length` and `content-type` refuses any other length or type locally, as S3 does
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html), and an unsigned
 * request to the private bucket is refused (403 AccessDenied), as S3 refuses anonymous access
 * to a bucket that blocks public access.
 *
 * s3rver's own check builds bucket-level canonical URIs without the trailing slash the SDK signs;
 * this one signs the path exactly as the client sent it, which is what SigV4 for S3 does (S3
 * does not normalize or re-encode the path).
 */
export type SignatureRefusal = { status: 400 | 403; code: string; message: string };

/** RFC 3986 encoding, as SigV4 canonicalizes query names and values. */
const encode = (text: string) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const hmac = (key: Buffer | string, text: string) => createHmac('sha256', key).update(text, 'utf8').digest();
const amzTime = (text: string) => Date.parse(text.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));

export function checkSignature(req: IncomingMessage, secretOf: (accessKeyId: string) => string | undefined, now = Date.now()): SignatureRefusal | undefined {
  const url = req.url ?? '/';
  const at = url.indexOf('?');
  const path = at < 0 ? url : url.slice(0, at);
  const query = (at < 0 ? '' : url.slice(at + 1))
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const eq = pair.indexOf('=');
      const [name, value] = eq < 0 ? [pair, ''] : [pair.slice(0, eq), pair.slice(eq + 1)];
      return [decodeURIComponent(name), decodeURIComponent(value)] as const;
    });
  const param = (name: string) => query.find(([n]) => n === name)?.[1];
  const authorization = req.headers.authorization;
  const presigned = param('X-Amz-Algorithm') !== undefined;
  if (!authorization && !presigned) return { status: 403, code: 'AccessDenied', message: 'Access Denied' };

  let credential: string | undefined, signedHeaders: string | undefined, signature: string | undefined, time: string | undefined, payload: string | undefined;
  if (presigned) {
    if (param('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256') return { status: 400, code: 'AuthorizationQueryParametersError', message: 'X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"' };
    [credential, signedHeaders, signature, time] = [param('X-Amz-Credential'), param('X-Amz-SignedHeaders'), param('X-Amz-Signature'), param('X-Amz-Date')];
    payload = param('X-Amz-Content-Sha256') ?? 'UNSIGNED-PAYLOAD';
    const expires = Number(param('X-Amz-Expires'));
    if (!time || !Number.isFinite(expires)) return { status: 400, code: 'AuthorizationQueryParametersError', message: 'X-Amz-Date and X-Amz-Expires are required' };
    if (now > amzTime(time) + expires * 1000) return { status: 403, code: 'AccessDenied', message: 'Request has expired' };
  } else {
    const parts = /^AWS4-HMAC-SHA256 Credential=([^,]+), ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]+)$/.exec(String(authorization));
    if (!parts) return { status: 400, code: 'AuthorizationHeaderMalformed', message: 'The authorization header is malformed' };
    [, credential, signedHeaders, signature] = parts;
    time = String(req.headers['x-amz-date'] ?? '');
    payload = String(req.headers['x-amz-content-sha256'] ?? '');
    if (!payload) return { status: 400, code: 'InvalidRequest', message: 'Missing required header for this request: x-amz-content-sha256' };
    if (Math.abs(now - amzTime(time)) > 15 * 60 * 1000) return { status: 403, code: 'RequestTimeTooSkewed', message: 'The difference between the request time and the current time is too large.' };
  }
  if (!credential || !signedHeaders || !signature || !time) return { status: 400, code: 'AuthorizationQueryParametersError', message: 'Credential, SignedHeaders, Signature and Date are required' };
  const [accessKeyId, date, region, service, terminal] = credential.split('/');
  const secret = secretOf(accessKeyId ?? '');
  if (!secret) return { status: 403, code: 'InvalidAccessKeyId', message: 'The AWS Access Key Id you provided does not exist in our records.' };
  const signed = signedHeaders.split(';');
  if (!signed.includes('host')) return { status: 403, code: 'AccessDenied', message: 'host must be a signed header' };
  // A presigned request may carry no x-amz-* header it did not sign (S3: "There were headers present in the request which were not signed").
  if (presigned && Object.keys(req.headers).some((name) => name.startsWith('x-amz-') && !signed.includes(name))) {
    return { status: 403, code: 'AccessDenied', message: 'There were headers present in the request which were not signed' };
  }

  const canonicalQuery = query
    .filter(([name]) => name !== 'X-Amz-Signature')
    .map(([name, value]) => [encode(name), encode(value)])
    .sort(([a, x], [b, y]) => (a! < b! ? -1 : a! > b! ? 1 : x! < y! ? -1 : x! > y! ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  const header = (name: string) => {
    const value = req.headers[name];
    return (Array.isArray(value) ? value.join(',') : (value ?? '')).trim().replace(/\s+/g, ' ');
  };
  const canonicalRequest = [req.method, path || '/', canonicalQuery, signed.map((name) => `${name}:${header(name)}\n`).join(''), signedHeaders, payload].join('\n');
  const scope = [date, region, service, terminal].join('/');
  const stringToSign = ['AWS4-HMAC-SHA256', time, scope, createHash('sha256').update(canonicalRequest, 'utf8').digest('hex')].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, date ?? ''), region ?? ''), service ?? ''), 'aws4_request');
  const expected = hmac(key, stringToSign);
  const given = Buffer.from(signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { status: 403, code: 'SignatureDoesNotMatch', message: 'The request signature we calculated does not match the signature you provided. Check your key and signing method.' };
  }
  return undefined;
}
