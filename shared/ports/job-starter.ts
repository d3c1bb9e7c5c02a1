import { config } from '../config';

/** What starts a job's execution: Step Functions in AWS, the local interpreter on a laptop. */
export interface JobStarter {
  /** Starts the execution named `jobId`; starting a name that already ran is a no-op. */
  start(jobId: string, input: unknown): Promise<void>;
}

let local: JobStarter | undefined;

/** The local runtime registers its runner of the synthesized state machine here. */
export function registerLocalJobStarter(starter: JobStarter | undefined): void {
  local = starter;
}

export async function jobStarter(): Promise<JobStarter> {
  if (config.STATE_MACHINE_ARN) return (await import('../adapters/sfn-job-starter')).sfnStarter(config.STATE_MACHINE_ARN);
  if (local) return local;
  throw new Error('No job runner: set STATE_MACHINE_ARN, or run the local service');
}
