import { CfnResource, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { LETTER_FONT_FILES } from '../../shared/documents/code-letters';
import {
  Choice,
  Condition,
  DefinitionBody,
  DistributedMap,
  Fail,
  JsonPath,
  LogLevel,
  StateMachine,
  StateMachineType,
  Succeed,
  TaskInput,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { EventField, Rule, RuleTargetInput } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Construct } from 'constructs';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { Access } from '../../shared/contract/route';
import { TableName } from '../../shared/data/table-schema';
import { JOB_TASKS, JobTaskDefinition } from '../job-tasks';
import { TARGET_SEGMENTS } from '../../shared/domain/jobs';
import { ServiceFunction } from './service-function';
import { nagArn } from './nag-arn';

export const DEFAULT_PAGE_CONCURRENCY = 64;

/**
 * Segments of one job worked on at once: a school's students are cut into TARGET_SEGMENTS equal
 * segments, each paging 100 students per invocation, 32 at a time (see the benchmarks for the
 * rate this reaches and what bounds it). Each job type's page worker has its own reserved
 * concurrency (64 by default), which caps the Lambda side of all jobs of that type; one job uses
 * at most half of it, and a school runs one job of a type at a time, so no school holds all of a
 * type's workers: two schools' jobs of one type run side by side at full width.
 */
export function segmentsInFlight(pageConcurrency: number): number {
  return pageConcurrency > 0 ? Math.max(1, Math.floor(pageConcurrency / 2)) : TARGET_SEGMENTS;
}
export const SEGMENT_CONCURRENCY = segmentsInFlight(DEFAULT_PAGE_CONCURRENCY);

/** Execution end states that leave a job unsettled unless something records it (the EventBridge rule). */
export const STOPPED_EXECUTION_STATUSES = ['FAILED', 'TIMED_OUT', 'ABORTED'] as const;

/** The retry of every single-shot step (plan, abandon, file, summary, settle): four more tries, 2 s apart and doubling. */
const STEP_RETRY = { errors: ['States.ALL'], interval: Duration.seconds(2), backoffRate: 2, maxAttempts: 4 };

export interface BulkJobsProps {
  tables: Record<TableName, TableV2>;
  /** Where export jobs write their parts and files. */
  exportsBucket: IBucket;
  codePepper: ISecret;
  codeVaultKey: IKey;
  /**
   * Reserved concurrency of each job type's page worker (context `jobPageConcurrency`): a cap that
   * keeps bulk jobs from starving the API, and a guarantee for them. Default 64: two jobs of the type
   * (of two schools) at full width, 32 segments each; seven types reserve 448 of the account's default 1,000 (Lambda keeps 100
   * unreserved: Lambda Developer Guide, "Configuring reserved concurrency"). 0 reserves nothing
   * (accounts whose concurrency quota is too small to reserve from).
   * @default 64 (DEFAULT_PAGE_CONCURRENCY)
   */
  pageConcurrency?: number;
}

/**
 * The bulk-job engine: a Standard state machine that plans a job, fans out over name-range
 * segments (a Distributed Map, so each segment's page loop is a child execution with its own
 * history), pages through each segment one batch per Lambda invocation with retries and
 * backoff, and summarizes. Failure accounting lives in the workers and the summary, not in
 * ItemBatcher or ToleratedFailurePercentage, so it means the same in AWS and locally.
 *
 * The schedules that start it live in the parent stack (JobSchedules): they hold data.
 */
export class BulkJobs extends Construct {
  readonly stateMachine: StateMachine;
  readonly functions: Record<JobTaskDefinition['state'], ServiceFunction>;

  constructor(scope: Construct, id: string, props: BulkJobsProps) {
    super(scope, id);
    const pageConcurrency = props.pageConcurrency ?? DEFAULT_PAGE_CONCURRENCY;
    if (!Number.isInteger(pageConcurrency) || pageConcurrency < 0) throw new Error(`pageConcurrency must be a whole number (0 for none), not ${pageConcurrency}`);
    const missing = [...new Set(JOB_TASKS.flatMap((task) => Object.keys(task.tables) as TableName[]))].filter((name) => !props.tables[name]);
    if (missing.length) throw new Error(`The job tasks name tables that do not exist: ${missing.join(', ')}`);
    this.functions = Object.fromEntries(
      JOB_TASKS.map((task) => {
        const fn = new ServiceFunction(this, `${task.state}-fn`, {
          entry: task.entry,
          memorySize: task.memorySize,
          timeout: Duration.seconds(task.timeoutSeconds),
          // Page workers are capped so that bulk jobs, however many run, leave the API room.
          reservedConcurrentExecutions: task.jobType && pageConcurrency > 0 ? pageConcurrency : undefined,
          bundledFiles: task.bundledFiles === 'letter-fonts' ? { folder: 'fonts', files: LETTER_FONT_FILES } : undefined,
        });
        for (const [name, access] of Object.entries(task.tables) as [TableName, Access][]) fn.bindTable(name, props.tables[name], access);
        if (task.usesCodePepper) fn.bindCodePepper(props.codePepper);
        if (task.codeVault) fn.bindCodeVault(props.codeVaultKey, task.codeVault);
        if (task.jobType) fn.addEnvironment('PAGE_JOB_TYPE', task.jobType);
        if (task.exportsBucket) fn.bindExportsBucket(props.exportsBucket, task.exportsBucket);
        return [task.state, fn];
      }),
    ) as Record<JobTaskDefinition['state'], ServiceFunction>;

    const invoke = (state: JobTaskDefinition['state'], payload?: TaskInput, resultPath?: string) =>
      new LambdaInvoke(this, state, { lambdaFunction: this.functions[state], payload, payloadResponseOnly: true, resultPath });

    const plan = invoke('Plan', TaskInput.fromObject({ input: JsonPath.entirePayload, executionName: JsonPath.stringAt('$$.Execution.Name') }));
    plan.addRetry(STEP_RETRY);

    // Each job type's pages go to its own worker, which holds only that type's rights (job-tasks.ts).
    const abandon = invoke('AbandonSegment');
    abandon.addRetry(STEP_RETRY);
    abandon.next(new Succeed(this, 'SegmentAbandoned'));
    const pageWorker = new Choice(this, 'PageWorker?');
    const morePages = new Choice(this, 'MorePages?').when(Condition.booleanEquals('$.more', true), pageWorker).otherwise(new Succeed(this, 'SegmentDone'));
    for (const task of JOB_TASKS.filter((t) => t.jobType)) {
      const page = invoke(task.state);
      // Transient failures (throttling past the SDK's own retries, timeouts, crashes): back off and retry the page.
      // Throttled by the page workers' cap when many jobs run at once: wait for room (up to ~20 min)
      // rather than abandon the segment. Retriers are tried in order, so this one comes first.
      page.addRetry({ errors: ['Lambda.TooManyRequestsException'], interval: Duration.seconds(5), backoffRate: 1.5, maxAttempts: 25, maxDelay: Duration.seconds(60) });
      page.addRetry({ errors: ['States.ALL'], interval: Duration.seconds(2), backoffRate: 2, maxAttempts: 5, maxDelay: Duration.seconds(60) });
      page.addCatch(abandon, { resultPath: '$.error' });
      page.next(morePages);
      pageWorker.when(Condition.stringEquals('$.job.type', task.jobType!), page);
    }
    // Plan refuses an unknown type, so this is a definition out of step with the registry.
    pageWorker.otherwise(new Fail(this, 'NoPageWorker', { error: 'NoPageWorker', cause: 'No page worker for this job type.' }));

    const fanOut = new DistributedMap(this, 'ForEachSegment', {
      itemsPath: '$.segments',
      maxConcurrency: segmentsInFlight(pageConcurrency),
      itemSelector: { job: JsonPath.objectAt('$.job'), segment: JsonPath.objectAt('$$.Map.Item.Value') },
      resultPath: JsonPath.DISCARD,
    });
    fanOut.itemProcessor(pageWorker);

    // Export jobs join their parts into one file here; other types pass through. Should it fail
    // past its retries, the summary finds no file and records the job FAILED.
    const writeFile = invoke('WriteFile', TaskInput.fromObject({ job: JsonPath.objectAt('$.job') }), JsonPath.DISCARD);
    writeFile.addRetry(STEP_RETRY);
    const summarize = invoke('Summarize', TaskInput.fromObject({ job: JsonPath.objectAt('$.job') }));
    summarize.addRetry(STEP_RETRY);
    writeFile.addCatch(summarize, { resultPath: JsonPath.DISCARD });

    // A step that fails past its retries (the plan, the fan-out as a whole, the summary) must not
    // leave the job RUNNING for ever, its dialog polling and its school's census blocked: the job
    // is recorded FAILED (CANCELLED if a cancel was asked for) with its committed counts, then
    // the execution fails, so the failed-executions alarm still fires. Only the error's name is
    // passed on: its cause may carry ids.
    const settle = invoke(
      'SettleJob',
      TaskInput.fromObject({ executionName: JsonPath.stringAt('$$.Execution.Name'), error: JsonPath.stringAt('$.error.Error'), input: JsonPath.objectAt('$$.Execution.Input') }),
    );
    settle.addRetry(STEP_RETRY);
    settle.next(new Fail(this, 'JobInterrupted', { error: 'JobInterrupted', cause: 'A step failed past its retries; the job is recorded as ended.' }));
    for (const step of [plan, fanOut, summarize]) step.addCatch(settle, { resultPath: '$.error' });

    this.stateMachine = new StateMachine(this, 'state-machine', {
      stateMachineName: 'parent-access-bulk-jobs',
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromChainable(plan.next(fanOut).next(writeFile.next(summarize))),
      tracingEnabled: true,
      logs: {
        destination: new LogGroup(this, 'logs', { retention: RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY }),
        // Every state transition, but never the data (which holds ids of children and parents).
        level: LogLevel.ALL,
        includeExecutionData: false,
      },
    });

    this.settleStoppedExecutions();
    this.acknowledgeNagFindings();
  }

  /**
   * What no catch sees: an execution stopped by an operator (StopExecution), timed out, or failed
   * in a way the definition cannot catch. Step Functions sends every status change of an execution
   * to EventBridge ("Automating Step Functions event delivery with EventBridge", Step Functions
   * Developer Guide: detail-type "Step Functions Execution Status Change", `detail.status`,
   * `detail.name`, `detail.stateMachineArn`); the Distributed Map's child executions have ARNs of
   * their own, so only the job's own execution matches. `detail.input` is the execution's input as
   * a string, which lets an execution that ended before its job was registered be recorded. The
   * local runner calls the same function when an execution ends without success.
   */
  private settleStoppedExecutions() {
    new Rule(this, 'settle-stopped-executions', {
      description: 'Records a bulk job whose execution failed, timed out or was stopped as ended, with its committed counts.',
      eventPattern: {
        source: ['aws.states'],
        detailType: ['Step Functions Execution Status Change'],
        detail: { status: [...STOPPED_EXECUTION_STATUSES], stateMachineArn: [this.stateMachine.stateMachineArn] },
      },
      targets: [
        new LambdaFunction(this.functions.SettleJob, {
          event: RuleTargetInput.fromObject({
            executionName: EventField.fromPath('$.detail.name'),
            error: EventField.fromPath('$.detail.status'),
            input: EventField.fromPath('$.detail.input'),
          }),
          // EventBridge retries a failed delivery with backoff for up to 24 hours by default; say so.
          retryAttempts: 185,
          maxEventAge: Duration.hours(24),
        }),
      ],
    });
  }

  /** The state machine role's wildcards, each for a reason CDK's own grants impose. */
  private acknowledgeNagFindings() {
    const stack = Stack.of(this);
    const role = Validations.of(this.stateMachine.role);
    for (const fn of Object.values(this.functions)) {
      const id = stack.getLogicalId(fn.node.defaultChild as CfnResource);
      role.acknowledge({ id: `AwsSolutions-IAM5[Resource::<${id}.Arn>:*]`, reason: 'Invoking any version or alias of our own task function.' });
    }
    const machineId = stack.getLogicalId(this.stateMachine.node.defaultChild as CfnResource);
    const executions = nagArn(stack, 'states', `execution:{"Fn::Select":[6,{"Fn::Split":[":",{"Ref":"${machineId}"}]}]}`);
    for (const resource of [`${executions}:*`, `${executions}/*:*`]) {
      Validations.of(this).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${resource}]`,
        reason: 'The Distributed Map manages the child executions of this state machine only.',
      });
    }
    role.acknowledge({ id: 'AwsSolutions-IAM5[Resource::*]', reason: 'X-Ray and CloudWatch Logs delivery APIs accept no resource scope.' });
  }
}
