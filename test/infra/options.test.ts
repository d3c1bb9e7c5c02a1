import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { composeApp } from '../../infra/compose';
import { ROUTES } from '../../shared/contract/routes';
import { synthesizeWithNag } from '../support/synthesize-app';
import { paths, synthesized, SynthesizedApp } from '../support/synthesized';

/**
 * What the app's context changes (infra/compose.ts), each asserted on one synthesis with all of
 * it set at once, against the run's default synthesis: one synthesis more, not one per option.
 * That synthesis is in another region than us-east-1 and runs cdk-nag as infra/app.ts does, so
 * it also shows the acknowledgements match a concrete region and the web ACL's own stack.
 */
const context = {
  'aws:cdk:bundling-stacks': [],
  'aws:cdk:enable-path-metadata': true,
  'aws:cdk:enable-asset-metadata': true,
  staffIssuer: 'https://idp.example.org',
  staffAudience: 'parent-access',
  corsOrigins: 'https://admin.district.example',
  parentTokenKeyVersion: 2,
  jobPageConcurrency: 0,
  tableWarmWrites: 'codes=40000, students=20000/24000',
  apiDomainName: 'api.parents.district.example',
  apiCertificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d',
};
const compose = (more: Record<string, unknown> = {}, outdir?: string) => {
  const app = new App({ outdir, context: { ...context, ...more } });
  composeApp(app, { account: '123456789012', region: 'eu-west-1' });
  return app;
};

const outdir = mkdtempSync(join(tmpdir(), 'parent-access-options-'));
const nagFindings = synthesizeWithNag(compose({}, outdir), outdir);
afterAll(() => rmSync(outdir, { recursive: true, force: true }));
const synthesizedApp = new SynthesizedApp(outdir);
const configured = synthesizedApp.service;
const standard = synthesized().service;
const ofType = (stack: typeof standard, type: string) => stack.resources(type).map((r) => r.resource);

test('with an external staff issuer (staffIssuer, staffAudience), no pool is created and the staff authorizer trusts that issuer', () => {
  expect(ofType(configured, 'AWS::Cognito::UserPool')).toEqual([]);
  const staff = ofType(configured, 'AWS::ApiGatewayV2::Authorizer').find((a) => a.Properties.Name === 'staff-jwt')!;
  expect(staff.Properties).toMatchObject({ AuthorizerType: 'JWT', JwtConfiguration: { Issuer: 'https://idp.example.org', Audience: ['parent-access'] } });
});

test('an external admin UI (corsOrigins) gets exactly its own origins', () => {
  const [api] = ofType(configured, 'AWS::ApiGatewayV2::Api');
  expect(api!.Properties.CorsConfiguration).toMatchObject({ AllowOrigins: ['https://admin.district.example'], AllowHeaders: ['authorization', 'content-type'] });
});

test('raising parentTokenKeyVersion rotates the parent-token key: a new RSA key signs, the old one leaves the stack retained', () => {
  const keys = (stack: typeof standard) =>
    stack.resources('AWS::KMS::Key').filter((k) => k.resource.Properties.KeySpec === 'RSA_2048').map((k) => ({ id: k.logicalId, retained: k.resource.DeletionPolicy === 'Retain' }));
  const [before, after] = [keys(standard), keys(configured)];
  expect([before.length, after.length]).toEqual([1, 1]);
  expect(after[0]!.id).not.toBe(before[0]!.id);
  expect([before[0]!.retained, after[0]!.retained]).toEqual([true, true]);
});

test('jobPageConcurrency=0 reserves no concurrency for the page workers', () => {
  expect(configured.at(paths.taskFunction('ProcessPage-reset-codes')).resource.Properties.ReservedConcurrentExecutions).toBeUndefined();
  expect(ofType(configured, 'AWS::Lambda::Function').filter((f) => f.Properties.ReservedConcurrentExecutions !== undefined)).toEqual([]);
});

