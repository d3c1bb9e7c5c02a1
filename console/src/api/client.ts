import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';

/**
 * Typed clients for the API, from the OpenAPI document (`npm run openapi` writes openapi.json and
 * this folder's schema.d.ts): a path, a parameter or a field the API does not have is a type error.
 * The console is served from the API's own origin, so paths are relative and no CORS is involved.
 */
export type ApiClient = ReturnType<typeof createClient<paths>>;

/** A refusal, in words a person can act on; `code` is the API's machine-readable reason. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly problems: string[] = [],
  ) {
    super(message);
  }
}

/** Words for answers that come from API Gateway (`{ message }`) or the network, not from our functions. */
const GATEWAY_WORDS: Record<number, string> = {
  401: 'Your sign-in has ended. Sign in again.',
  403: 'You do not have permission to do that.',
  413: 'That is too much to send at once.',
  429: 'Too many attempts. Wait a minute and try again.',
  503: 'The service took too long to answer. Try again.',
};

export function clientFor(token: () => string | undefined, onUnauthorized: () => void): ApiClient {
  const client = createClient<paths>({ baseUrl: '' });
  const auth: Middleware = {
    onRequest({ request }) {
      const value = token();
      if (value) request.headers.set('authorization', `Bearer ${value}`);
      return request;
    },
    onResponse({ response }) {
      if (response.status === 401 && token()) onUnauthorized();
      return response;
    },
  };
  client.use(auth);
  return client;
}

/** The data of a successful answer, or an ApiError carrying the API's code and message. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: Awaited<typeof call>;
  try {
    result = await call;
  } catch {
    throw new ApiError(0, 'NETWORK', 'The service could not be reached. Check your connection and try again.');
  }
  if (result.response.ok) return result.data as T;
  throw toApiError(result.response.status, result.error);
}

export function toApiError(status: number, body: unknown): ApiError {
  const error = (body as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
  if (error?.code) return new ApiError(status, error.code, error.message ?? 'The request was refused.', problemsOf(error.details));
  return new ApiError(status, `HTTP_${status}`, GATEWAY_WORDS[status] ?? `The service answered ${status}. Try again.`);
}

/** Details are field problems (`{ path, message }`), file problems (`{ file, line, column, message }`) or words. */
function problemsOf(details: unknown): string[] {
  if (!Array.isArray(details)) return [];
  return details.map((d) => {
    if (typeof d === 'string') return d;
    const item = d as { path?: unknown; message?: unknown; file?: unknown; line?: unknown; column?: unknown };
    if (typeof item.file === 'string') return `${item.file}, line ${String(item.line)}${item.column ? `, ${String(item.column)}` : ''}: ${String(item.message)}`;
    const where = Array.isArray(item.path) ? item.path.join('.') : typeof item.path === 'string' ? item.path : '';
    return [where, typeof item.message === 'string' ? item.message : JSON.stringify(d)].filter(Boolean).join(': ');
  });
}
