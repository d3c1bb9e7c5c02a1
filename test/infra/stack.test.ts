import { Match, Template } from 'aws-cdk-lib/assertions';
import { ROUTES } from '../../shared/contract/routes';
import { JOB_TASKS, pageStateOf } from '../../infra/job-tasks';
import { MAIL_FUNCTIONS } from '../../infra/mail-functions';
import { JOB_TYPES } from '../../shared/jobs/registry';
import { SEGMENT_CONCURRENCY } from '../../infra/constructs/bulk-jobs';
import { jobDefinitionOf, synthesizedJobDefinition } from '../../infra/local/job-runner';
import { TABLE_NAMES, tableEnvVar } from '../../shared/data/table-schema';
import { PERMISSIONS } from '../../shared/domain/principal';
import { paths, synthesized, type Located } from '../support/synthesized';

// The app as `cdk synth` makes it (bundling skipped), synthesized once for the whole run.
const service = synthesized().service;
const parent = service.template;
const template = Template.fromJSON(parent);
const ofType = (type: string) => service.resources(type);
const parentOfType = (type: string) => ofType(type).filter((r) => r.stack === service);
/** Roles that hold a statement matching `predicate`, by construct path. */
const rolesWith = (predicate: (statement: any) => boolean) =>
  ofType('AWS::IAM::Policy')
    .filter((p) => p.resource.Properties.PolicyDocument.Statement.some(predicate))
    .flatMap((p) => (p.resource.Properties.Roles as unknown[]).map((role) => p.stack.deref(role)!.path))
    .sort();
const actionsOf = (statement: { Action: string | string[] }) => [statement.Action].flat();
/** Whether a statement's resources name `target` (a resource of any of the stacks). */
const names = (holder: Located, statement: { Resource: unknown }, target: Located) =>
  holder.stack.referencesIn(statement.Resource).some((r) => r.path === target.path);

test('every table is on-demand, point-in-time recoverable, deletion protected and retained', () => {
  const tables = parentOfType('AWS::DynamoDB::GlobalTable').map((r) => r.resource);
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
      Match.objectLike({ IndexName: 'byDistrictSchool', Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: Match.not(Match.arrayWith(['code'])) } }),
    ]),
  });
});

test('every declared route exists once; all but sign-in (password or passkey), recovery by mail, invitation links, lost codes and key discovery sit behind a JWT authorizer', () => {
  const routes = parentOfType('AWS::ApiGatewayV2::Route').map((r) => r.resource);
  expect(routes.map((r) => r.Properties.RouteKey).sort()).toEqual(ROUTES.map((r) => `${r.method} ${r.path}`).sort());
  const open = routes.filter((r) => r.Properties.AuthorizationType !== 'JWT').map((r) => r.Properties.RouteKey).sort();
  expect(open).toEqual([
    'GET /.well-known/jwks.json', 'GET /.well-known/openid-configuration', 'GET /openapi.json',
    'POST /auth/invitations/accept', 'POST /auth/invitations/preview', 'POST /auth/lost-code', 'POST /auth/new-password', 'POST /auth/passkey/options', 'POST /auth/passkey/sign-in',
    'POST /auth/recovery/password', 'POST /auth/recovery/password/complete', 'POST /auth/recovery/user-name', 'POST /auth/sign-in',
  ]);
  for (const route of routes.filter((r) => r.Properties.AuthorizationType === 'JWT')) {
    const declared = ROUTES.find((d) => `${d.method} ${d.path}` === route.Properties.RouteKey)!;
    const authorizer = parent.Resources[route.Properties.AuthorizerId.Ref]!;
    expect({ route: declared.id, authorizer: authorizer.Properties.Name }).toEqual({ route: declared.id, authorizer: `${declared.auth}-jwt` });
  }
});

