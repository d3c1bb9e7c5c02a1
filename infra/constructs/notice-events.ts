import { EventBus } from 'aws-cdk-lib/aws-events';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { CfnPipe } from 'aws-cdk-lib/aws-pipes';
import { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';

/**
 * Notices for parents (password set, link added or removed): every change writes an outbox item
 * in its own transaction; an EventBridge Pipe carries each new item from the table's stream to
 * the `parent-access` bus, where a mail service subscribes. No code of ours runs in between,
 * and an event exists exactly when its change committed.
 */
export class NoticeEvents extends Construct {
  readonly bus: EventBus;

  constructor(scope: Construct, id: string, props: { outbox: TableV2 }) {
    super(scope, id);
    this.bus = new EventBus(this, 'bus', { eventBusName: 'parent-access' });
    const role = new Role(this, 'pipe-role', { assumedBy: new ServicePrincipal('pipes.amazonaws.com') });
    props.outbox.grantStreamRead(role);
    this.bus.grantPutEventsTo(role);
    new CfnPipe(this, 'outbox-pipe', {
      roleArn: role.roleArn,
      source: props.outbox.tableStreamArn!,
      sourceParameters: {
        dynamoDbStreamParameters: { startingPosition: 'TRIM_HORIZON', batchSize: 10, maximumRetryAttempts: 10 },
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
