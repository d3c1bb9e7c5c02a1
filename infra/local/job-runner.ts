import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { StateMachine } from 'aws-local-stepfunctions';
import type { Context } from 'aws-lambda';
import { BulkJobsStack } from '../stacks/bulk-jobs-stack';
import { DataTables } from '../constructs/data-tables';
import { JOB_TASKS, type JobTaskDefinition } from '../job-tasks';
import { localBindings } from '../../shared/config';
import type { JobStarter } from '../../shared/ports/job-starter';
import { lambdaContext } from './lambda-context';

type Definition = ConstructorParameters<typeof StateMachine>[0];
type Template = { Resources: Record<string, { Type: string; Properties?: any }> };

/**
 * The state machine's definition in a synthesized template (the jobs nested stack's), with
 * function ARNs filled in so it is plain ASL: each task's ARN names its function's logical id.
 */
export function jobDefinitionOf(template: Template): Definition {
  const machines = Object.values(template.Resources).filter((r) => r.Type === 'AWS::StepFunctions::StateMachine');
  if (machines.length !== 1) throw new Error(`Expected one state machine in the template, found ${machines.length}`);
  const resolveToken = (value: unknown): string => {
    if (typeof value === 'string') return value;
    const token = value as Record<string, unknown>;
    if (token['Fn::GetAtt']) return `arn:aws:lambda:us-east-1:000000000000:function:${(token['Fn::GetAtt'] as string[])[0]}`;
    if (token.Ref === 'AWS::Partition') return 'aws';
    if (token.Ref === 'AWS::Region') return 'us-east-1';
    if (token.Ref === 'AWS::AccountId') return '000000000000';
    throw new Error(`Unexpected token in the state machine definition: ${JSON.stringify(token)}`);
  };
  const [separator, parts] = machines[0]!.Properties.DefinitionString['Fn::Join'] as [string, unknown[]];
  return JSON.parse(parts.map(resolveToken).join(separator)) as Definition;
}

let synthesized: string | undefined;

/**
 * The bulk-job state machine exactly as CDK synthesizes it: the same BulkJobsStack the service
 * deploys, under a bare parent that holds stand-ins for what it is bound to (tables, bucket,
 * secret, key), with bundling skipped. The definition depends on none of them; the infra tests
 * check it equals the one in the full synthesis. Synthesized once per process.
 */
export function synthesizedJobDefinition(): Definition {
  if (!synthesized) {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const parent = new Stack(app, 'ParentAccess');
    const jobs = new BulkJobsStack(parent, 'bulk-jobs', {
      tables: new DataTables(parent, 'data').tables,
      exportsBucket: new Bucket(parent, 'exports'),
      codePepper: new Secret(parent, 'code-pepper'),
      codeVaultKey: new Key(parent, 'code-vault-key'),
    });
    const assembly = app.synth();
    synthesized = JSON.stringify(jobDefinitionOf(JSON.parse(readFileSync(join(assembly.directory, jobs.templateFile), 'utf8')) as Template));
  }
  return JSON.parse(synthesized) as Definition;
}

/**
 * Step Functions refuses a state input or output over 256 KiB with States.DataLimitExceeded
 * (Step Functions Developer Guide, "Step Functions service quotas": maximum input or output size
 * for a task, state, or execution, 256 KiB of data as a UTF-8 encoded string). The local
 * interpreter does not, so every task is wrapped to fail the same way.
 */
export const STEP_FUNCTIONS_PAYLOAD_BYTES = 256 * 1024;

export class DataLimitExceeded extends Error {
  constructor(what: string, bytes: number) {
    super(`The state ${what} has ${bytes} bytes, over the ${STEP_FUNCTIONS_PAYLOAD_BYTES}-byte limit.`);
    this.name = 'States.DataLimitExceeded';
  }
}

function withinPayloadLimit(task: (input: any) => Promise<unknown>) {
  const check = (what: string, value: unknown) => {
    const bytes = Buffer.byteLength(JSON.stringify(value ?? null), 'utf8');
    if (bytes > STEP_FUNCTIONS_PAYLOAD_BYTES) throw new DataLimitExceeded(what, bytes);
  };
  return async (input: unknown) => {
    check('input', input);
    const output = await task(input);
    check('output', output);
    return output;
  };
}

