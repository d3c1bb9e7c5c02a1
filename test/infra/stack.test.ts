import { App, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ParentAccessStack } from '../../infra/stacks/parent-access-stack';
import { composeApp } from '../../infra/compose';
import { ROUTES } from '../../shared/contract/routes';
import { JOB_TASKS } from '../../infra/job-tasks';
import { SEGMENT_CONCURRENCY } from '../../infra/constructs/bulk-jobs';
import { synthesizedJobDefinition } from '../../infra/local/job-runner';
import { TABLE_NAMES, tableEnvVar } from '../../shared/data/table-schema';
import { PERMISSIONS } from '../../shared/domain/principal';

// Skip esbuild bundling: these tests are about the template, and `npx cdk synth` bundles for real.
const newApp = () => new App({ context: { 'aws:cdk:bundling-stacks': [] } });

function synth(props: ConstructorParameters<typeof ParentAccessStack>[2] = {}) {
  const app = newApp();
  const stack = new ParentAccessStack(app, 'Test', props);
  return { app, stack, template: Template.fromStack(stack) };
}

const { stack, template } = synth();
const resources = template.toJSON().Resources as Record<string, { Type: string; Properties: any; DeletionPolicy?: string }>;
const logicalIdOf = (construct: { node: { defaultChild?: unknown } }) => stack.getLogicalId(construct.node.defaultChild as never);

test('every table is on-demand, point-in-time recoverable, deletion protected and retained', () => {
  const tables = Object.values(resources).filter((r) => r.Type === 'AWS::DynamoDB::GlobalTable');
  expect(tables).toHaveLength(TABLE_NAMES.length);
  for (const table of tables) {
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.Properties.BillingMode).toBe('PAY_PER_REQUEST');
    expect(table.Properties.Replicas[0].DeletionProtectionEnabled).toBe(true);
    expect(table.Properties.Replicas[0].PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled).toBe(true);
  }
});

test('the students index projects no code attributes, so a Reset All never writes it', () => {
  template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
    GlobalSecondaryIndexes: Match.arrayWith([
      Match.objectLike({ IndexName: 'bySchool', Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: Match.not(Match.arrayWith(['code'])) } }),
    ]),
  });
});

test('every declared route exists once; all but sign-in and key discovery sit behind a JWT authorizer', () => {
  const routes = Object.values(resources).filter((r) => r.Type === 'AWS::ApiGatewayV2::Route');
  expect(routes.map((r) => r.Properties.RouteKey).sort()).toEqual(ROUTES.map((r) => `${r.method} ${r.path}`).sort());
  const open = routes.filter((r) => r.Properties.AuthorizationType !== 'JWT').map((r) => r.Properties.RouteKey).sort();
  expect(open).toEqual(['GET /.well-known/jwks.json', 'GET /.well-known/openid-configuration', 'GET /openapi.json', 'POST /auth/new-password', 'POST /auth/sign-in']);
  for (const route of routes.filter((r) => r.Properties.AuthorizationType === 'JWT')) {
    const declared = ROUTES.find((d) => `${d.method} ${d.path}` === route.Properties.RouteKey)!;
    const authorizer = resources[route.Properties.AuthorizerId.Ref]!;
    expect({ route: declared.id, authorizer: authorizer.Properties.Name }).toEqual({ route: declared.id, authorizer: `${declared.auth}-jwt` });
  }
});

test('parent tokens are signed in KMS, and only by sign-in and the password step', () => {
  template.hasResourceProperties('AWS::KMS::Key', { KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' });
  const signers = Object.values(resources)
    .filter((r) => r.Type === 'AWS::IAM::Policy')
    .filter((p) => JSON.stringify(p.Properties.PolicyDocument).includes('kms:Sign'))
    .flatMap((p) => p.Properties.Roles.map((role: { Ref: string }) => role.Ref));
  const expected = ROUTES.filter((r) => r.parentTokenKey === 'sign').map((r) => logicalIdOf(stack.api.functions[r.id]!.role as never));
  expect(signers.sort()).toEqual(expected.sort());
});

test('outbox items reach the notice bus through a pipe, new items only', () => {
  template.hasResourceProperties('AWS::Pipes::Pipe', {
    SourceParameters: { FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ eventName: ['INSERT'] }) }] } },
  });
  template.hasResourceProperties('AWS::Events::EventBus', { Name: 'parent-access' });
});

