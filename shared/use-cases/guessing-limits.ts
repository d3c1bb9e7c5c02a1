import { config } from '../config';
import { TooManyAttemptsError } from '../domain/errors';
import { releaseAttempt, reserveAttempt, secondsUntilNextWindow, ThrottleKey } from '../data/throttle';

export interface ReservedGuess {
  /** Gives the slots back (the guess succeeded): only failures stay counted. */
  release(): Promise<void>;
  /** Per limit, in order: the attempts counted in this window, this one included. */
  attempts: number[];
}

/**
 * Reserves one attempt on every limit (say, per account and per address) before a guess runs;
 * if any limit is used up, gives back what it took and answers 429.
 */
export async function reserveGuess(limits: [ThrottleKey, number][], now: Date): Promise<ReservedGuess> {
  const window = config.THROTTLE_WINDOW_SECONDS;
  const reserved: ThrottleKey[] = [];
  const attempts: number[] = [];
  const release = async () => {
    await Promise.all(reserved.map((key) => releaseAttempt(key, window, now)));
  };
  for (const [key, limit] of limits) {
    const counted = await reserveAttempt(key, limit, window, now);
    if (counted === undefined) {
      await release();
      throw new TooManyAttemptsError(secondsUntilNextWindow(now, window));
    }
    reserved.push(key);
    attempts.push(counted);
  }
  return { release, attempts };
}
