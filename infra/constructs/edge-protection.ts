import { CfnOutput, Duration, Fn, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  AllowedMethods, CachePolicy, Distribution, Function as CloudFrontFunction, FunctionCode, FunctionEventType, FunctionRuntime,
  HttpVersion, OriginProtocolPolicy, OriginRequestPolicy, PriceClass, ResponseHeadersPolicy, ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { ROUTES } from '../../shared/contract/routes';
import { ORIGIN_VERIFY_HEADER, VIEWER_ADDRESS_HEADER } from '../../shared/contract/edge-headers';

/** Requests one address may send to a route in five minutes before the edge blocks it (AWS WAF rate rules). */
export const EDGE_RATE_LIMITS: Record<string, number> = { 'sign-in': 300, 'redeem-code': 300, 'preview-code': 300 };

export interface EdgeProtectionProps {
  api: HttpApi;
  /** Added by CloudFront to every origin request, so the API can believe the viewer address. */
  originSecret: ISecret;
  /** A web ACL made in us-east-1 (ParentAccessEdge stack); when absent, this construct makes one. */
  webAclArn?: string;
}

/**
 * CloudFront in front of the API, carrying an AWS WAF web ACL: HTTP APIs cannot take a web ACL
 * themselves (AWS WAF Developer Guide, "Resources that you can protect"). A viewer-request
 * function passes the viewer's address, which the API believes only with the secret origin
 * header (shared/http/client-address.ts), so per-address limits and the audit stay right.
 */
export class EdgeProtection extends Construct {
  readonly distribution: Distribution;
  readonly webAcl?: CfnWebACL;

  constructor(scope: Construct, id: string, props: EdgeProtectionProps) {
    super(scope, id);
    if (!props.webAclArn) this.webAcl = edgeWebAcl(this, 'web-acl');
    const logs = new Bucket(this, 'access-logs', {
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      // CloudFront standard logs are delivered with object ACLs.
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(logs).acknowledge({ id: 'AwsSolutions-S1', reason: 'This bucket receives the distribution access logs; logging it too would loop.' });
    const viewerAddress = new CloudFrontFunction(this, 'viewer-address', {
      comment: 'Passes the viewer address to the API, replacing any value the client sent',
      runtime: FunctionRuntime.JS_2_0,
      code: FunctionCode.fromInline(
        `function handler(event) { var request = event.request; request.headers['${VIEWER_ADDRESS_HEADER}'] = { value: event.viewer.ip }; return request; }`,
      ),
    });
    this.distribution = new Distribution(this, 'distribution', {
      comment: 'Parent Access: the API behind AWS WAF',
      webAclId: props.webAclArn ?? this.webAcl!.attrArn,
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: logs,
      defaultBehavior: {
        origin: new HttpOrigin(Fn.select(2, Fn.split('/', props.api.apiEndpoint)), {
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
      },
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR4',
      reason: 'The default CloudFront domain and certificate serve until a district adds its own domain and certificate (then TLS 1.2 at least).',
    });
    Validations.of(this.distribution).acknowledge({ id: 'AwsSolutions-CFR1', reason: 'Parents and staff are served wherever they are; geo restriction is the district’s choice.' });
    new CfnOutput(this, 'url', { value: `https://${this.distribution.distributionDomainName}`, description: 'The API through CloudFront and AWS WAF' });
  }
}

/**
 * The web ACL: per-address rate limits on the routes that take guesses, then the AWS managed
 * common and known-bad-inputs rule sets. A web ACL for CloudFront must be made in us-east-1
 * (AWS WAF Developer Guide, "Using AWS WAF with Amazon CloudFront").
 */
export function edgeWebAcl(scope: Construct, id: string): CfnWebACL {
  const visibility = (name: string) => ({ cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName: name });
  const rateLimited = ([routeId, limit]: [string, number], priority: number): CfnWebACL.RuleProperty => {
    const route = ROUTES.find((r) => r.id === routeId)!;
    const exactly = (fieldToMatch: CfnWebACL.FieldToMatchProperty, searchString: string) => ({
      byteMatchStatement: { fieldToMatch, positionalConstraint: 'EXACTLY', searchString, textTransformations: [{ priority: 0, type: 'NONE' }] },
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
          scopeDownStatement: { andStatement: { statements: [exactly({ uriPath: {} }, route.path), exactly({ method: {} }, route.method)] } },
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