test('each function is bound to exactly its declared tables, writing only where declared', () => {
  for (const route of ROUTES) {
    const fn = stack.api.functions[route.id]!;
    const env = resources[logicalIdOf(fn)]!.Properties.Environment.Variables;
    const boundTables = TABLE_NAMES.filter((t) => env[tableEnvVar(t)] !== undefined);
    expect({ route: route.id, tables: boundTables.sort() }).toEqual({ route: route.id, tables: Object.keys(route.tables).sort() });

    const policies = Object.values(resources).filter(
      (r) => r.Type === 'AWS::IAM::Policy' && r.Properties.Roles.some((role: { Ref: string }) => role.Ref === logicalIdOf(fn.role as never)),
    );
    const statements = policies.flatMap((p) => p.Properties.PolicyDocument.Statement);
    for (const table of TABLE_NAMES) {
      const tableId = logicalIdOf(stack.data.tables[table]);
      const onTable = statements.filter((s) => JSON.stringify(s.Resource).includes(tableId));
      const actions = onTable.flatMap((s) => [s.Action].flat());
      const access = route.tables[table] ?? 'none';
      const granted = actions.length === 0 ? 'none' : actions.join() === 'dynamodb:PutItem' ? 'append' : !actions.includes('dynamodb:GetItem') ? 'other' : actions.includes('dynamodb:PutItem') ? 'write' : 'read';
      expect({ route: route.id, table, granted }).toEqual({ route: route.id, table, granted: access });
    }
    const readsSecret = statements.some((s) => [s.Action].flat().includes('secretsmanager:GetSecretValue'));
    // The code pepper, or the origin secret that makes the viewer address believable.
    expect({ route: route.id, readsSecret }).toEqual({ route: route.id, readsSecret: Boolean(route.usesCodePepper || route.usesClientAddress) });
  }
});

test('codes at rest: only code-issuing functions may make data keys, only the list, the exports, the letters and the export jobs\' pages may decrypt, redeem neither', () => {
  const roleOf = (fn: unknown) => logicalIdOf((fn as { role: never }).role);
  // Statements on the code vault's key: every one is scoped to the code purpose's encryption context.
  const onVault = (st: { Condition?: Record<string, Record<string, string>> }) => st.Condition?.StringEquals?.['kms:EncryptionContext:purpose'] === 'parent-access-code';
  const holders = (action: string) =>
    Object.values(resources)
      .filter((r) => r.Type === 'AWS::IAM::Policy')
      .filter((p) => p.Properties.PolicyDocument.Statement.some((st: { Action: string | string[] }) => onVault(st as never) && [st.Action].flat().includes(action)))
      .flatMap((p) => p.Properties.Roles.map((role: { Ref: string }) => role.Ref))
      .sort();
  const declared = (use: 'seal' | 'open') => [
    ...ROUTES.filter((r) => r.codeVault === use).map((r) => roleOf(stack.api.functions[r.id])),
    ...JOB_TASKS.filter((t) => t.codeVault === use || (use === 'open' && t.opensCodes)).map((t) => roleOf(stack.jobs.functions[t.state])),
  ].sort();
  expect(holders('kms:GenerateDataKey')).toEqual(declared('seal'));
  expect(holders('kms:Decrypt')).toEqual(declared('open'));
  // The page worker opens codes for the rows of whole-school exports.
  expect(declared('open')).toEqual([...['list-students', 'export-codes', 'code-letters'].map((id) => roleOf(stack.api.functions[id])), roleOf(stack.jobs.functions.ProcessPage)].sort());
  expect(holders('kms:Decrypt')).not.toContain(roleOf(stack.api.functions['redeem-code']));
});

