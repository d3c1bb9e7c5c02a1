import { Arn, ArnFormat, Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm, ComparisonOperator, Dashboard, GraphWidget, IMetric, MathExpression, Metric, TextWidget, TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { METRIC_NAMESPACE, METRICS, SERVICE_NAME } from '../../shared/metric-names';
import { JOB_TYPES } from '../../shared/jobs/registry';
import type { ServiceFunction } from './service-function';

export interface MonitoringProps {
  api: HttpApi;
  functions: Record<string, ServiceFunction>;
  tables: Record<string, TableV2>;
  stateMachine: StateMachine;
  /** Alarms made elsewhere (the notice dead-letter queue) that should notify too. */
  otherAlarms: Alarm[];
  /** Addresses that get every alarm (context `alarmEmails`, comma-separated). */
  alarmEmails?: string[];
  /** Failed redeems or sign-ins in five minutes that count as guessing (context `guessingThresholds`). */
  guessing?: { perSchool: number; perDistrict: number };
}

const FIVE_MINUTES = Duration.minutes(5);

/**
 * A Lambda metric of one function, its name taken from its ARN (ARN field 6). The functions live
 * in other stacks, and each value they share with this one is an output there and a parameter
 * here: the ARN is one the parent's integrations need already, so naming by it costs no second
 * output per function (AWS CloudFormation quotas: 200 outputs, 200 parameters per template).
 */
function lambdaMetric(fn: ServiceFunction, metricName: 'Errors' | 'Throttles' | 'Duration', statistic: 'Sum' | 'Maximum' = 'Sum'): Metric {
  const functionName = Arn.split(fn.functionArn, ArnFormat.COLON_RESOURCE_NAME).resourceName!;
  return new Metric({ namespace: 'AWS/Lambda', metricName, dimensionsMap: { FunctionName: functionName }, period: FIVE_MINUTES, statistic });
}

/** Functions of one timeout, at most 10 to a group (an alarm's metric math uses at most 10 metrics). */
export function functionGroups(functions: Record<string, ServiceFunction>): [string, ServiceFunction][][] {
  const byTimeout = new Map<number, [string, ServiceFunction][]>();
  for (const entry of Object.entries(functions)) {
    const timeout = (entry[1].timeout ?? Duration.seconds(3)).toSeconds();
    byTimeout.set(timeout, [...(byTimeout.get(timeout) ?? []), entry]);
  }
  return [...byTimeout.values()].flatMap((same) => Array.from({ length: Math.ceil(same.length / 10) }, (_, i) => same.slice(i * 10, i * 10 + 10)));
}

/** A Metrics Insights schema: exactly the dimension set the functions publish (Powertools adds `service`). */
function schemaOf(dimensions: string[]): string {
  return `SCHEMA("${METRIC_NAMESPACE}", ${['service', ...dimensions].join(', ')})`;
}
export const DEFAULT_GUESSING = { perSchool: 50, perDistrict: 200 };

/**
 * Alarms, their notification topic and one dashboard. Every alarm goes to one SNS topic whose
 * subscribers come from context. Guessing is watched per school and per district with Metrics
 * Insights queries, so new schools are covered without a deployment.
 */
export class Monitoring extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const key = new Key(this, 'topic-key', { description: 'Encrypts the alarm topic', enableKeyRotation: true });
    key.grantEncryptDecrypt(new ServicePrincipal('cloudwatch.amazonaws.com'));
    this.topic = new Topic(this, 'alarms', { displayName: 'Parent Access alarms', masterKey: key, enforceSSL: true });
    for (const email of props.alarmEmails ?? []) this.topic.addSubscription(new EmailSubscription(email));
    const guessing = props.guessing ?? DEFAULT_GUESSING;

    // ---- The API ----
    this.alarm('api-5xx', 'The API answered 5xx: a bug or an outage.', props.api.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' }), 5);
    this.alarm('api-latency', 'The API is slow: p99 latency above 5 s for 15 minutes.', props.api.metricLatency({ period: FIVE_MINUTES, statistic: 'p99' }), 5000, 3);

    // ---- Functions: errors, throttles, and duration near the timeout ----
    // Grouped (functions of one timeout, up to 10 a group, the most one alarm's metric math may
    // use) rather than three alarms per function: a stack may hold 500 resources, and 33
    // functions × 3 would be a fifth of them. The dashboard shows which function it was.
    for (const [index, group] of functionGroups(props.functions).entries()) {
      const names = group.map(([name]) => name).join(', ');
      const timeoutMs = (group[0]![1].timeout ?? Duration.seconds(3)).toMilliseconds();
      const across = (statistic: 'SUM' | 'MAX', metricOf: (fn: ServiceFunction) => IMetric) =>
        new MathExpression({
          expression: `${statistic}([${group.map((_, i) => `m${i}`).join(', ')}])`,
          usingMetrics: Object.fromEntries(group.map(([, fn], i) => [`m${i}`, metricOf(fn)])),
          period: FIVE_MINUTES,
        });
      this.alarm(`functions-${index}-errors`, `Failed invocations of one of: ${names}.`, across('SUM', (fn) => lambdaMetric(fn, 'Errors')), 0);
      this.alarm(`functions-${index}-throttles`, `Throttled invocations of one of: ${names}.`, across('SUM', (fn) => lambdaMetric(fn, 'Throttles')), 0, 3);
      this.alarm(`functions-${index}-duration`, `One of ${names} ran within 20 % of its ${timeoutMs / 1000} s timeout.`, across('MAX', (fn) => lambdaMetric(fn, 'Duration', 'Maximum')), timeoutMs * 0.8);
    }

    // ---- DynamoDB throttling, per table ----
    for (const [name, table] of Object.entries(props.tables)) {
      const throttled = table.metricThrottledRequestsForOperations({
        operations: ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query', 'BatchGetItem', 'TransactWriteItems'].map((o) => o as never),
        period: FIVE_MINUTES,
      });
      this.alarm(`${name}-table-throttled`, `DynamoDB throttled requests to the ${name} table.`, throttled, 10);
    }

    // ---- Bulk jobs ----
    this.alarm('jobs-execution-failed', 'A bulk-job execution failed.', props.stateMachine.metricFailed({ period: FIVE_MINUTES, statistic: 'Sum' }), 0);
    for (const type of JOB_TYPES) {
      this.alarm(`job-${type}-failed`, `A ${type} job ended FAILED.`, this.metric(METRICS.jobsFailed, { jobType: type }), 0);
      this.alarm(`job-${type}-abandoned`, `A ${type} job gave up a segment after its retries.`, this.metric(METRICS.jobSegmentsAbandoned, { jobType: type }), 0);
    }

    // ---- Guessing: failed redeems and sign-ins above a threshold in five minutes ----
    this.alarm('guessing-redeem-school', `More than ${guessing.perSchool} failed code redeems at one school in 5 minutes.`, this.topContributor(METRICS.redeemFailed, ['districtId', 'schoolId']), guessing.perSchool);
    this.alarm('guessing-redeem-district', `More than ${guessing.perDistrict} failed code redeems in one district in 5 minutes.`, this.topContributor(METRICS.redeemFailed, ['districtId']), guessing.perDistrict);
    this.alarm('guessing-sign-in-district', `More than ${guessing.perDistrict} failed sign-ins in one district in 5 minutes.`, this.topContributor(METRICS.signInFailed, ['districtId']), guessing.perDistrict);
    this.alarm('guessing-one-address', 'One address failed code redeems for many parents.', this.topContributor(METRICS.redeemFailuresFromOneAddress, ['districtId']), 0);

    for (const alarm of props.otherAlarms) alarm.addAlarmAction(new SnsAction(this.topic));
    this.dashboard = this.buildDashboard(props);
  }

  private alarm(id: string, description: string, metric: IMetric, threshold: number, evaluationPeriods = 1): Alarm {
    const alarm = new Alarm(this, id, {
      alarmDescription: description,
      metric,
      threshold,
      evaluationPeriods,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
    this.alarms.push(alarm);
    return alarm;
  }

  private metric(name: string, dimensions: Record<string, string>): Metric {
    return new Metric({ namespace: METRIC_NAMESPACE, metricName: name, dimensionsMap: { service: SERVICE_NAME, ...dimensions }, period: FIVE_MINUTES, statistic: 'Sum' });
  }

  /**
   * The largest five-minute sum of a metric across one dimension set (the school or district with
   * the most), as a CloudWatch Metrics Insights query: one alarm covers every school, present and future.
   */
  private topContributor(name: string, dimensions: string[]): MathExpression {
    return new MathExpression({
      expression: `SELECT SUM(${name}) FROM ${schemaOf(dimensions)} WHERE service = '${SERVICE_NAME}' GROUP BY ${dimensions.join(', ')} ORDER BY SUM() DESC LIMIT 1`,
      usingMetrics: {},
      period: FIVE_MINUTES,
      label: `${name}, top ${dimensions.at(-1)}`,
    });
  }

  private buildDashboard(props: MonitoringProps): Dashboard {
    const dashboard = new Dashboard(this, 'dashboard', { dashboardName: 'ParentAccess', defaultInterval: Duration.hours(3) });
    const insights = (name: string, dimensions: string[], label: string) =>
      new MathExpression({
        expression: `SELECT SUM(${name}) FROM ${schemaOf(dimensions)} WHERE service = '${SERVICE_NAME}' GROUP BY ${dimensions.join(', ')} ORDER BY SUM() DESC LIMIT 10`,
        usingMetrics: {},
        period: FIVE_MINUTES,
        label,
      });
    dashboard.addWidgets(
      new TextWidget({ markdown: '# Parent Access\nTraffic, errors, latency, bulk jobs and guessing. Runbook: docs/runbook.md in the repository.', width: 24, height: 2 }),
    );
    dashboard.addWidgets(
      new GraphWidget({ title: 'API requests and errors', left: [props.api.metricCount({ period: FIVE_MINUTES }), props.api.metricClientError({ period: FIVE_MINUTES }), props.api.metricServerError({ period: FIVE_MINUTES })], width: 8 }),
      new GraphWidget({ title: 'API latency (p50, p99)', left: [props.api.metricLatency({ period: FIVE_MINUTES, statistic: 'p50' }), props.api.metricLatency({ period: FIVE_MINUTES, statistic: 'p99' })], width: 8 }),
      new GraphWidget({ title: 'Function errors', left: Object.values(props.functions).map((fn) => lambdaMetric(fn, 'Errors')), legendPosition: undefined, width: 8 }),
    );
    dashboard.addWidgets(
      new GraphWidget({
        title: 'Bulk jobs: items done and failed',
        left: JOB_TYPES.flatMap((type) => [this.metric(METRICS.jobItemsProcessed, { jobType: type }), this.metric(METRICS.jobItemsFailed, { jobType: type })]),
        width: 8,
      }),
      new GraphWidget({ title: 'Failed redeems by school (top 10)', left: [insights(METRICS.redeemFailed, ['districtId', 'schoolId'], 'failed redeems')], width: 8 }),
      new GraphWidget({ title: 'Sign-ins failed and throttled by district', left: [insights(METRICS.signInFailed, ['districtId'], 'failed'), insights(METRICS.signInThrottled, ['districtId'], 'throttled')], width: 8 }),
    );
    return dashboard;
  }
}
