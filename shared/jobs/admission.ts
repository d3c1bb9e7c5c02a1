import { RandomPolicyNotBulkError, ValidationError } from '../domain/errors';
import type { School } from '../data/schools';
import { requireVisibleParents } from '../use-cases/parent-accounts';
import type { JobType } from './registry';

/**
 * What a start request of each type must satisfy beyond the route's schema, refused (400/409)
 * before anything is written. Apart from the types' work, so the start route does not bundle it.
 */
const ADMIT: Partial<Record<JobType, (school: School, request: { parentIds?: string[]; uploadId?: string }) => Promise<void>>> = {
  async 'set-passwords'(school, request) {
    // Random temporary passwords must be handed to a person; a job has no one to hand them to.
    if ((school.passwordPolicy ?? 'default') === 'random') throw new RandomPolicyNotBulkError();
    if (request.parentIds) await requireVisibleParents(school, request.parentIds);
  },
  async 'import-oneroster'(_school, request) {
    if (!request.uploadId) throw new ValidationError('An import job needs the uploadId of its uploaded files.');
  },
};

export async function admitJob(type: JobType, school: School, request: { parentIds?: string[]; uploadId?: string }): Promise<void> {
  await ADMIT[type]?.(school, request);
}
