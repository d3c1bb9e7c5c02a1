/**
 * A lazily loaded value shared by every request of a warm Lambda instance. Unlike a bare
 * `cache ??= load()`, a failed load is forgotten, so one cold-start error (a throttled Secrets
 * Manager or KMS call) fails that request only and the next request loads again.
 */
export function healingCache<T>(load: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => {
    value ??= load().catch((error: unknown) => {
      value = undefined;
      throw error;
    });
    return value;
  };
}