describe('nested stacks', () => {
  test('each route group has a nested stack of its functions; the API, its routes and integrations stay in the parent', () => {
    const groups = [...new Set(ROUTES.map((r) => r.group))].sort();
    expect(Object.keys(service.nested).sort()).toEqual([...groups, 'bulk-jobs', 'mail', 'monitoring'].sort());
    for (const route of ROUTES) {
      const fn = service.at(paths.routeFunction(route));
      expect({ route: route.id, stack: fn.stack.path }).toEqual({ route: route.id, stack: `ParentAccess/${route.group}` });
      // The integration in the parent calls the function in the group's stack.
      const integration = parentOfType('AWS::ApiGatewayV2::Integration').find((i) => i.path.includes(`/${route.id}-integration/`))!;
      expect({ route: route.id, calls: service.deref(integration.resource.Properties.IntegrationUri)?.path }).toEqual({ route: route.id, calls: fn.path });
    }
    // Left in the parent: CDK's helper that uploads the console, and the notices' dead-letter alarm.
    expect(parentOfType('AWS::Lambda::Function').filter((r) => !r.logicalId.startsWith('CustomCDKBucketDeployment'))).toEqual([]);
    expect(parentOfType('AWS::Lambda::Permission')).toEqual([]);
    expect(parentOfType('AWS::CloudWatch::Alarm').map((r) => r.path).sort()).toEqual(['ParentAccess/mail-dead-letter-alarm/Resource', 'ParentAccess/notices/dead-letter-alarm/Resource']);
  });

  test("API Gateway may invoke each function from its own route's path only, granted in the function's stack", () => {
    for (const route of ROUTES) {
      const fn = service.at(paths.routeFunction(route));
      const permissions = fn.stack.resources('AWS::Lambda::Permission').filter((p) => p.stack === fn.stack && fn.stack.deref(p.resource.Properties.FunctionName)?.path === fn.path);
      expect({ route: route.id, permissions: permissions.length }).toEqual({ route: route.id, permissions: 1 });
      const { Principal, SourceArn } = permissions[0]!.resource.Properties;
      expect(Principal).toBe('apigateway.amazonaws.com');
      const joined = SourceArn['Fn::Join'][1] as unknown[];
      expect({ route: route.id, path: joined.at(-1) }).toEqual({ route: route.id, path: `/*/*${route.path}` });
      expect(fn.stack.referencesIn(SourceArn).map((r) => r.resource.Type)).toEqual(['AWS::ApiGatewayV2::Api']);
    }
  });

  // CloudFormation creates a resource under a new logical id before it deletes the old one, so a
  // route, or anything that holds data, must keep the logical id it had before the split.
  test('the split keeps the logical ids of routes, integrations and everything that holds data', () => {
    const kept = {
      'AWS::ApiGatewayV2::Api': ['apihttpapiF4130ECD'],
      'AWS::ApiGatewayV2::Stage': ['apihttpapiDefaultStage1D422A84'],
      'AWS::ApiGatewayV2::Route': ['apihttpapiPOSTauthsignin8BE88E00'],
      'AWS::ApiGatewayV2::Integration': ['apihttpapiPOSTauthsigninsigninintegration5B23C127'],
      'AWS::DynamoDB::GlobalTable': ['dataaudittable1F12B1A2', 'datacodestable8BBC59F4', 'datajobstableAF7E5D92', 'datalinkstable9F79421B', 'dataoutboxtable4DF97781',
        'dataparentstableF9784611', 'dataschedulestableE2C2EBF2', 'dataschoolstable719B5D38', 'datastudentstableB39F49E7', 'datathrottletable73E602F3'],
      'AWS::KMS::Key': ['codevaultkey2015706F', 'exportskey08F3D643', 'parenttokenkeyB82CDE06'],
      'AWS::SecretsManager::Secret': ['codepepper13C64C02', 'originsecret2CF3A189'],
      'AWS::S3::Bucket': ['accesslogsDE09D170', 'consolefiles8C4CA4DF', 'exportsfiles08E98CC2'],
      'AWS::Cognito::UserPool': ['staffidentitystaffpool0ABBAEC0'],
      'AWS::CloudFront::Distribution': ['edgedistribution9B903F47'],
      // Run-time schedules live in the group and carry the role's ARN.
      'AWS::Scheduler::ScheduleGroup': ['jobsschedulegroup0112CDB6'],
      'AWS::IAM::Role': ['jobsschedulerrole9B4F6BB8'],
    };
    for (const [type, ids] of Object.entries(kept)) {
      for (const id of ids) expect({ id, type: parent.Resources[id]?.Type }).toEqual({ id, type });
    }
    expect(parent.Resources.jobsschedulegroup0112CDB6!.DeletionPolicy).toBe('Retain');
  });
});

