import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { ParentAccessStack } from '../../infra/stacks/parent-access-stack';
import { ROUTES } from '../../shared/contract/routes';
import { JOB_TYPES } from '../../shared/jobs/registry';
import { METRIC_NAMESPACE, SERVICE_NAME } from '../../shared/metric-names';
import { synthesizedJobDefinition } from '../../infra/local/job-runner';
import { composeApp } from '../../infra/compose';
import { apiPathPatterns } from '../../infra/constructs/edge-protection';

/** Operations: what ops get from `cdk deploy`, asserted on the synthesized template. */
const synth = (props: ConstructorParameters<typeof ParentAccessStack>[2] = {}) => {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new ParentAccessStack(app, 'Ops', props);
  return { stack, template: Template.fromStack(stack) };
};
const { stack, template } = synth({ alarmEmails: ['ops@example.org', 'oncall@example.org'], guessing: { perSchool: 30, perDistrict: 120 } });
const resources = template.toJSON().Resources as Record<string, { Type: string; Properties: any }>;
const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const alarms = ofType('AWS::CloudWatch::Alarm').map(([id, r]) => ({ id, ...r.Properties }));
/** Our functions; CDK's BucketDeployment helper (it uploads the console) is CDK's to run, not ours to alarm on. */
const functions = ofType('AWS::Lambda::Function').filter(([id]) => !id.startsWith('CustomCDKBucketDeployment'));

test('alarms go to an encrypted SNS topic whose subscribers come from context', () => {
  template.resourceCountIs('AWS::SNS::Topic', 1);
  template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
  const emails = ofType('AWS::SNS::Subscription').map(([, r]) => r.Properties);
  expect(emails.map((s) => [s.Protocol, s.Endpoint]).sort()).toEqual([['email', 'oncall@example.org'], ['email', 'ops@example.org']]);
  const topicId = ofType('AWS::SNS::Topic')[0]![0];
  const silent = alarms.filter((a) => !JSON.stringify(a.AlarmActions ?? []).includes(topicId)).map((a) => a.id);
  expect(silent).toEqual([]);
});

test('every function is traced, and alarmed on for errors, throttles and a duration near its own timeout', () => {
  expect(functions.filter(([, f]) => f.Properties.TracingConfig?.Mode !== 'Active').map(([id]) => id)).toEqual([]);
  const watching = (metric: string) => alarms.filter((a) => JSON.stringify(a.Metrics ?? []).includes(`"MetricName":"${metric}"`));
  for (const [id, fn] of functions) {
    const mine = (metric: string) => watching(metric).filter((a) => JSON.stringify(a.Metrics).includes(`"Ref":"${id}"`));
    expect({ id, alarms: ['Errors', 'Throttles', 'Duration'].map((metric) => mine(metric).length) }).toEqual({ id, alarms: [1, 1, 1] });
    expect({ id, threshold: mine('Duration')[0]!.Threshold }).toEqual({ id, threshold: fn.Properties.Timeout * 1000 * 0.8 });
  }
  // Grouped to spare the stack's 500-resource budget.
  expect(watching('Errors').length).toBeLessThanOrEqual(Math.ceil(functions.length / 10) + 3);
});

test('the API alarms on 5xx and latency; DynamoDB throttling alarms per table; the dead-letter alarm notifies', () => {
  expect(alarms.filter((a) => a.Namespace === 'AWS/ApiGateway').map((a) => a.MetricName).sort()).toEqual(['5xx', 'Latency']);
  const tables = ofType('AWS::DynamoDB::GlobalTable').length;
  expect(alarms.filter((a) => JSON.stringify(a.Metrics ?? []).includes('ThrottledRequests'))).toHaveLength(tables);
  expect(alarms.some((a) => a.MetricName === 'ApproximateNumberOfMessagesVisible' && a.AlarmActions?.length)).toBe(true);
});

test('bulk jobs: an alarm on failed executions, and per job type on failed jobs and abandoned segments', () => {
  expect(alarms.some((a) => a.Namespace === 'AWS/States' && a.MetricName === 'ExecutionsFailed')).toBe(true);
  for (const type of JOB_TYPES) {
    for (const metric of ['JobsFailed', 'JobSegmentsAbandoned']) {
      const alarm = alarms.find((a) => a.MetricName === metric && JSON.stringify(a.Dimensions).includes(type));
      // Dimensions as the functions publish them: Powertools adds `service`.
      expect({ metric, type, dimensions: alarm?.Dimensions }).toEqual({
        metric, type, dimensions: expect.arrayContaining([{ Name: 'service', Value: SERVICE_NAME }, { Name: 'jobType', Value: type }]),
      });
    }
  }
});

