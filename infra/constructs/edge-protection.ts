import { CfnOutput, Duration, Fn, RemovalPolicy, Validations } from 'aws-cdk-lib';
import {
  AllowedMethods, BehaviorOptions, CachePolicy, Distribution, Function as CloudFrontFunction, FunctionCode, FunctionEventType, FunctionRuntime,
  HttpVersion, OriginProtocolPolicy, OriginRequestPolicy, PriceClass, ResponseHeadersPolicy, ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, type IBucket, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { ROUTES } from '../../shared/contract/routes';
import { ORIGIN_VERIFY_HEADER, VIEWER_ADDRESS_HEADER } from '../../shared/contract/edge-headers';
import type { ConsoleSite } from './console-site';

/**
 * Requests one address may send to a route in five minutes before the edge blocks it (AWS WAF rate
 * rules), by route id. One rule per route, matching its path as a prefix, so the preview
 * (`/me/links/preview`) counts against redeem's rule (`/me/links`) too.
 */
export const EDGE_RATE_LIMITS: Record<string, number> = { 'sign-in': 300, 'new-password': 300, 'redeem-code': 300, 'preview-code': 300 };

export interface EdgeProtectionProps {
  /** The API's URL, `https://host` (its custom domain, or the execute-api endpoint): CloudFront's origin for API paths. */
  apiUrl: string;
  /** Added by CloudFront to every origin request, so the API can believe the viewer address. */
  originSecret: ISecret;
  /** A web ACL made in us-east-1 (ParentAccessEdge stack); when absent, this construct makes one. */
  webAclArn?: string;
  /** The console's files: served for every path that is not the API's. */
  site: ConsoleSite;
  /** Receives the distribution's standard logs (accessLogBucket). */
  logs: IBucket;
}

/** The bucket for CloudFront standard logs and the console bucket's server access logs. */
export function accessLogBucket(scope: Construct, id: string): Bucket {
  const logs = new Bucket(scope, id, {
    encryption: BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    // CloudFront standard logs are delivered with object ACLs.
    objectOwnership: ObjectOwnership.OBJECT_WRITER,
    lifecycleRules: [{ expiration: Duration.days(90) }],
    removalPolicy: RemovalPolicy.RETAIN,
  });
  Validations.of(logs).acknowledge({ id: 'AwsSolutions-S1', reason: 'This bucket receives the access logs; logging it too would loop.' });
  return logs;
}

/**
 * The distribution's path patterns that go to the API: one per first path segment of the route
 * table, so a new route under a new segment is routed without an edit here (a test checks that
 * every route matches one, and that none matches the console's files).
 */
export function apiPathPatterns(routes: readonly { path: string }[] = ROUTES): string[] {
  const patterns = routes.map((r) => {
    const [first, ...rest] = r.path.split('/').filter(Boolean);
    return rest.length ? `/${first}/*` : `/${first}`;
  });
  return [...new Set(patterns)].sort();
}

/**
 * CloudFront in front of the API and the console, carrying an AWS WAF web ACL: HTTP APIs cannot
 * take a web ACL themselves (AWS WAF Developer Guide, "Resources that you can protect"). The
 * console and the API share the origin, so the console needs no CORS. A viewer-request function
 * passes the viewer's address, which the API believes only with the secret origin header
 * (shared/http/client-address.ts), so per-address limits and the audit stay right.
 */
export class EdgeProtection extends Construct {
  readonly distribution: Distribution;
  readonly webAcl?: CfnWebACL;

  constructor(scope: Construct, id: string, props: EdgeProtectionProps) {
    super(scope, id);
    if (!props.webAclArn) this.webAcl = edgeWebAcl(this, 'web-acl');
    const viewerAddress = new CloudFrontFunction(this, 'viewer-address', {
      comment: 'Passes the viewer address to the API, replacing any value the client sent',
      runtime: FunctionRuntime.JS_2_0,
      code: FunctionCode.fromInline(
        `function handler(event) { var request = event.request; request.headers['${VIEWER_ADDRESS_HEADER}'] = { value: event.viewer.ip }; return request; }`,
      ),
    });
    const api: BehaviorOptions = {
      origin: new HttpOrigin(Fn.select(2, Fn.split('/', props.apiUrl)), {
        protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
        // A dynamic reference: CloudFormation resolves it at deploy time, the template holds no secret.
        customHeaders: { [ORIGIN_VERIFY_HEADER]: props.originSecret.secretValue.unsafeUnwrap() },
      }),
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      // Answers are per caller and may carry codes: never cached at the edge.
      cachePolicy: CachePolicy.CACHING_DISABLED,
      // Every viewer header but Host (API Gateway must see its own domain), so Authorization passes.
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      responseHeadersPolicy: ResponseHeadersPolicy.SECURITY_HEADERS,
      functionAssociations: [{ function: viewerAddress, eventType: FunctionEventType.VIEWER_REQUEST }],
    };
    this.distribution = new Distribution(this, 'distribution', {
      comment: 'Parent Access: the console and the API behind AWS WAF',
      webAclId: props.webAclArn ?? this.webAcl!.attrArn,
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: props.logs,
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(props.site.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: props.site.headers,
      },
      additionalBehaviors: Object.fromEntries(apiPathPatterns().map((pattern) => [pattern, api])),
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR4',
      reason: 'The default CloudFront domain and certificate serve until a district adds its own domain and certificate (then TLS 1.2 at least).',
    });
    Validations.of(this.distribution).acknowledge({ id: 'AwsSolutions-CFR1', reason: 'Parents and staff are served wherever they are; geo restriction is the district’s choice.' });
    new CfnOutput(this, 'url', { value: `https://${this.distribution.distributionDomainName}`, description: 'The console (/) and the API, through CloudFront and AWS WAF' });
  }
}

/**
 * The web ACL: per-address rate limits on the routes that take guesses or hash passwords, then the
 * AWS managed common and known-bad-inputs rule sets. A web ACL for CloudFront must be made in
 * us-east-1 (AWS WAF Developer Guide, "Using AWS WAF with Amazon CloudFront").
 *
 * A rate rule's scope is the route's path as a prefix of the URL-decoded, lowercased request path,
 * whatever the method: an exact match let `/auth/Sign-In`, `/auth/sign%2Din` or `/auth/sign-in/`
 * pass uncounted (AWS WAF Developer Guide, "Using text transformations"; the transformations run
 * in priority order). It is keyed by the viewer's address (`IP`: WAF on CloudFront sees the viewer).
 * WAF aggregates by whole address only, never by prefix ("Aggregating rate-based rules":
 * https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-type-rate-based-aggregation-options.html),
 * so an IPv6 caller rotating through its /64 gets a count per address here; the app's guessing
 * limits count the /64 (shared/domain/address-block.ts).
 */
export function edgeWebAcl(scope: Construct, id: string): CfnWebACL {
  const visibility = (name: string) => ({ cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName: name });
  const rateLimited = ([routeId, limit]: [string, number], priority: number): CfnWebACL.RuleProperty => {
    const route = ROUTES.find((r) => r.id === routeId)!;
    const pathStartsWith = (prefix: string): CfnWebACL.StatementProperty => ({
      byteMatchStatement: {
        fieldToMatch: { uriPath: {} },
        positionalConstraint: 'STARTS_WITH',
        searchString: prefix.toLowerCase(),
        textTransformations: [{ priority: 0, type: 'URL_DECODE' }, { priority: 1, type: 'LOWERCASE' }],
      },
    });
    return {
      name: `rate-${route.id}`,
      priority,
      action: { block: {} },
      statement: {
        rateBasedStatement: {
          limit,
          evaluationWindowSec: 300,
          aggregateKeyType: 'IP',
          scopeDownStatement: pathStartsWith(route.path),
        },
      },
      visibilityConfig: visibility(`rate-${route.id}`),
    };
  };
  const managed = (name: string, priority: number, counted: string[] = []): CfnWebACL.RuleProperty => ({
    name,
    priority,
    overrideAction: { none: {} },
    statement: {
      managedRuleGroupStatement: { vendorName: 'AWS', name, ruleActionOverrides: counted.map((rule) => ({ name: rule, actionToUse: { count: {} } })) },
    },
    visibilityConfig: visibility(name),
  });
  const rates = Object.entries(EDGE_RATE_LIMITS).map((entry, i) => rateLimited(entry, i));
  return new CfnWebACL(scope, id, {
    scope: 'CLOUDFRONT',
    defaultAction: { allow: {} },
    visibilityConfig: visibility('parent-access-edge'),
    rules: [
      ...rates,
      // A roster upload is larger than the rule set's 8 KB body limit: count those, do not block them.
      managed('AWSManagedRulesCommonRuleSet', rates.length, ['SizeRestrictions_BODY']),
      managed('AWSManagedRulesKnownBadInputsRuleSet', rates.length + 1),
    ],
  });
}