test('parent tokens are signed in KMS, and only by sign-in and the password step', () => {
  template.hasResourceProperties('AWS::KMS::Key', { KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' });
  const signers = rolesWith((st) => actionsOf(st).includes('kms:Sign'));
  expect(signers).toEqual(ROUTES.filter((r) => r.parentTokenKey === 'sign').map((r) => `${paths.routeRole(r)}/Resource`).sort());
});

test('outbox items reach the notice bus through a pipe, new items only', () => {
  template.hasResourceProperties('AWS::Pipes::Pipe', {
    SourceParameters: { FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ eventName: ['INSERT'] }) }] } },
  });
  template.hasResourceProperties('AWS::Events::EventBus', { Name: 'parent-access' });
});

// What each table's grant allows, action by action, is grants.test.ts's; here: which tables.
test('each function is bound to exactly its declared tables', () => {
  const functions = [
    ...ROUTES.map((r) => ({ name: r.id, fn: paths.routeFunction(r), role: paths.routeRole(r), tables: r.tables })),
    ...JOB_TASKS.map((t) => ({ name: t.state, fn: paths.taskFunction(t.state), role: paths.taskRole(t.state), tables: t.tables })),
  ];
  for (const { name, fn, role, tables } of functions) {
    const located = service.at(fn);
    const env = located.resource.Properties.Environment.Variables;
    expect({ name, tables: TABLE_NAMES.filter((t) => env[tableEnvVar(t)] !== undefined).sort() }).toEqual({ name, tables: Object.keys(tables).sort() });
    const statements = service.statementsOf(role);
    const granted = TABLE_NAMES.filter((t) => statements.some((st) => names(located, st, service.at(paths.table(t)))));
    expect({ name, granted: granted.sort() }).toEqual({ name, granted: Object.keys(tables).sort() });
  }
});

test('only the routes that use the caller’s address or hash codes may read a secret', () => {
  for (const route of ROUTES) {
    const readsSecret = service.statementsOf(paths.routeRole(route)).some((s) => actionsOf(s).includes('secretsmanager:GetSecretValue'));
    // The code pepper, or the origin secret that makes the viewer address believable.
    expect({ route: route.id, readsSecret }).toEqual({ route: route.id, readsSecret: Boolean(route.usesCodePepper || route.usesClientAddress) });
  }
});

test('codes at rest: only code-issuing functions may make data keys, only the list, the exports, the letters and the export jobs\' pages may decrypt, redeem neither', () => {
  // Statements on the code vault's key: every one is scoped to the code purpose's encryption context.
  const onVault = (st: { Condition?: Record<string, Record<string, string>> }) => st.Condition?.StringEquals?.['kms:EncryptionContext:purpose'] === 'parent-access-code';
  const holders = (action: string) => rolesWith((st) => onVault(st) && actionsOf(st).includes(action));
  const declared = (use: 'seal' | 'open') =>
    [
      ...ROUTES.filter((r) => r.codeVault === use).map((r) => paths.routeRole(r)),
      ...JOB_TASKS.filter((t) => t.codeVault === use).map((t) => paths.taskRole(t.state)),
    ].map((p) => `${p}/Resource`).sort();
  expect(holders('kms:GenerateDataKey')).toEqual(declared('seal'));
  expect(holders('kms:Decrypt')).toEqual(declared('open'));
  // Only the code exports' and letters' page workers open codes (for their rows); resets and imports seal.
  const route = (id: string) => ROUTES.find((r) => r.id === id)!;
  const openers = [...['list-students', 'export-codes', 'code-letters'].map((id) => paths.routeRole(route(id))), ...(['export-codes', 'code-letters'] as const).map((type) => paths.taskRole(pageStateOf(type)))];
  expect(declared('open')).toEqual(openers.map((p) => `${p}/Resource`).sort());
  expect(declared('seal')).toEqual(expect.arrayContaining((['reset-codes', 'import-oneroster'] as const).map((type) => `${paths.taskRole(pageStateOf(type))}/Resource`)));
  for (const type of ['clear-links', 'set-passwords', 'code-census'] as const) expect([...holders('kms:Decrypt'), ...holders('kms:GenerateDataKey')]).not.toContain(`${paths.taskRole(pageStateOf(type))}/Resource`);
  expect(holders('kms:Decrypt')).not.toContain(`${paths.routeRole(route('redeem-code'))}/Resource`);
});

