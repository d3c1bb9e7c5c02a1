import { Template } from 'aws-cdk-lib/assertions';
import { ROUTES } from '../../shared/contract/routes';
import { JOB_TYPES } from '../../shared/jobs/registry';
import { METRIC_NAMESPACE, SERVICE_NAME } from '../../shared/metric-names';
import { jobDefinitionOf } from '../../infra/local/job-runner';
import { pageStateOf } from '../../infra/job-tasks';
import { apiPathPatterns } from '../../infra/constructs/edge-protection';
import { paths, synthesized, type Located } from '../support/synthesized';

/**
 * Operations: what ops get from `cdk deploy`, asserted on the synthesized templates (the app as
 * the tests' context configures it: alarm emails, guessing thresholds 30 and 120). What other
 * context changes is options.test.ts's.
 */
const service = synthesized().service;
const template = Template.fromJSON(service.template);
const ofType = (type: string) => service.resources(type);
const parentOfType = (type: string) => ofType(type).filter((r) => r.stack === service);
const alarms = ofType('AWS::CloudWatch::Alarm').map((r) => ({ located: r, id: r.logicalId, ...r.resource.Properties }));
/** Our functions; CDK's BucketDeployment helper (it uploads the console) is CDK's to run, not ours to alarm on. */
const functions = ofType('AWS::Lambda::Function').filter((r) => !r.logicalId.startsWith('CustomCDKBucketDeployment'));
const topic = service.at(paths.alarmTopic);
/** The resources an alarm's actions or metrics point to, through nested stacks' parameters and outputs. */
const referenced = (alarm: { located: Located }, value: unknown) => alarm.located.stack.referencesIn(value).map((r) => r.path);

test('alarms go to an encrypted SNS topic whose subscribers come from context', () => {
  expect(ofType('AWS::SNS::Topic').map((t) => t.path)).toEqual([topic.path]);
  expect(topic.resource.Properties.KmsMasterKeyId).toBeDefined();
  const emails = ofType('AWS::SNS::Subscription').map((r) => r.resource.Properties);
  expect(emails.map((s) => [s.Protocol, s.Endpoint]).sort()).toEqual([['email', 'oncall@example.org'], ['email', 'ops@example.org']]);
  // The notices' dead-letter alarm too, which stays in the parent stack.
  const silent = alarms.filter((a) => !referenced(a, a.AlarmActions ?? []).includes(topic.path)).map((a) => a.located.path);
  expect(silent).toEqual([]);
});

test('every function is traced, and alarmed on for errors, throttles and a duration near its own timeout', () => {
  expect(functions.filter((f) => f.resource.Properties.TracingConfig?.Mode !== 'Active').map((f) => f.path)).toEqual([]);
  const watching = (metric: string) => alarms.filter((a) => JSON.stringify(a.Metrics ?? []).includes(`"MetricName":"${metric}"`));
  for (const fn of functions) {
    // The alarms name each function by its ARN, a parameter of the monitoring stack.
    const mine = (metric: string) => watching(metric).filter((a) => referenced(a, a.Metrics).includes(fn.path));
    const id = fn.path;
    expect({ id, alarms: ['Errors', 'Throttles', 'Duration'].map((metric) => mine(metric).length) }).toEqual({ id, alarms: [1, 1, 1] });
    expect({ id, threshold: mine('Duration')[0]!.Threshold }).toEqual({ id, threshold: fn.resource.Properties.Timeout * 1000 * 0.8 });
  }
  // Grouped to spare the stack's 500-resource budget.
  expect(watching('Errors').length).toBeLessThanOrEqual(Math.ceil(functions.length / 10) + 3);
});

test('the API alarms on 5xx and latency; DynamoDB throttling alarms per table; the dead-letter alarm notifies', () => {
  expect(alarms.filter((a) => a.Namespace === 'AWS/ApiGateway').map((a) => a.MetricName).sort()).toEqual(['5xx', 'Latency']);
  const tables = parentOfType('AWS::DynamoDB::GlobalTable').length;
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
  expect(ofType('AWS::CloudWatch::Dashboard')).toHaveLength(1);
  const body = JSON.stringify(ofType('AWS::CloudWatch::Dashboard')[0]!.resource.Properties.DashboardBody);
  for (const title of ['API requests and errors', 'API latency', 'Function errors', 'Bulk jobs', 'Failed redeems by school', 'Sign-ins failed']) expect(body).toContain(title);
});

