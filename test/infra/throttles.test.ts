import { ROUTES } from '../../shared/contract/routes';
import { EDGE_RATE_LIMITS } from '../../infra/constructs/edge-protection';
import { STAGE_THROTTLE } from '../../infra/constructs/http-api';
import { synthesized } from '../support/synthesized';

/**
 * Throttles one caller cannot spend for all (issue 20), on the app as `cdk synth` writes it with
 * the tests' default context. What `apiDomainName` changes is options.test.ts's.
 */
const service = synthesized().service;
const one = (type: string) => {
  const found = service.resources(type).filter((r) => r.stack === service);
  expect(found).toHaveLength(1);
  return found[0]!.resource.Properties;
};
const route = (id: string) => ROUTES.find((r) => r.id === id)!;
const GUESSING_ROUTES = ['sign-in', 'new-password', 'redeem-code', 'preview-code'];

// Finding: "route throttles are global to all callers": ~11 junk sign-ins a second made every parent's sign-in fail with 429.
describe('sign-in cannot be throttled for all callers', () => {
  const stage = one('AWS::ApiGatewayV2::Stage');

  test('the stage ceiling is far above normal load: 1,000 requests/s (burst 2,000) for every route', () => {
    expect(stage.DefaultRouteSettings).toEqual({ ThrottlingRateLimit: STAGE_THROTTLE.rate, ThrottlingBurstLimit: STAGE_THROTTLE.burst });
    expect(STAGE_THROTTLE.rate).toBeGreaterThanOrEqual(1000);
  });

  test('the hashing and guessing routes’ own ceilings are 100–300 requests/s, ten to thirty times what one caller could spend before', () => {
    const declared = Object.fromEntries(ROUTES.filter((r) => r.throttle).map((r) => [`${r.method} ${r.path}`, { ThrottlingRateLimit: r.throttle!.rate, ThrottlingBurstLimit: r.throttle!.burst }]));
    expect(Object.keys(declared).sort()).toEqual([
      'POST /auth/invitations/accept', 'POST /auth/invitations/preview', 'POST /auth/lost-code', 'POST /auth/new-password', 'POST /auth/passkey/options', 'POST /auth/passkey/sign-in', 'POST /auth/recovery/password', 'POST /auth/recovery/password/complete', 'POST /auth/recovery/user-name', 'POST /auth/sign-in', 'POST /me/links', 'POST /me/links/preview',
    ]);
    expect(stage.RouteSettings).toEqual(declared);
    expect(['sign-in', 'redeem-code', 'preview-code'].map((id) => route(id).throttle)).toEqual([{ rate: 300, burst: 600 }, { rate: 300, burst: 600 }, { rate: 300, burst: 600 }]);
    for (const id of ['new-password', 'recover-user-name', 'request-password-reset', 'complete-password-reset', 'preview-invitation', 'accept-invitation', 'request-lost-code']) expect(route(id).throttle).toEqual({ rate: 100, burst: 200 });
    for (const limit of Object.values(declared)) expect(limit.ThrottlingRateLimit).toBeLessThanOrEqual(STAGE_THROTTLE.rate);
  });

  test('without apiDomainName the execute-api endpoint stays open (it is CloudFront’s origin), so the app’s per-address limits judge direct callers by their own address', () => {
    expect(one('AWS::ApiGatewayV2::Api').DisableExecuteApiEndpoint).toBeFalsy();
    const api = service.resources('AWS::ApiGatewayV2::Api').find((r) => r.stack === service)!;
    const origin = one('AWS::CloudFront::Distribution').DistributionConfig.Origins.find((o: any) => o.CustomOriginConfig);
    expect(origin.DomainName).toEqual({ 'Fn::Select': [2, { 'Fn::Split': ['/', { 'Fn::GetAtt': [api.logicalId, 'ApiEndpoint'] }] }] });
    expect(service.resources('AWS::ApiGatewayV2::DomainName')).toEqual([]);
  });
});

// Finding: "WAF rate rules match exact paths only" (and "per-address limits key on the full IPv6 address").
describe('WAF rate rules match lowercased, URL-decoded path prefixes, keyed per address', () => {
  const rules = one('AWS::WAFv2::WebACL').Rules as any[];
  const rates = rules.filter((r) => r.Statement.RateBasedStatement);

  test('one blocking rule per sign-in, new-password, redeem and preview, keyed by the viewer’s address, 300 per five minutes', () => {
    expect(rates.map((r) => r.Name)).toEqual(GUESSING_ROUTES.map((id) => `rate-${id}`));
    for (const rule of rates) {
      expect(rule.Action).toEqual({ Block: {} });
      expect(rule.Statement.RateBasedStatement).toMatchObject({ AggregateKeyType: 'IP', Limit: 300, EvaluationWindowSec: 300 });
    }
    expect(Object.keys(EDGE_RATE_LIMITS)).toEqual(GUESSING_ROUTES);
  });

  test('each matches its route’s path as a prefix of the URL-decoded, then lowercased path, whatever the method', () => {
    for (const [i, id] of GUESSING_ROUTES.entries()) {
      expect(rates[i].Statement.RateBasedStatement.ScopeDownStatement).toEqual({
        ByteMatchStatement: {
          FieldToMatch: { UriPath: {} },
          PositionalConstraint: 'STARTS_WITH',
          SearchString: route(id).path.toLowerCase(),
          TextTransformations: [{ Priority: 0, Type: 'URL_DECODE' }, { Priority: 1, Type: 'LOWERCASE' }],
        },
      });
    }
  });

  test('spellings that reach the sign-in route are counted by its rule (the rule applied as AWS WAF applies it)', () => {
    const scope = rates[0].Statement.RateBasedStatement.ScopeDownStatement.ByteMatchStatement;
    const transform: Record<string, (s: string) => string> = { URL_DECODE: (s) => decodeURIComponent(s), LOWERCASE: (s) => s.toLowerCase() };
    const counted = (path: string) =>
      [...scope.TextTransformations].sort((a: any, b: any) => a.Priority - b.Priority).reduce((text: string, t: any) => transform[t.Type]!(text), path).startsWith(scope.SearchString);
    for (const path of ['/auth/sign-in', '/auth/Sign-In', '/AUTH/SIGN-IN', '/auth/sign%2Din', '/auth/sign%2din', '/auth/sign-in/', '/auth/sign-in%2F']) expect({ path, counted: counted(path) }).toEqual({ path, counted: true });
    expect(counted('/auth/sign-out')).toBe(false);
  });

  test('the managed rule sets come after the rate rules', () => {
    expect(rules.map((r) => r.Name)).toEqual([...GUESSING_ROUTES.map((id) => `rate-${id}`), 'AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet']);
    expect(rules.map((r) => r.Priority)).toEqual(rules.map((_, i) => i));
  });
});

// Finding: "the access log's sourceIp behind CloudFront is CloudFront's edge".
test('the access log does not pass CloudFront’s edge off as the caller: it logs the connection address as such, and which domain the request came through', () => {
  const format = JSON.parse(one('AWS::ApiGatewayV2::Stage').AccessLogSettings.Format) as Record<string, string>;
  expect(format).not.toHaveProperty('sourceIp');
  expect(format).toMatchObject({ connectionIp: '$context.identity.sourceIp', domainName: '$context.domainName', requestId: '$context.requestId', routeKey: '$context.routeKey' });
  // HTTP API access logs take $context variables only: no header, no body can reach them.
  for (const value of Object.values(format)) expect(value).toMatch(/^\$context\.[\w.]+$/);
});