// Finding: "the audit table is not append-only (19 roles may update or delete it)".
test('the audit table is not append-only: no role may update, delete or batch-write audit items', () => {
  const audit = service.at(paths.table('audit'));
  const actions = new Set(ofType('AWS::IAM::Policy').flatMap((p) => p.resource.Properties.PolicyDocument.Statement.filter((s: any) => names(p, s, audit)).flatMap(actionsOf)));
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
  const ours = (r: Located) => !r.logicalId.startsWith('CustomCDKBucketDeployment');
  const functions = ofType('AWS::Lambda::Function').filter(ours);
  for (const fn of functions) expect(fn.resource.Properties.Runtime).toBe('nodejs22.x');
  expect(ofType('AWS::IAM::ManagedPolicy')).toEqual([]);
  expect(functions.length).toBe(ROUTES.length + JOB_TASKS.length + Object.keys(MAIL_FUNCTIONS).length);
  for (const role of ofType('AWS::IAM::Role').filter(ours)) expect({ role: role.path, managed: role.resource.Properties.ManagedPolicyArns }).toEqual({ role: role.path, managed: undefined });
});

test('without an external issuer, staff sign in through a Cognito pool with MFA and permission groups', () => {
  template.resourceCountIs('AWS::Cognito::UserPool', 1);
  template.hasResourceProperties('AWS::Cognito::UserPool', { MfaConfiguration: 'ON', AdminCreateUserConfig: { AllowAdminCreateUserOnly: true } });
  template.resourceCountIs('AWS::Cognito::UserPoolGroup', PERMISSIONS.length);
});

// Finding: "staff may rewrite their own tenancy". The app client's write attributes decide what
// a user's own access token may change through UpdateUserAttributes.
test('staff may rewrite their own tenancy: the console client cannot write custom:district or custom:schools', () => {
  const client = parentOfType('AWS::Cognito::UserPoolClient')[0]!.resource;
  const writable: string[] = client.Properties.WriteAttributes;
  expect(writable).toEqual(expect.any(Array));
  expect(writable.filter((a) => a.startsWith('custom:'))).toEqual([]);
  // The pool still keeps them, for administrators to set.
  const pool = parentOfType('AWS::Cognito::UserPool')[0]!.resource;
  expect(pool.Properties.Schema.map((a: { Name: string }) => a.Name)).toEqual(expect.arrayContaining(['district', 'schools']));
});

test('the Cognito client allows the code flow only, returning only to the console (no placeholder)', () => {
  const client = parentOfType('AWS::Cognito::UserPoolClient')[0]!.resource;
  expect(client.Properties.AllowedOAuthFlows).toEqual(['code']);
  const distributionId = parentOfType('AWS::CloudFront::Distribution')[0]!.logicalId;
  expect(client.Properties.CallbackURLs).toEqual([{ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }, '/']] }]);
  expect(client.Properties.GenerateSecret).toBe(false);
});

test('the outbox pipe has no dead-letter queue: failed notices go to an encrypted queue watched by an alarm', () => {
  const pipe = parentOfType('AWS::Pipes::Pipe')[0]!.resource;
  const dlq = pipe.Properties.SourceParameters.DynamoDBStreamParameters.DeadLetterConfig.Arn;
  expect(dlq['Fn::GetAtt'][1]).toBe('Arn');
  expect(parent.Resources[dlq['Fn::GetAtt'][0]]!.Type).toBe('AWS::SQS::Queue');
  template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'ApproximateNumberOfMessagesVisible', Threshold: 0 });
});