test('guessing alarms cover every school and district through Metrics Insights, at the thresholds from context', () => {
  const guessing = alarms.filter((a) => a.id.includes('guessing'));
  const queries = guessing.map((a) => ({ threshold: a.Threshold, query: a.Metrics[0].Expression as string }));
  expect(queries).toEqual(expect.arrayContaining([
    { threshold: 30, query: expect.stringMatching(new RegExp(`SUM\\(RedeemFailed\\) FROM SCHEMA\\("${METRIC_NAMESPACE}", service, districtId, schoolId\\).*GROUP BY districtId, schoolId`)) },
    { threshold: 120, query: expect.stringMatching(/SUM\(RedeemFailed\) FROM SCHEMA\("ParentAccess", service, districtId\)/) },
    { threshold: 120, query: expect.stringMatching(/SUM\(SignInFailed\) FROM SCHEMA\("ParentAccess", service, districtId\)/) },
  ]));
  for (const { query } of queries) expect(query).toMatch(/ORDER BY SUM\(\) DESC LIMIT 1$/);
});

test('one dashboard shows traffic, errors, latency, job progress and guessing per school', () => {
  template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  const body = JSON.stringify(ofType('AWS::CloudWatch::Dashboard')[0]![1].Properties.DashboardBody);
  for (const title of ['API requests and errors', 'API latency', 'Function errors', 'Bulk jobs', 'Failed redeems by school', 'Sign-ins failed']) expect(body).toContain(title);
});

test('the stage throttles sign-in, new-password, redeem and preview tighter than its default, as the route table says', () => {
  const stage = ofType('AWS::ApiGatewayV2::Stage')[0]![1].Properties;
  const declared = Object.fromEntries(ROUTES.filter((r) => r.throttle).map((r) => [`${r.method} ${r.path}`, { ThrottlingRateLimit: r.throttle!.rate, ThrottlingBurstLimit: r.throttle!.burst }]));
  expect(Object.keys(declared).sort()).toEqual(['POST /auth/new-password', 'POST /auth/sign-in', 'POST /me/links', 'POST /me/links/preview']);
  expect(stage.RouteSettings).toEqual(declared);
  for (const limit of Object.values(declared)) expect(limit.ThrottlingRateLimit).toBeLessThan(stage.DefaultRouteSettings.ThrottlingRateLimit);
});

test('page workers have reserved concurrency (configurable, 0 for none), and wait out their own throttling', () => {
  const pageFn = () => resources[stack.getLogicalId(stack.jobs.functions.ProcessPage.node.defaultChild as never)]!.Properties;
  expect(pageFn().ReservedConcurrentExecutions).toBe(64);
  const others = functions.filter(([, f]) => f.Properties.ReservedConcurrentExecutions !== undefined);
  expect(others).toHaveLength(1);
  const none = synth({ jobPageConcurrency: 0 }).template.toJSON().Resources as Record<string, { Type: string; Properties: any }>;
  expect(Object.values(none).filter((r) => r.Type === 'AWS::Lambda::Function' && r.Properties.ReservedConcurrentExecutions !== undefined)).toHaveLength(0);
  const retries = (synthesizedJobDefinition() as any).States.ForEachSegment.ItemProcessor.States.ProcessPage.Retry;
  const waitForRoom = retries.findIndex((r: { ErrorEquals: string[] }) => r.ErrorEquals.includes('Lambda.TooManyRequestsException'));
  const anyError = retries.findIndex((r: { ErrorEquals: string[] }) => r.ErrorEquals.includes('States.ALL'));
  expect(retries[waitForRoom]).toMatchObject({ MaxAttempts: 25 });
  expect(waitForRoom).toBeLessThan(anyError);
});

test('raising parentTokenKeyVersion rotates the parent-token key: a new RSA key signs, the old one leaves the stack retained', () => {
  const keyIds = (t: Template) =>
    Object.entries(t.findResources('AWS::KMS::Key', { Properties: { KeySpec: 'RSA_2048' } })).map(([id, r]) => ({ id, retained: r.DeletionPolicy === 'Retain' }));
  const before = keyIds(template);
  const after = keyIds(synth({ parentTokenKeyVersion: 2 }).template);
  expect(before).toHaveLength(1);
  expect(after).toHaveLength(1);
  expect(after[0]!.id).not.toBe(before[0]!.id);
  expect([before[0]!.retained, after[0]!.retained]).toEqual([true, true]);
});

