import { config } from '../config';
import { TooManyAttemptsError } from '../domain/errors';
import { releaseAttempt, reserveAttempt, secondsUntilNextWindow, ThrottleKey } from '../data/throttle';

/**
 * Reserves one attempt on every limit (say, per account and per address) before a guess runs;
 * if any limit is used up, gives back what it took and answers 429. The caller gives the
 * slots back on success, so only failures stay counted.
 */
export async function reserveGuess(limits: [ThrottleKey, number][], now: Date): Promise<() => Promise<void>> {
  const window = config.THROTTLE_WINDOW_SECONDS;
  const reserved: ThrottleKey[] = [];
  const release = async () => {
    await Promise.all(reserved.map((key) => releaseAttempt(key, window, now)));
  };
  for (const [key, limit] of limits) {
    if (!(await reserveAttempt(key, limit, window, now))) {
      await release();
      throw new TooManyAttemptsError(secondsUntilNextWindow(now, window));
    }
    reserved.push(key);
  }
  return release;
}
