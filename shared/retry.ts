/**
 * Optimistic writes that lose a race (a concurrent reset, a transaction conflict) are retried
 * after a short, growing, jittered pause, so many concurrent admins all get through.
 */
export const MAX_WRITE_ATTEMPTS = 10;

/** What an attempt returns when it lost a race and should be tried again. */
export const RETRY = Symbol('retry');

/**
 * The one optimistic loop: read, decide, write conditionally; on a lost race (`RETRY`) pause and
 * go again, up to `MAX_WRITE_ATTEMPTS` tries, then answer with `exhausted` (throw BUSY, or record
 * an item as failed).
 */
export async function retryOnConflict<T>(attempt: (attemptNumber: number) => Promise<T | typeof RETRY>, exhausted: () => T): Promise<T> {
  for (let n = 0; n < MAX_WRITE_ATTEMPTS; n++) {
    if (n > 0) await pauseBeforeRetry(n);
    const outcome = await attempt(n);
    if (outcome !== RETRY) return outcome;
  }
  return exhausted();
}

function pauseBeforeRetry(attempt: number): Promise<void> {
  const ceiling = Math.min(1000, 10 * 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
}
