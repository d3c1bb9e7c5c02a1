import { NestedStack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { Monitoring, type MonitoringProps } from '../constructs/monitoring';

/**
 * Alarms, their topic and the dashboard in a nested stack of their own: about sixty resources
 * that grow with the functions, kept out of the parent's budget. What it watches arrives as
 * parameters (one per function ARN, table name, the API and the state machine).
 */
export class MonitoringStack extends NestedStack {
  readonly monitoring: Monitoring;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id, { description: 'Parent Access: alarms, their topic and the dashboard' });
    this.monitoring = new Monitoring(this, 'monitoring', props);
  }
}
