import type { JobScheduler } from '../ports/job-scheduler';

/**
 * Locally there is no scheduler: schedules are stored and listed, and `npm run job` starts the
 * same job by hand. Also what a deployment without a schedule group gets.
 */
export const storedOnlyScheduler: JobScheduler = { save: async () => {}, remove: async () => {} };