describe('edge protection', () => {
  const distribution = ofType('AWS::CloudFront::Distribution')[0]![1].Properties.DistributionConfig;

  test('the API sits behind CloudFront with AWS WAF: managed rule sets and per-address rate limits on sign-in, redeem and preview', () => {
    const [aclId, acl] = ofType('AWS::WAFv2::WebACL')[0]!;
    expect(acl.Properties.Scope).toBe('CLOUDFRONT');
    expect(distribution.WebACLId).toEqual({ 'Fn::GetAtt': [aclId, 'Arn'] });
    const rules = acl.Properties.Rules as any[];
    expect(rules.filter((r) => r.Statement.ManagedRuleGroupStatement).map((r) => r.Name)).toEqual(['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet']);
    const rates = rules.filter((r) => r.Statement.RateBasedStatement);
    expect(rates.map((r) => [r.Name, r.Action, r.Statement.RateBasedStatement.AggregateKeyType])).toEqual(
      ['sign-in', 'redeem-code', 'preview-code'].map((id) => [`rate-${id}`, { Block: {} }, 'IP']),
    );
    const scoped = rates.map((r) => r.Statement.RateBasedStatement.ScopeDownStatement.AndStatement.Statements.map((s: any) => s.ByteMatchStatement.SearchString));
    expect(scoped).toEqual([['/auth/sign-in', 'POST'], ['/me/links', 'POST'], ['/me/links/preview', 'POST']]);
    // Roster uploads are larger than the common rule set's body limit: counted, not blocked.
    const common = rules.find((r) => r.Name === 'AWSManagedRulesCommonRuleSet').Statement.ManagedRuleGroupStatement;
    expect(common.RuleActionOverrides).toEqual([{ Name: 'SizeRestrictions_BODY', ActionToUse: { Count: {} } }]);
  });

  test('API answers are never cached, all but Host is forwarded, and the viewer address reaches the API with the secret origin header', () => {
    const apiOrigin = distribution.Origins.find((o: any) => o.CustomOriginConfig);
    const behaviors = distribution.CacheBehaviors as any[];
    expect(behaviors.length).toBeGreaterThan(0);
    for (const behavior of behaviors) {
      expect(behavior.TargetOriginId).toBe(apiOrigin.Id);
      expect(behavior.CachePolicyId).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad'); // CachingDisabled
      expect(behavior.OriginRequestPolicyId).toBe('b689b0a8-53d0-40ab-baf2-68738e2966ac'); // AllViewerExceptHostHeader
      expect(behavior.ViewerProtocolPolicy).toBe('https-only');
    }
    const [, fn] = ofType('AWS::CloudFront::Function')[0]!;
    expect(fn.Properties.FunctionCode).toContain("request.headers['x-viewer-address'] = { value: event.viewer.ip }");
    const header = apiOrigin.OriginCustomHeaders[0];
    expect(header.HeaderName).toBe('x-origin-verify');
    // A dynamic reference to the generated secret: the template never holds the value.
    expect(JSON.stringify(header.HeaderValue)).toMatch(/resolve:secretsmanager:/);
  });

  test('every route reaches the API through a path pattern of its own segment; everything else is the console', () => {
    const patterns = (distribution.CacheBehaviors as any[]).map((b) => b.PathPattern as string);
    expect(patterns).toEqual(apiPathPatterns());
    // CloudFront path patterns: `*` matches any characters, `/` included (Developer Guide, "Path pattern").
    const matches = (pattern: string, path: string) => new RegExp(`^${pattern.replace(/[.]/g, '\\.').replace(/\*/g, '.*')}$`).test(path);
    for (const route of ROUTES) {
      const concrete = route.path.replace(/\{\w+\}/g, 'x');
      expect({ route: route.id, patterns: patterns.filter((p) => matches(p, concrete)).length }).toEqual({ route: route.id, patterns: 1 });
    }
    for (const file of ['/', '/index.html', '/console-config.json', '/assets/index-abc.js']) expect({ file, api: patterns.some((p) => matches(p, file)) }).toEqual({ file, api: false });
  });

  test('the console comes from a private bucket through origin access control, under a strict content security policy', () => {
    const s3Origin = distribution.Origins.find((o: any) => o.S3OriginConfig);
    expect(s3Origin.OriginAccessControlId).toBeDefined();
    expect(distribution.DefaultCacheBehavior.TargetOriginId).toBe(s3Origin.Id);
    expect(distribution.DefaultCacheBehavior.AllowedMethods).toEqual(['GET', 'HEAD']);
    expect(distribution.DefaultRootObject).toBe('index.html');
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    const [, headers] = ofType('AWS::CloudFront::ResponseHeadersPolicy')[0]!;
    const csp = headers.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy;
    expect(JSON.stringify(csp)).toContain("script-src 'self'");
    expect(JSON.stringify(csp)).not.toContain('unsafe-inline');
    expect(JSON.stringify(csp)).toContain("frame-ancestors 'none'");
    // The hosted sign-in's token endpoint is the only other origin the console may call.
    expect(JSON.stringify(csp)).toMatch(/connect-src 'self' https:\/\/.*amazoncognito/);
    const buckets = ofType('AWS::S3::Bucket').map(([, b]) => b.Properties);
    for (const bucket of buckets) expect(bucket.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
  });

  test('without CORS by default; an external admin UI gets exactly its own origins', () => {
    const api = ofType('AWS::ApiGatewayV2::Api')[0]![1];
    expect(api.Properties.CorsConfiguration).toBeUndefined();
    const { template: withCors } = synth({ corsOrigins: ['https://admin.district.example'] });
    withCors.hasResourceProperties('AWS::ApiGatewayV2::Api', { CorsConfiguration: Match.objectLike({ AllowOrigins: ['https://admin.district.example'], AllowHeaders: ['authorization', 'content-type'] }) });
  });

  test('only the routes that use the caller’s address may read the origin secret', () => {
    const users = ROUTES.filter((r) => r.usesClientAddress).map((r) => r.id).sort();
    expect(users).toEqual(['preview-code', 'redeem-code', 'sign-in']);
    const bound = ROUTES.filter((r) => {
      const fn = resources[stack.getLogicalId(stack.api.functions[r.id]!.node.defaultChild as never)]!;
      return fn.Properties.Environment.Variables.ORIGIN_VERIFY_SECRET_ARN !== undefined;
    }).map((r) => r.id).sort();
    expect(bound).toEqual(users);
  });

  test('outside us-east-1 the web ACL gets its own stack there, referenced across regions', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const { service, edge } = composeApp(app, { account: '123456789012', region: 'eu-west-1' });
    expect(edge!.region).toBe('us-east-1');
    Template.fromStack(edge!).resourceCountIs('AWS::WAFv2::WebACL', 1);
    const serviceTemplate = Template.fromStack(service);
    serviceTemplate.resourceCountIs('AWS::WAFv2::WebACL', 0);
    serviceTemplate.resourceCountIs('AWS::CloudFront::Distribution', 1);
    const inUsEast1 = composeApp(new App({ context: { 'aws:cdk:bundling-stacks': [] } }), { account: '123456789012', region: 'us-east-1' });
    expect(inUsEast1.edge).toBeUndefined();
  });
});

