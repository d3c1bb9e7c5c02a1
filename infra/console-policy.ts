/**
 * The response headers of the console, one definition for CloudFront (infra/constructs/
 * console-site.ts) and `npm start` (infra/local/console-host.ts), so the browser tests run under
 * the policy AWS serves. The app has no inline script or style (Vite emits files), so the policy
 * allows only this origin's own files, plus the origins it must call: the staff issuer's token
 * endpoint for sign-in, and the exports bucket, where large roster files are PUT through
 * presigned links.
 */
export function consoleContentSecurityPolicy(connectOrigins: string[] = []): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    // The empty data: favicon keeps browsers from asking for /favicon.ico.
    "img-src 'self' data:",
    ["connect-src 'self'", ...connectOrigins].join(' '),
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; ');
}

/** The rest of the security headers CloudFront's SECURITY_HEADERS policy would add, spelled out. */
export const CONSOLE_SECURITY_HEADERS = {
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};