/**
 * A task reaches only the tables the stack binds to its function, and on them only the actions it
 * is granted (shared/config.ts, localBindings; shared/data/local-grants.ts); a page worker also
 * knows its job type, as PAGE_JOB_TYPE tells it in Lambda.
 */
function boundTo(task: JobTaskDefinition, run: (input: any) => Promise<unknown>) {
  const bound = { functionName: task.state, tables: task.tables, ...(task.jobType ? { pageJobType: task.jobType } : {}) };
  return (input: unknown) => localBindings.run(bound, () => run(input));
}

export interface LocalExecution {
  jobId: string;
  result: Promise<unknown>;
  events: { type: string; [key: string]: unknown }[];
  /** Settles when the execution's event log has ended and every event is in `events`. */
  drained: Promise<void>;
  /** Settles once an unsuccessful end has been reported to SettleJob (at once after a success). */
  reported: Promise<void>;
}

export interface LocalJobRunner extends JobStarter {
  executions: Map<string, LocalExecution>;
  /** Resolves when the job's execution ends (tests and the CLI). */
  wait(jobId: string): Promise<LocalExecution>;
  /** Resolves when every execution started so far has ended. */
  idle(): Promise<void>;
}

/**
 * Runs jobs on aws-local-stepfunctions: each Task state (by name) calls the same handler file
 * its Lambda runs. `retryPauseMs` shortens Retry pauses for tests; the Retry policy still applies.
 * A test's handler for `ProcessPage` stands in for every job type's page worker.
 */
export function createLocalJobRunner(options: { retryPauseMs?: number; handlers?: Partial<Record<string, (input: any) => Promise<unknown>>> } = {}): LocalJobRunner {
  const definition = synthesizedJobDefinition();
  const machine = new StateMachine(definition, { validationOptions: { checkArn: false, checkPaths: false } });
  const handlers = Object.fromEntries(
    JOB_TASKS.map((task) => [
      task.state,
      withinPayloadLimit(
        boundTo(
          task,
          options.handlers?.[task.state] ??
            (task.jobType ? options.handlers?.ProcessPage : undefined) ??
            (async (input: unknown) => {
              const module = require(resolve(__dirname, '../..', task.entry)) as { handler: (e: unknown, c: Context) => Promise<unknown> };
              return module.handler(input, lambdaContext(task.state, '1024', 300_000));
            }),
        ),
      ),
    ]),
  );
  const retryStates = JOB_TASKS.map((task) => task.state);
  const executions = new Map<string, LocalExecution>();
  return {
    executions,
    async start(jobId, input) {
      if (executions.has(jobId)) return; // the same name never runs twice, as in Step Functions
      const run = machine.run(input as never, {
        overrides: {
          taskResourceLocalHandlers: handlers as never,
          ...(options.retryPauseMs !== undefined
            ? { retryIntervalOverrides: Object.fromEntries(retryStates.map((s) => [s, options.retryPauseMs!])) }
            : {}),
        },
        context: { Execution: { Name: jobId, Input: input, StartTime: new Date().toISOString() } } as never,
      });
      const events: LocalExecution['events'] = [];
      // The event log ends when the execution does (the interpreter closes it), so this settles
      // once every event, the last retries included, is recorded.
      const drained = (async () => {
        for await (const event of run.eventLogs) events.push(event as never);
      })();
      // As the EventBridge rule does in AWS (BulkJobs.settleStoppedExecutions): an execution that
      // ends without success is reported to SettleJob, which records its job if nothing did.
      const reported = run.result.then(
        () => undefined,
        () => handlers.SettleJob!({ executionName: jobId, error: 'FAILED', input: JSON.stringify(input) }).then(() => undefined, () => undefined),
      );
      const execution: LocalExecution = { jobId, result: run.result, events, drained, reported };
      executions.set(jobId, execution);
      run.result.catch(() => undefined);
    },
    async wait(jobId) {
      const execution = executions.get(jobId);
      if (!execution) throw new Error(`No local execution named ${jobId}`);
      await execution.result.catch(() => undefined);
      await execution.drained;
      await execution.reported;
      return execution;
    },
    async idle() {
      await Promise.all([...executions.keys()].map((jobId) => this.wait(jobId)));
    },
  };
}