// Finding: "the audit table is not append-only (19 roles may update or delete it)".
test('the audit table is not append-only: no role may update, delete or batch-write audit items', () => {
  const auditId = logicalIdOf(stack.data.tables.audit);
  const statements = Object.values(resources)
    .filter((r) => r.Type === 'AWS::IAM::Policy')
    .flatMap((p) => p.Properties.PolicyDocument.Statement)
    .filter((s) => JSON.stringify(s.Resource).includes(auditId));
  const actions = new Set(statements.flatMap((s) => [s.Action].flat()));
  expect(actions.has('dynamodb:PutItem')).toBe(true);
  for (const forbidden of ['dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 'dynamodb:*']) {
    expect({ forbidden, granted: actions.has(forbidden) }).toEqual({ forbidden, granted: false });
  }
});

test('the letters function carries its fonts; no other function does', () => {
  const withHooks = ROUTES.filter((r) => r.bundledFiles).map((r) => r.id);
  expect(withHooks).toEqual(['code-letters']);
});

test('functions run Node.js 22 and log only to their own group', () => {
  // CDK's BucketDeployment helper (it uploads the console) runs CDK's own runtime and role.
  const ours = (id: string) => !id.startsWith('CustomCDKBucketDeployment');
  const functions = Object.entries(resources).filter(([id, r]) => r.Type === 'AWS::Lambda::Function' && ours(id)).map(([, r]) => r);
  for (const fn of functions) expect(fn.Properties.Runtime).toBe('nodejs22.x');
  template.resourceCountIs('AWS::IAM::ManagedPolicy', 0);
  expect(functions.length).toBe(ROUTES.length + JOB_TASKS.length);
  for (const role of Object.entries(resources).filter(([id, r]) => r.Type === 'AWS::IAM::Role' && ours(id)).map(([, r]) => r)) {
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
  }
});

test('without an external issuer, staff sign in through a Cognito pool with MFA and permission groups', () => {
  template.resourceCountIs('AWS::Cognito::UserPool', 1);
  template.hasResourceProperties('AWS::Cognito::UserPool', { MfaConfiguration: 'ON', AdminCreateUserConfig: { AllowAdminCreateUserOnly: true } });
  template.resourceCountIs('AWS::Cognito::UserPoolGroup', PERMISSIONS.length);
});

// Finding: "staff may rewrite their own tenancy". The app client's write attributes decide what
// a user's own access token may change through UpdateUserAttributes.
test('staff may rewrite their own tenancy: the console client cannot write custom:district or custom:schools', () => {
  const client = Object.values(resources).find((r) => r.Type === 'AWS::Cognito::UserPoolClient')!;
  const writable: string[] = client.Properties.WriteAttributes;
  expect(writable).toEqual(expect.any(Array));
  expect(writable.filter((a) => a.startsWith('custom:'))).toEqual([]);
  // The pool still keeps them, for administrators to set.
  const pool = Object.values(resources).find((r) => r.Type === 'AWS::Cognito::UserPool')!;
  expect(pool.Properties.Schema.map((a: { Name: string }) => a.Name)).toEqual(expect.arrayContaining(['district', 'schools']));
});

test('the Cognito client allows the code flow only, returning only to the console and configured callbacks (no placeholder)', () => {
  const client = Object.values(resources).find((r) => r.Type === 'AWS::Cognito::UserPoolClient')!;
  expect(client.Properties.AllowedOAuthFlows).toEqual(['code']);
  const distributionId = Object.entries(resources).find(([, r]) => r.Type === 'AWS::CloudFront::Distribution')![0];
  expect(client.Properties.CallbackURLs).toEqual([{ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }, '/']] }]);
  expect(client.Properties.GenerateSecret).toBe(false);
  const { template: configured } = synth({ consoleCallbackUrls: ['https://admin.district.example/callback'] });
  const callbacks = Object.values(configured.toJSON().Resources as Record<string, any>).find((r) => r.Type === 'AWS::Cognito::UserPoolClient').Properties.CallbackURLs;
  expect(callbacks[0]).toBe('https://admin.district.example/callback');
  expect(callbacks).toHaveLength(2);
});

test('the outbox pipe has no dead-letter queue: failed notices go to an encrypted queue watched by an alarm', () => {
  const pipe = Object.values(resources).find((r) => r.Type === 'AWS::Pipes::Pipe')!;
  const dlq = pipe.Properties.SourceParameters.DynamoDBStreamParameters.DeadLetterConfig.Arn;
  expect(dlq['Fn::GetAtt'][1]).toBe('Arn');
  expect(resources[dlq['Fn::GetAtt'][0]]!.Type).toBe('AWS::SQS::Queue');
  template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'ApproximateNumberOfMessagesVisible', Threshold: 0 });
});

test('access logs lack the source address: each line carries it, and never a header or body', () => {
  const stage = Object.values(resources).find((r) => r.Type === 'AWS::ApiGatewayV2::Stage')!;
  const format = JSON.parse(stage.Properties.AccessLogSettings.Format);
  expect(format.sourceIp).toBe('$context.identity.sourceIp');
  expect(JSON.stringify(format)).not.toMatch(/authorization|requestBody|header/i);
});

test('with an external issuer, no pool is created and the authorizer trusts that issuer', () => {
  const { template: external } = synth({ staffAuth: { issuer: 'https://idp.example.org', audience: ['parent-access'] } });
  external.resourceCountIs('AWS::Cognito::UserPool', 0);
  external.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
    AuthorizerType: 'JWT',
    JwtConfiguration: { Issuer: 'https://idp.example.org', Audience: ['parent-access'] },
  });
});