test('tables can be pre-warmed for a district-wide Reset All (tableWarmWrites); none is by default', () => {
  expect(ofType(standard, 'AWS::DynamoDB::GlobalTable').filter((t) => t.Properties.WarmThroughput)).toEqual([]);
  const warmth = (name: 'codes' | 'students' | 'audit') => configured.at(paths.table(name)).resource.Properties.WarmThroughput;
  expect(warmth('codes')).toEqual({ WriteUnitsPerSecond: 40000 });
  expect(warmth('students')).toEqual({ WriteUnitsPerSecond: 20000, ReadUnitsPerSecond: 24000 });
  expect(warmth('audit')).toBeUndefined();
});

// Finding: "route throttles are global to all callers", sent straight to the execute-api endpoint that WAF never sees.
test('sign-in cannot be throttled for all callers: with apiDomainName the execute-api endpoint is disabled, and CloudFront and the parent issuer use that domain', () => {
  const [api] = ofType(configured, 'AWS::ApiGatewayV2::Api');
  expect(api!.Properties.DisableExecuteApiEndpoint).toBe(true);
  const [domain] = ofType(configured, 'AWS::ApiGatewayV2::DomainName');
  expect(domain!.Properties).toMatchObject({
    DomainName: 'api.parents.district.example',
    DomainNameConfigurations: [{ CertificateArn: context.apiCertificateArn, EndpointType: 'REGIONAL' }],
  });
  expect(ofType(configured, 'AWS::ApiGatewayV2::ApiMapping')).toHaveLength(1);
  const origin = ofType(configured, 'AWS::CloudFront::Distribution')[0]!.Properties.DistributionConfig.Origins.find((o: any) => o.CustomOriginConfig);
  expect(origin.DomainName).toBe('api.parents.district.example');
  expect(origin.CustomOriginConfig.OriginProtocolPolicy).toBe('https-only');
  // The JWT authorizer fetches the issuer's keys at the issuer's URL: it must answer there.
  const parent = ofType(configured, 'AWS::ApiGatewayV2::Authorizer').find((a) => a.Properties.Name === 'parent-jwt')!;
  expect(parent.Properties.JwtConfiguration.Issuer).toBe('https://api.parents.district.example');
  const signIn = configured.at(paths.routeFunction(ROUTES.find((r) => r.id === 'sign-in')!));
  expect(signIn.resource.Properties.Environment.Variables.PARENT_TOKEN_ISSUER).toBe('https://api.parents.district.example');
  expect(Object.keys(configured.template.Outputs ?? {}).some((name) => name.startsWith('apidomaintarget'))).toBe(true);
});

test('a wrong value refuses to synthesize', () => {
  expect(() => compose({ tableWarmWrites: 'kodes=40000' })).toThrow(/names no table "kodes"/);
  expect(() => compose({ tableWarmWrites: 'codes=lots' })).toThrow(/whole numbers/);
  expect(() => compose({ jobPageConcurrency: -1 })).toThrow(/jobPageConcurrency must be a whole number/);
  expect(() => compose({ staffAudience: undefined })).toThrow(/staffIssuer needs staffAudience/);
  expect(() => compose({ apiCertificateArn: undefined })).toThrow(/apiDomainName and apiCertificateArn go together/);
  expect(() => compose({ apiCertificateArn: 'my-cert' })).toThrow(/must be an ACM certificate ARN/);
});

test('cdk-nag AwsSolutions finds nothing unacknowledged in another region, with these options', () => {
  expect(nagFindings).toEqual([]);
});

test('outside us-east-1 the web ACL gets its own stack there, referenced across regions', () => {
  expect(synthesizedApp.stacks.ParentAccessEdge!.resources('AWS::WAFv2::WebACL')).toHaveLength(1);
  expect(configured.resources('AWS::WAFv2::WebACL')).toEqual([]);
  expect(configured.resources('AWS::CloudFront::Distribution')).toHaveLength(1);
  expect(Object.keys(synthesized().stacks)).toEqual(['ParentAccess']);
});