test('tables can be pre-warmed for a district-wide Reset All (context tableWarmWrites); none is by default; a wrong value refuses to synth', () => {
  const warm = (context: Record<string, string>) => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [], ...context } });
    return composeApp(app, { account: '123456789012', region: 'us-east-1' }).service;
  };
  expect(Object.values(resources).filter((r) => r.Type === 'AWS::DynamoDB::GlobalTable' && r.Properties.WarmThroughput)).toEqual([]);
  const service = warm({ tableWarmWrites: 'codes=40000, students=20000/24000' });
  const tableOf = (name: 'codes' | 'students' | 'audit') => Template.fromStack(service).toJSON().Resources[service.getLogicalId(service.data.tables[name].node.defaultChild as never)].Properties;
  expect(tableOf('codes').WarmThroughput).toEqual({ WriteUnitsPerSecond: 40000 });
  expect(tableOf('students').WarmThroughput).toEqual({ WriteUnitsPerSecond: 20000, ReadUnitsPerSecond: 24000 });
  expect(tableOf('audit').WarmThroughput).toBeUndefined();
  expect(() => warm({ tableWarmWrites: 'kodes=40000' })).toThrow(/names no table "kodes"/);
  expect(() => warm({ tableWarmWrites: 'codes=lots' })).toThrow(/whole numbers/);
});