test.each(JOB_TYPES)('the %s page worker has reserved concurrency, and waits out its own throttling', (type) => {
  expect(service.at(paths.taskFunction(pageStateOf(type))).resource.Properties.ReservedConcurrentExecutions).toBe(64);
  const reserved = functions.filter((f) => f.resource.Properties.ReservedConcurrentExecutions !== undefined);
  expect(reserved).toHaveLength(JOB_TYPES.length);
  const retries = (jobDefinitionOf(service.nested['bulk-jobs']!.template) as any).States.ForEachSegment.ItemProcessor.States[pageStateOf(type)].Retry;
  const waitForRoom = retries.findIndex((r: { ErrorEquals: string[] }) => r.ErrorEquals.includes('Lambda.TooManyRequestsException'));
  const anyError = retries.findIndex((r: { ErrorEquals: string[] }) => r.ErrorEquals.includes('States.ALL'));
  expect(retries[waitForRoom]).toMatchObject({ MaxAttempts: 25 });
  expect(waitForRoom).toBeLessThan(anyError);
});

describe('edge protection', () => {
  const distribution = parentOfType('AWS::CloudFront::Distribution')[0]!.resource.Properties.DistributionConfig;

  test('the API sits behind CloudFront with AWS WAF: managed rule sets and per-address rate limits', () => {
    const { logicalId: aclId, resource: acl } = parentOfType('AWS::WAFv2::WebACL')[0]!;
    expect(acl.Properties.Scope).toBe('CLOUDFRONT');
    expect(distribution.WebACLId).toEqual({ 'Fn::GetAtt': [aclId, 'Arn'] });
    const rules = acl.Properties.Rules as any[];
    expect(rules.filter((r) => r.Statement.ManagedRuleGroupStatement).map((r) => r.Name)).toEqual(['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet']);
    // The rate rules are throttles.test.ts's.
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
    const fn = parentOfType('AWS::CloudFront::Function')[0]!.resource;
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
    const headers = parentOfType('AWS::CloudFront::ResponseHeadersPolicy')[0]!.resource;
    const csp = headers.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy;
    expect(JSON.stringify(csp)).toContain("script-src 'self'");
    expect(JSON.stringify(csp)).not.toContain('unsafe-inline');
    expect(JSON.stringify(csp)).toContain("frame-ancestors 'none'");
    // The hosted sign-in's token endpoint is the only other origin the console may call.
    expect(JSON.stringify(csp)).toMatch(/connect-src 'self' https:\/\/.*amazoncognito/);
    const buckets = ofType('AWS::S3::Bucket').map((b) => b.resource.Properties);
    for (const bucket of buckets) expect(bucket.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
  });

  test('without CORS by default', () => {
    const api = parentOfType('AWS::ApiGatewayV2::Api')[0]!.resource;
    expect(api.Properties.CorsConfiguration).toBeUndefined();
  });

  test('only the routes that use the caller’s address may read the origin secret', () => {
    const users = ROUTES.filter((r) => r.usesClientAddress).map((r) => r.id).sort();
    expect(users).toEqual([
      'accept-invitation', 'complete-password-reset', 'passkey-sign-in', 'preview-code', 'preview-invitation', 'recover-user-name', 'redeem-code', 'request-lost-code', 'request-password-reset', 'sign-in',
    ]);
    const bound = ROUTES.filter((r) => service.at(paths.routeFunction(r)).resource.Properties.Environment.Variables.ORIGIN_VERIFY_SECRET_ARN !== undefined)
      .map((r) => r.id)
      .sort();
    expect(bound).toEqual(users);
  });

  // Issue 21's gap: letters made in AWS carried no QR code and passkeys had no relying party.
  test('the routes that link to the portal (letters, passkeys) and the job file step are told its address: the distribution', () => {
    const told = ROUTES.filter((r) => service.at(paths.routeFunction(r)).resource.Properties.Environment.Variables.PORTAL_URL !== undefined).map((r) => r.id).sort();
    expect(told).toEqual(ROUTES.filter((r) => r.usesPortalUrl).map((r) => r.id).sort());
    expect(told).toEqual(expect.arrayContaining(['code-letters', 'passkey-sign-in', 'register-passkey']));
    for (const located of [...told.map((id) => service.at(paths.routeFunction(ROUTES.find((r) => r.id === id)!))), service.at(paths.taskFunction('WriteFile'))]) {
      const value = located.resource.Properties.Environment.Variables.PORTAL_URL;
      expect(located.stack.referencesIn(value).map((r) => r.path)).toEqual([expect.stringMatching(/edge\/.*distribution/i)]);
    }
  });
});
