import { EventBus } from 'aws-cdk-lib/aws-events';
import { Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { CfnPipe } from 'aws-cdk-lib/aws-pipes';
import { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, IMetric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';

/**
 * Notices for parents (password set, link added or removed): every change writes an outbox item
 * in its own transaction; an EventBridge Pipe carries each new item from the table's stream to
 * the `parent-access` bus, where a mail service subscribes. No code of ours runs in between,
 * and an event exists exactly when its change committed.
 */
export class NoticeEvents extends Construct {
  readonly bus: EventBus;
  /** Notices the pipe gave up on (after its retries): they land here instead of being dropped. */
  readonly deadLetters: Queue;
  /** Dead letters waiting: alarm on anything above zero. */
  readonly deadLetterMetric: IMetric;
  readonly deadLetterAlarm: Alarm;

  constructor(scope: Construct, id: string, props: { outbox: TableV2 }) {
    super(scope, id);
    this.bus = new EventBus(this, 'bus', { eventBusName: 'parent-access' });
    const role = new Role(this, 'pipe-role', { assumedBy: new ServicePrincipal('pipes.amazonaws.com') });
    props.outbox.grantStreamRead(role);
    this.bus.grantPutEventsTo(role);
    this.deadLetters = new Queue(this, 'dead-letters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetters).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'This queue is itself the dead-letter queue of the outbox pipe.' });
    this.deadLetters.grantSendMessages(role);
    this.deadLetterMetric = this.deadLetters.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' });
    this.deadLetterAlarm = new Alarm(this, 'dead-letter-alarm', {
      alarmDescription: 'Parent notices could not be delivered to the event bus; they wait in the dead-letter queue.',
      metric: this.deadLetterMetric,
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    new CfnPipe(this, 'outbox-pipe', {
      roleArn: role.roleArn,
      source: props.outbox.tableStreamArn!,
      sourceParameters: {
        dynamoDbStreamParameters: {
          startingPosition: 'TRIM_HORIZON',
          batchSize: 10,
          maximumRetryAttempts: 10,
          deadLetterConfig: { arn: this.deadLetters.queueArn },
        },
        // New outbox items only; TTL deletions are not notices.
        filterCriteria: { filters: [{ pattern: JSON.stringify({ eventName: ['INSERT'] }) }] },
      },
      target: this.bus.eventBusArn,
      targetParameters: {
        eventBridgeEventBusParameters: { source: 'parent-access', detailType: 'parent-notice' },
        inputTemplate: JSON.stringify({
          type: '<$.dynamodb.NewImage.type.S>',
          at: '<$.dynamodb.NewImage.at.S>',
          districtId: '<$.dynamodb.NewImage.districtId.S>',
          parentId: '<$.dynamodb.NewImage.parentId.S>',
          eventId: '<$.dynamodb.NewImage.eventId.S>',
        }),
      },
    });
  }
}
