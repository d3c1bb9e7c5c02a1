import { mapWithConcurrency } from '../../shared/concurrency';

describe('mapWithConcurrency', () => {
  test('keeps order and bounds concurrency', async () => {
    let inFlight = 0;
    let most = 0;
    const out = await mapWithConcurrency([5, 1, 4, 2, 3], 2, async (n) => {
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setTimeout(r, n));
      inFlight--;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30]);
    expect(most).toBe(2);
  });
  test('after a failure starts nothing new and rejects only once in-flight work settled', async () => {
    const started: number[] = [];
    let settled = 0;
    await expect(
      mapWithConcurrency([0, 1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
        started.push(n);
        await new Promise((r) => setTimeout(r, n === 1 ? 1 : 20));
        if (n === 1) throw new Error('boom');
        settled++;
      }),
    ).rejects.toThrow('boom');
    expect(started).toEqual([0, 1, 2]);
    expect(settled).toBe(2);
  });
});