test('access logs carry the connection address of each request, and never a header or body', () => {
  const stage = parentOfType('AWS::ApiGatewayV2::Stage')[0]!.resource;
  const format = JSON.parse(stage.Properties.AccessLogSettings.Format);
  // CloudFront's edge for requests through the distribution: named so (throttles.test.ts).
  expect(format.connectionIp).toBe('$context.identity.sourceIp');
  expect(JSON.stringify(format)).not.toMatch(/authorization|requestBody|header/i);
});

test('the code pepper is a retained secret, never a plain environment value', () => {
  template.hasResource('AWS::SecretsManager::Secret', { DeletionPolicy: 'Retain' });
  const env = JSON.stringify(ofType('AWS::Lambda::Function').map((f) => f.resource.Properties.Environment));
  expect(env).not.toContain('CODE_PEPPER"');
  expect(env).toContain('CODE_PEPPER_SECRET_ARN');
});

describe('bulk jobs', () => {
  const jobsStack = service.nested['bulk-jobs']!;
  const definition = jobDefinitionOf(jobsStack.template) as any;
  const map = definition.States.ForEachSegment;
  const page = map.ItemProcessor.States['ProcessPage-reset-codes'];

  // The runner synthesizes the jobs' nested stack alone (infra/local/job-runner.ts).
  test('the local runner runs the state machine this app deploys', () => {
    expect(synthesizedJobDefinition()).toEqual(definition);
  });

  test('a Standard state machine fans out over segments with a bounded Distributed Map', () => {
    Template.fromJSON(jobsStack.template).hasResourceProperties('AWS::StepFunctions::StateMachine', { StateMachineType: 'STANDARD' });
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
    const machine = service.at(paths.stateMachine);
    const rule = ofType('AWS::Events::Rule').find((r) => r.stack.referencesIn(r.resource.Properties.EventPattern).some((x) => x.path === machine.path))!;
    expect(rule.resource.Properties.EventPattern).toEqual({
      source: ['aws.states'],
      'detail-type': ['Step Functions Execution Status Change'],
      detail: { status: ['FAILED', 'TIMED_OUT', 'ABORTED'], stateMachineArn: [{ Ref: machine.logicalId }] },
    });
    const [target] = rule.resource.Properties.Targets;
    expect(rule.stack.deref(target.Arn)?.path).toBe(service.at(paths.taskFunction('SettleJob')).path);
    expect(JSON.parse(target.InputTransformer.InputTemplate.replace(/<([\w-]+)>/g, '"$1"'))).toEqual({ executionName: 'detail-name', error: 'detail-status', input: 'detail-input' });
    expect(target.InputTransformer.InputPathsMap).toEqual({ 'detail-name': '$.detail.name', 'detail-status': '$.detail.status', 'detail-input': '$.detail.input' });
  });

  test('the exports bucket is private, TLS-only, KMS-encrypted, logged and emptied after a day; functions reach only jobs/ and uploads/', () => {
    const located = service.at(paths.exportsBucket);
    const bucket = located.resource.Properties;
    expect(bucket.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect(bucket.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe('aws:kms');
    expect(bucket.LifecycleConfiguration.Rules).toEqual([expect.objectContaining({ ExpirationInDays: 1, Status: 'Enabled' })]);
    expect(bucket.LoggingConfiguration.LogFilePrefix).toBe('exports-bucket/');
    // The console PUTs large roster uploads here: PUT only, and the console's CSP names this bucket.
    expect(bucket.CorsConfiguration.CorsRules).toEqual([expect.objectContaining({ AllowedMethods: ['PUT'] })]);
    const policy = parentOfType('AWS::CloudFront::ResponseHeadersPolicy')[0]!.resource;
    expect(JSON.stringify(policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy)).toContain(`"${located.logicalId}","RegionalDomainName"`);
    const s3Statements = (role: string) => service.statementsOf(role).filter((st) => actionsOf(st).some((a) => a.startsWith('s3:')));
    const actions = (role: string) => s3Statements(role).flatMap(actionsOf).sort();
    const route = (id: string) => paths.routeRole(ROUTES.find((r) => r.id === id)!);
    for (const type of ['export-codes', 'code-letters', 'code-census'] as const) expect(actions(paths.taskRole(pageStateOf(type)))).toEqual(['s3:PutObject']);
    expect(actions(paths.taskRole(pageStateOf('import-oneroster')))).toEqual(['s3:GetObject']);
    for (const type of ['reset-codes', 'clear-links', 'set-passwords'] as const) expect(actions(paths.taskRole(pageStateOf(type)))).toEqual([]);
    expect(actions(paths.taskRole('Plan'))).toEqual(['s3:GetObject', 's3:PutObject']);
    expect(actions(route('roster-uploads'))).toEqual(['s3:PutObject']);
    expect(actions(paths.taskRole('WriteFile'))).toEqual(['s3:DeleteObject', 's3:GetObject', 's3:ListBucket', 's3:PutObject']);
    expect(actions(route('get-job-file'))).toEqual(['s3:GetObject']);
    expect(actions(paths.taskRole('Summarize'))).toEqual([]);
    for (const role of [...ROUTES.map((r) => paths.routeRole(r)), ...JOB_TASKS.map((t) => paths.taskRole(t.state))]) {
      for (const st of s3Statements(role)) {
        const resource = JSON.stringify(st.Resource);
        expect(/\/(jobs|uploads)\/\*/.test(resource) || JSON.stringify(st.Condition ?? {}).includes('jobs/*')).toBe(true);
      }
    }
  });

  test('each job type\'s pages go to its own worker; an unknown type fails rather than run on another', () => {
    const choice = map.ItemProcessor.States['PageWorker?'];
    expect(map.ItemProcessor.StartAt).toBe('PageWorker?');
    expect(choice.Choices).toEqual(JOB_TYPES.map((type) => ({ Variable: '$.job.type', StringEquals: type, Next: pageStateOf(type) })));
    expect(choice.Default).toBe('NoPageWorker');
    for (const type of JOB_TYPES) expect(map.ItemProcessor.States[pageStateOf(type)]).toMatchObject({ Next: 'MorePages?' });
  });

  test('pages retry transient failures with backoff, then abandon the segment (which fails the job)', () => {
    expect(page.Retry).toEqual(expect.arrayContaining([expect.objectContaining({ ErrorEquals: ['States.ALL'], BackoffRate: 2, MaxAttempts: 5 })]));
    expect(page.Catch).toEqual([expect.objectContaining({ ErrorEquals: ['States.ALL'], Next: 'AbandonSegment' })]);
    expect(map.ItemProcessor.States['MorePages?'].Choices[0]).toMatchObject({ Variable: '$.more', Next: 'PageWorker?' });
  });

  test('the scheduler role may only start this state machine; schedules live in their own group', () => {
    template.hasResourceProperties('AWS::Scheduler::ScheduleGroup', { Name: 'parent-access-jobs' });
    const statements = service.statementsOf(paths.schedulerRole);
    expect(statements).toEqual([expect.objectContaining({ Action: 'states:StartExecution', Effect: 'Allow' })]);
    expect(service.deref(statements[0].Resource)?.path).toBe(service.at(paths.stateMachine).path);
  });

  test('only start-job may start executions; only schedule routes may manage schedules and pass the scheduler role', () => {
    for (const route of ROUTES) {
      const text = JSON.stringify(service.statementsOf(paths.routeRole(route)));
      expect({ route: route.id, starts: text.includes('states:StartExecution') }).toEqual({ route: route.id, starts: Boolean(route.startsJobs) });
      expect({ route: route.id, schedules: text.includes('scheduler:CreateSchedule'), passes: text.includes('iam:PassRole') }).toEqual({
        route: route.id,
        schedules: Boolean(route.managesSchedules),
        passes: Boolean(route.managesSchedules),
      });
    }
  });
});
