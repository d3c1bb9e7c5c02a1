import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus, Rule, type IEventBus } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { ConfigurationSet, ConfigurationSetTlsPolicy, EmailIdentity, EmailSendingEvent, EventDestination, Identity, SuppressionReasons } from 'aws-cdk-lib/aws-ses';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { TableName } from '../../shared/data/table-schema';
import { MAIL_FUNCTIONS, type MailFunctionDefinition } from '../mail-functions';
import { ServiceFunction } from './service-function';

export interface ParentMailProps {
  /** The bus the outbox pipe puts notices on. */
  noticeBus: IEventBus;
  tables: Record<TableName, ITableV2>;
  /** The portal's address, for links in mails (the CloudFront distribution's). */
  portalUrl: string;
  /**
   * The From address (context `mailFrom`, e.g. `Springfield Schools <no-reply@schools.example.org>`).
   * Its domain becomes an SES identity, which must be verified (DNS) before SES sends from it.
   * Absent, the mailer has no sender and every notice waits in the dead-letter queue (alarmed).
   */
  mailFrom?: string;
}

/**
 * Parent mail: the mailer subscribed to the notice bus, sending through SES v2 with a
 * configuration set whose bounce and complaint events come back (to the account's default bus,
 * the only one SES publishes to) and mark the address; the account-level suppression list is on
 * for both reasons. Both rules share a dead-letter queue, alarmed; SES throttling a send fails the
 * invocation, which EventBridge retries with back-off for up to a day.
 */
export class ParentMail extends Construct {
  readonly configurationSet: ConfigurationSet;
  readonly sendNotice: ServiceFunction;
  readonly mailFeedback: ServiceFunction;
  readonly deadLetters: Queue;

  constructor(scope: Construct, id: string, props: ParentMailProps) {
    super(scope, id);
    // SES Developer Guide, "Using configuration sets": suppression per set, TLS required for delivery.
    this.configurationSet = new ConfigurationSet(this, 'configuration-set', {
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
      reputationMetrics: true,
    });
    // SES publishes to the default event bus only (SES Developer Guide, "Set up an Amazon EventBridge event destination").
    const defaultBus = EventBus.fromEventBusName(this, 'default-bus', 'default');
    this.configurationSet.addEventDestination('feedback-to-eventbridge', {
      destination: EventDestination.eventBus(defaultBus),
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT, EmailSendingEvent.DELIVERY],
    });
    const domain = props.mailFrom ? /@([^>\s]+)>?\s*$/.exec(props.mailFrom)?.[1] : undefined;
    if (props.mailFrom && !domain) throw new Error(`mailFrom "${props.mailFrom}" has no address with a domain`);
    const identity = domain ? new EmailIdentity(this, 'identity', { identity: Identity.domain(domain), configurationSet: this.configurationSet }) : undefined;

    this.deadLetters = new Queue(this, 'dead-letters', { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: Duration.days(14) });
    Validations.of(this.deadLetters).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'This queue is itself the dead-letter queue of the mail rules.' });

    this.sendNotice = this.mailFunction(MAIL_FUNCTIONS.sendNotice, props.tables, {
      MAIL_CONFIGURATION_SET: this.configurationSet.configurationSetName,
      PORTAL_URL: props.portalUrl,
      ...(props.mailFrom ? { MAIL_FROM: props.mailFrom } : {}),
    });
    if (identity) {
      const arn = (resource: string) => Stack.of(this).formatArn({ service: 'ses', resource });
      this.sendNotice.addToRolePolicy(
        new PolicyStatement({
          actions: ['ses:SendEmail'],
          resources: [arn(`identity/${domain}`), arn(`configuration-set/${this.configurationSet.configurationSetName}`)],
        }),
      );
    }
    this.mailFeedback = this.mailFunction(MAIL_FUNCTIONS.mailFeedback, props.tables, {});

    // EventBridge retries an async target for up to 24 hours; past that a notice waits here.
    const target = (fn: ServiceFunction) => new LambdaFunction(fn, { deadLetterQueue: this.deadLetters, retryAttempts: 50, maxEventAge: Duration.hours(24) });
    new Rule(this, 'notices-to-mailer', {
      eventBus: props.noticeBus,
      eventPattern: { source: ['parent-access'], detailType: ['parent-notice'] },
      targets: [target(this.sendNotice)],
    });
    new Rule(this, 'ses-feedback', {
      eventBus: defaultBus,
      eventPattern: { source: ['aws.ses'], detailType: ['Email Bounced', 'Email Complaint Received', 'Email Delivered'], detail: { mail: { tags: { 'ses:configuration-set': [this.configurationSet.configurationSetName] } } } },
      targets: [target(this.mailFeedback)],
    });

  }

  /**
   * The dead-letter queue's alarm, made in `scope` (the parent stack, beside the notices' own):
   * in this nested stack it would need the monitoring stack's topic, which needs this stack's
   * functions. The functions' error, throttle and duration alarms are the monitoring stack's, as
   * for every function.
   */
  deadLetterAlarm(scope: Construct, id: string): Alarm {
    return new Alarm(scope, id, {
      alarmDescription: 'Parent mail gave up on a notice or an SES feedback event after a day of retries; it waits in the dead-letter queue.',
      metric: this.deadLetters.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }

  private mailFunction(definition: MailFunctionDefinition, tables: Record<TableName, ITableV2>, environment: Record<string, string>): ServiceFunction {
    const fn = new ServiceFunction(this, definition.name, {
      entry: definition.entry,
      timeout: Duration.seconds(definition.timeoutSeconds),
      memorySize: 512,
      environment,
    });
    for (const [name, access] of Object.entries(definition.tables) as [TableName, MailFunctionDefinition['tables'][TableName]][]) fn.bindTable(name, tables[name], access!);
    return fn;
  }
}
