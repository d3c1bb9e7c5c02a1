import { ExecutionAlreadyExists, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { config } from '../config';
import type { JobStarter } from '../ports/job-starter';

const sfn = new SFNClient({ region: config.AWS_REGION });

/** Step Functions: the job id is the execution name, so a second start of the same job is refused by AWS itself. */
export function sfnStarter(stateMachineArn: string): JobStarter {
  return {
    async start(jobId, input) {
      try {
        await sfn.send(new StartExecutionCommand({ stateMachineArn, name: jobId, input: JSON.stringify(input) }));
      } catch (error) {
        if (!(error instanceof ExecutionAlreadyExists)) throw error;
      }
    },
  };
}
