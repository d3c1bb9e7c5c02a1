/**
 * Optimistic writes that lose a race (a concurrent reset, a transaction conflict) are retried
 * after a short, growing, jittered pause, so many concurrent admins all get through.
 */
export const MAX_WRITE_ATTEMPTS = 10;

export function pauseBeforeRetry(attempt: number): Promise<void> {
  const ceiling = Math.min(1000, 10 * 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
}
