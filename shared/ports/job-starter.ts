/** What starts a job's execution: Step Functions in AWS, the local interpreter on a laptop. */
export interface JobStarter {
  /** Starts the execution named `jobId`; starting a name that already ran is a no-op. */
  start(jobId: string, input: unknown): Promise<void>;
}
