import { healingCache } from '../../shared/healing-cache';

// Finding: "secret and KMS caches keep a rejected promise forever (one cold-start error fails every
// request until the container recycles)". The pepper, the token signer, its public key and the
// code vault are all built on this cache.
describe('secret and KMS caches keep a rejected promise forever', () => {
  test('a failed load fails its own callers only; the next call loads again and is then cached', async () => {
    let loads = 0;
    const cached = healingCache(async () => {
      loads++;
      if (loads === 1) throw new Error('ThrottlingException');
      return `value-${loads}`;
    });
    await expect(cached()).rejects.toThrow('ThrottlingException');
    expect(await cached()).toBe('value-2');
    expect(await cached()).toBe('value-2');
    expect(loads).toBe(2);
  });

  test('callers waiting on the same load share it', async () => {
    let loads = 0;
    const cached = healingCache(async () => ++loads);
    expect(await Promise.all([cached(), cached(), cached()])).toEqual([1, 1, 1]);
  });
});
