import { NestedStack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { BulkJobs, type BulkJobsProps } from '../constructs/bulk-jobs';

/**
 * The bulk-job engine in a nested stack of its own: the state machine with its role and log
 * group, its six task functions, and the EventBridge rule that settles stopped executions. The
 * schedules that start it stay in the parent (JobSchedules). The local runner synthesizes this
 * same stack to read the state machine (infra/local/job-runner.ts).
 */
export class BulkJobsStack extends NestedStack {
  readonly jobs: BulkJobs;

  constructor(scope: Construct, id: string, props: BulkJobsProps) {
    super(scope, id, { description: 'Parent Access: the bulk-job state machine and its task functions' });
    this.jobs = new BulkJobs(this, 'jobs', props);
  }
}
