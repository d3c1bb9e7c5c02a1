import { AccountCountNotConfirmedError, RandomPolicyNotBulkError } from '../domain/errors';
import type { StaffPrincipal } from '../domain/principal';
import type { School } from '../data/schools';
import { requireManagedParents } from '../use-cases/visible-parents';
import type { JobType, StartOptions } from './registry';

type Admission<T extends JobType> = (school: School, staff: StaffPrincipal, options: StartOptions<T>, dryRun: boolean) => Promise<void>;

/**
 * What a start request of each type must satisfy beyond its schema (the registry's options),
 * refused (404/409) before anything is written. Apart from the types' work, so the start route
 * does not bundle it.
 */
const ADMIT: { [T in JobType]?: Admission<T> } = {
  async 'set-passwords'(school, staff, { parentIds, confirmAccounts }, dryRun) {
    // Random temporary passwords must be handed to a person; a job has no one to hand them to.
    if ((school.passwordPolicy ?? 'default') === 'random') throw new RandomPolicyNotBulkError();
    // Guessable defaults for a whole school: the starter names how many (the plan checks it).
    if (!parentIds && !dryRun && confirmAccounts === undefined) throw new AccountCountNotConfirmedError();
    // Selected parents: only those the school rosters (any, for district-wide staff), as for one reset.
    if (parentIds) await requireManagedParents(school, staff, parentIds);
  },
};

export async function admitJob<T extends JobType>(type: T, school: School, staff: StaffPrincipal, options: StartOptions<T>, dryRun: boolean): Promise<void> {
  await (ADMIT[type] as Admission<T> | undefined)?.(school, staff, options, dryRun);
}