test('the code pepper is a retained secret, never a plain environment value', () => {
  template.hasResource('AWS::SecretsManager::Secret', { DeletionPolicy: 'Retain' });
  const env = JSON.stringify(Object.values(resources).filter((r) => r.Type === 'AWS::Lambda::Function').map((f) => f.Properties.Environment));
  expect(env).not.toContain('CODE_PEPPER"');
  expect(env).toContain('CODE_PEPPER_SECRET_ARN');
});

test.each([
  ['region and account unknown (tests)', {}],
  ['region and account known (a CLI synth with defaults)', { region: 'us-east-1', account: '123456789012' }],
  ['another region: the web ACL in its own us-east-1 stack', { region: 'eu-west-1', account: '123456789012' }],
])('cdk-nag AwsSolutions finds nothing unacknowledged: %s', (_name, env) => {
  const app = newApp();
  composeApp(app, env);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  expect(() => app.synth()).not.toThrow();
});

describe('bulk jobs', () => {
  const definition = synthesizedJobDefinition() as any;
  const map = definition.States.ForEachSegment;
  const page = map.ItemProcessor.States.ProcessPage;

  test('a Standard state machine fans out over segments with a bounded Distributed Map', () => {
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', { StateMachineType: 'STANDARD' });
    expect(map.ItemProcessor.ProcessorConfig.Mode).toBe('DISTRIBUTED');
    expect(map.MaxConcurrency).toBe(SEGMENT_CONCURRENCY);
    expect(map.ItemsPath).toBe('$.segments');
    expect(definition.StartAt).toBe('Plan');
    // Then the export jobs' file, then the summary (which a failed file step reaches too).
    expect(map.Next).toBe('WriteFile');
    expect(definition.States.WriteFile).toMatchObject({ Next: 'Summarize', ResultPath: null, Catch: [expect.objectContaining({ ErrorEquals: ['States.ALL'], Next: 'Summarize' })] });
  });

  test('a step failing past its retries settles the job, then fails the execution; an execution stopped or timed out is settled by an EventBridge rule', () => {
    for (const name of ['Plan', 'ForEachSegment', 'Summarize']) {
      expect({ name, catch: definition.States[name].Catch }).toEqual({ name, catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'SettleJob' }] });
    }
    expect(definition.States.SettleJob).toMatchObject({ Next: 'JobInterrupted', Parameters: { 'executionName.$': '$$.Execution.Name', 'error.$': '$.error.Error', 'input.$': '$$.Execution.Input' } });
    expect(definition.States.JobInterrupted.Type).toBe('Fail');
    const rules = Object.values(resources).filter((r) => r.Type === 'AWS::Events::Rule');
    const machineId = logicalIdOf(stack.jobs.stateMachine as never);
    const rule = rules.find((r) => JSON.stringify(r.Properties.EventPattern).includes(machineId))!;
    expect(rule.Properties.EventPattern).toEqual({
      source: ['aws.states'],
      'detail-type': ['Step Functions Execution Status Change'],
      detail: { status: ['FAILED', 'TIMED_OUT', 'ABORTED'], stateMachineArn: [{ Ref: machineId }] },
    });
    const [target] = rule.Properties.Targets;
    expect(target.Arn).toEqual({ 'Fn::GetAtt': [logicalIdOf(stack.jobs.functions.SettleJob as never), 'Arn'] });
    expect(JSON.parse(target.InputTransformer.InputTemplate.replace(/<([\w-]+)>/g, '"$1"'))).toEqual({ executionName: 'detail-name', error: 'detail-status', input: 'detail-input' });
    expect(target.InputTransformer.InputPathsMap).toEqual({ 'detail-name': '$.detail.name', 'detail-status': '$.detail.status', 'detail-input': '$.detail.input' });
  });

  test('the exports bucket is private, TLS-only, KMS-encrypted, logged and emptied after a day; functions reach only jobs/ and uploads/', () => {
    const bucketId = logicalIdOf(stack.exports.bucket as never);
    const bucket = resources[bucketId]!.Properties;
    expect(bucket.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect(bucket.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe('aws:kms');
    expect(bucket.LifecycleConfiguration.Rules).toEqual([expect.objectContaining({ ExpirationInDays: 1, Status: 'Enabled' })]);
    expect(bucket.LoggingConfiguration.LogFilePrefix).toBe('exports-bucket/');
    // The console PUTs large roster uploads here: PUT only, and the console's CSP names this bucket.
    expect(bucket.CorsConfiguration.CorsRules).toEqual([expect.objectContaining({ AllowedMethods: ['PUT'] })]);
    const policy = Object.values(resources).find((r) => r.Type === 'AWS::CloudFront::ResponseHeadersPolicy')!;
    expect(JSON.stringify(policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy)).toContain(`"${bucketId}","RegionalDomainName"`);
    const statementsOf = (fn: unknown) => {
      const role = logicalIdOf((fn as { role: never }).role);
      return Object.values(resources)
        .filter((r) => r.Type === 'AWS::IAM::Policy' && r.Properties.Roles.some((x: { Ref: string }) => x.Ref === role))
        .flatMap((p) => p.Properties.PolicyDocument.Statement)
        .filter((st: { Action: string | string[] }) => [st.Action].flat().some((a) => a.startsWith('s3:')));
    };
    const actions = (fn: unknown) => statementsOf(fn).flatMap((st: { Action: string | string[] }) => [st.Action].flat()).sort();
    expect(actions(stack.jobs.functions.ProcessPage)).toEqual(['s3:GetObject', 's3:PutObject']);
    expect(actions(stack.jobs.functions.Plan)).toEqual(['s3:GetObject', 's3:PutObject']);
    expect(actions(stack.api.functions['roster-uploads'])).toEqual(['s3:PutObject']);
    expect(actions(stack.jobs.functions.WriteFile)).toEqual(['s3:DeleteObject', 's3:GetObject', 's3:ListBucket', 's3:PutObject']);
    expect(actions(stack.api.functions['get-job-file'])).toEqual(['s3:GetObject']);
    expect(actions(stack.jobs.functions.Summarize)).toEqual([]);
    for (const fn of Object.values({ ...stack.api.functions, ...stack.jobs.functions })) {
      for (const st of statementsOf(fn)) {
        const resource = JSON.stringify(st.Resource);
        expect(/\/(jobs|uploads)\/\*/.test(resource) || JSON.stringify(st.Condition ?? {}).includes('jobs/*')).toBe(true);
      }
    }
  });

  test('pages retry transient failures with backoff, then abandon the segment (which fails the job)', () => {
    expect(page.Retry).toEqual(expect.arrayContaining([expect.objectContaining({ ErrorEquals: ['States.ALL'], BackoffRate: 2, MaxAttempts: 5 })]));
    expect(page.Catch).toEqual([expect.objectContaining({ ErrorEquals: ['States.ALL'], Next: 'AbandonSegment' })]);
    expect(map.ItemProcessor.States['MorePages?'].Choices[0]).toMatchObject({ Variable: '$.more', Next: 'ProcessPage' });
  });

  test('each task function is bound to exactly its declared tables', () => {
    for (const task of JOB_TASKS) {
      const fn = stack.jobs.functions[task.state];
      const env = resources[logicalIdOf(fn)]!.Properties.Environment.Variables;
      expect({ task: task.state, tables: TABLE_NAMES.filter((t) => env[tableEnvVar(t)] !== undefined).sort() }).toEqual({
        task: task.state,
        tables: Object.keys(task.tables).sort(),
      });
    }
  });

  test('the scheduler role may only start this state machine; schedules live in their own group', () => {
    template.hasResourceProperties('AWS::Scheduler::ScheduleGroup', { Name: stack.jobs.scheduleGroupName });
    const roleId = logicalIdOf(stack.jobs.schedulerRole as never);
    const policies = Object.values(resources).filter((r) => r.Type === 'AWS::IAM::Policy' && r.Properties.Roles.some((x: { Ref: string }) => x.Ref === roleId));
    const statements = policies.flatMap((p) => p.Properties.PolicyDocument.Statement);
    expect(statements).toEqual([
      expect.objectContaining({ Action: 'states:StartExecution', Effect: 'Allow', Resource: { Ref: logicalIdOf(stack.jobs.stateMachine as never) } }),
    ]);
  });

  test('only start-job may start executions; only schedule routes may manage schedules and pass the scheduler role', () => {
    for (const route of ROUTES) {
      const roleId = logicalIdOf(stack.api.functions[route.id]!.role as never);
      const text = JSON.stringify(Object.values(resources).filter((r) => r.Type === 'AWS::IAM::Policy' && r.Properties.Roles.some((x: { Ref: string }) => x.Ref === roleId)));
      expect({ route: route.id, starts: text.includes('states:StartExecution') }).toEqual({ route: route.id, starts: Boolean(route.startsJobs) });
      expect({ route: route.id, schedules: text.includes('scheduler:CreateSchedule'), passes: text.includes('iam:PassRole') }).toEqual({
        route: route.id,
        schedules: Boolean(route.managesSchedules),
        passes: Boolean(route.managesSchedules),
      });
    }
  });
});
