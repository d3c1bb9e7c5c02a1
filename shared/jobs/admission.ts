import { RandomPolicyNotBulkError } from '../domain/errors';
import type { School } from '../data/schools';
import { requireVisibleParents } from '../use-cases/visible-parents';
import type { JobType, StartOptions } from './registry';

type Admission<T extends JobType> = (school: School, options: StartOptions<T>) => Promise<void>;

/**
 * What a start request of each type must satisfy beyond its schema (the registry's options),
 * refused (404/409) before anything is written. Apart from the types' work, so the start route
 * does not bundle it.
 */
const ADMIT: { [T in JobType]?: Admission<T> } = {
  async 'set-passwords'(school, { parentIds }) {
    // Random temporary passwords must be handed to a person; a job has no one to hand them to.
    if ((school.passwordPolicy ?? 'default') === 'random') throw new RandomPolicyNotBulkError();
    if (parentIds) await requireVisibleParents(school, parentIds);
  },
};

export async function admitJob<T extends JobType>(type: T, school: School, options: StartOptions<T>): Promise<void> {
  await (ADMIT[type] as Admission<T> | undefined)?.(school, options);
}
