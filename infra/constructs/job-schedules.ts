import { RemovalPolicy } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { CfnScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

export interface JobSchedulesProps {
  /** The state machine every schedule starts. */
  stateMachine: IStateMachine;
}

/**
 * Where the per-school schedules made through the API live: an EventBridge Scheduler group, and
 * the role schedules start the bulk-job state machine with (it may do nothing else).
 *
 * Both are held by data CloudFormation does not know about: every schedule sits in the group
 * (deleting a group deletes its schedules: EventBridge Scheduler User Guide, "Managing schedule
 * groups") and carries the role's ARN. So they are stateful, stay in the parent stack under the
 * construct path they have always had (so the same logical ids), and the group is retained.
 */
export class JobSchedules extends Construct {
  readonly groupName = 'parent-access-jobs';
  readonly role: Role;

  constructor(scope: Construct, id: string, props: JobSchedulesProps) {
    super(scope, id);
    const group = new CfnScheduleGroup(this, 'schedule-group', { name: this.groupName });
    group.applyRemovalPolicy(RemovalPolicy.RETAIN);
    this.role = new Role(this, 'scheduler-role', { assumedBy: new ServicePrincipal('scheduler.amazonaws.com') });
    props.stateMachine.grantStartExecution(this.role);
  }
}
