import { CfnOutput, Duration, Stack, Validations } from 'aws-cdk-lib';
import { CfnStage, CorsHttpMethod, DomainName, HttpApi, HttpMethod, HttpNoneAuthorizer, HttpRouteIntegrationBindOptions, IHttpRouteAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ROUTES } from '../../shared/contract/routes';
import type { RouteDefinition } from '../../shared/contract/route';

export interface JwtIssuer {
  issuer: string;
  audience: string[];
}

export interface ParentAccessApiProps {
  /** Who signs staff tokens: the Cognito pool's issuer, or an external one. */
  staffAuth: JwtIssuer;
  /**
   * Another issuer of parent tokens.
   * @default this API itself (its sign-in route), which publishes its keys at /.well-known
   */
  parentAuth?: JwtIssuer;
  /**
   * The routes the API serves; each must get its function through `addRoute` before synthesis.
   * @default ROUTES, the route table (tests add routes to show a new one is deployed like the rest)
   */
  routes?: readonly RouteDefinition[];
  /**
   * Origins of an external admin UI allowed to call the API from a browser (CORS). The console
   * itself is served from the API's own CloudFront origin and needs none.
   * @default no CORS at all
   */
  corsOrigins?: string[];
  /**
   * The API's own domain (a regional custom domain name, with an ACM certificate for it in the
   * stack's region). Given, the default `execute-api` endpoint is disabled, so every request has
   * to come through CloudFront and AWS WAF, which reach the API at this domain.
   * @default none: the `execute-api` endpoint stays open (see the runbook: what still holds)
   */
  customDomain?: ApiCustomDomain;
}

export interface ApiCustomDomain {
  /** For example `api.parents.district.example`; a DNS record must point it at the output `apidomaintarget`. */
  domainName: string;
  /** An ACM certificate for `domainName`, in the API's region. */
  certificateArn: string;
}

/**
 * The stage's throttles (requests per second, steady and burst). API Gateway counts them for the
 * stage (or route) as a whole, whoever sends them; HTTP APIs have no per-client throttling (Developer
 * Guide, "Throttle requests to your HTTP APIs for better throughput": https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-throttling.html),
 * so a low limit is a limit any one caller can spend for everyone: they are ceilings that protect
 * the account's Lambda concurrency, far above normal load, and the per-account, per-address and
 * per-device limits in the app (shared/data/throttle.ts) and AWS WAF's per-address rate rules do
 * the fine work. A route's own ceiling is `throttle` in the route table.
 */
export const STAGE_THROTTLE = { rate: 1000, burst: 2000 };

/** Audience of the parent session tokens the sign-in route issues. */
export const PARENT_AUDIENCE = 'parent-access-api';

/**
 * A Lambda proxy integration whose function is granted API Gateway's invoke by its own stack (see
 * RouteFunction): made here, that permission would cost the parent template one resource per
 * route, and the parent template is the one every route's route and integration share.
 */
class NestedFunctionIntegration extends HttpLambdaIntegration {
  protected override completeBind(_options: HttpRouteIntegrationBindOptions): void {
    // The route's function grants the invoke itself.
  }
}

/**
 * The HTTP API: its stage (access logs, throttling), its authorizers, and one route and
 * integration per entry of the route table, each to the function `addRoute` is given. Staff routes
 * sit behind the staff JWT authorizer, parent routes behind one that trusts this API's own sign-in
 * (it publishes its keys at /.well-known), and only sign-in and key discovery are open.
 *
 * The functions live in the nested stack of their route group; routes and integrations stay here,
 * under the construct paths (so the logical ids) they have always had: CloudFormation creates a
 * resource under a new logical id before it deletes the old one, and two routes of one route key
 * cannot exist at once.
 */
export class ParentAccessApi extends Construct {
  readonly api: HttpApi;
  /** Where clients and CloudFront reach the API: its custom domain when it has one, else the `execute-api` endpoint. */
  readonly url: string;
  /** The custom domain, when given (CloudFront's origin, and the DNS record's target). */
  readonly domain?: DomainName;
  readonly routes: readonly RouteDefinition[];
  /** The function behind each route, by route id, as `addRoute` was given it. */
  readonly functions: Record<string, IFunction> = {};
  private readonly authorizers: Record<RouteDefinition['auth'], IHttpRouteAuthorizer>;

  constructor(scope: Construct, id: string, props: ParentAccessApiProps) {
    super(scope, id);
    this.routes = props.routes ?? ROUTES;
    const keys = new Set<string>();
    for (const route of this.routes) {
      const key = `${route.method} ${route.path}`;
      if (keys.has(key)) throw new Error(`Two routes declare ${key}`);
      keys.add(key);
    }
    if (props.customDomain) {
      const { domainName, certificateArn } = props.customDomain;
      this.domain = new DomainName(this, 'domain', { domainName, certificate: Certificate.fromCertificateArn(this, 'certificate', certificateArn) });
    }
    this.api = new HttpApi(this, 'http-api', {
      apiName: 'parent-access',
      createDefaultStage: true,
      // Without the default endpoint, the API answers only at its custom domain (Developer Guide,
      // "Disable the default endpoint for HTTP APIs":
      // https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-disable-default-endpoint.html),
      // which CloudFront, behind AWS WAF, is the client of. Disabled only with a domain: else nothing could reach it.
      disableExecuteApiEndpoint: this.domain !== undefined,
      defaultDomainMapping: this.domain ? { domainName: this.domain } : undefined,
      // API Gateway answers preflights itself for these origins only (Developer Guide, "Configuring CORS for an HTTP API").
      corsPreflight: props.corsOrigins?.length
        ? {
            allowOrigins: props.corsOrigins,
            allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.PUT, CorsHttpMethod.DELETE],
            allowHeaders: ['authorization', 'content-type'],
            exposeHeaders: ['content-disposition'],
            maxAge: Duration.hours(1),
          }
        : undefined,
    });
    this.url = props.customDomain ? `https://${props.customDomain.domainName}` : this.api.apiEndpoint;
    // The JWT authorizer fetches the issuer's discovery document from the issuer's URL, so the
    // issuer must be an address that answers: the custom domain once the default endpoint is off.
    const parentIssuer = props.parentAuth ?? { issuer: this.url, audience: [PARENT_AUDIENCE] };
    this.authorizers = {
      staff: new HttpJwtAuthorizer('staff-jwt', props.staffAuth.issuer, { jwtAudience: props.staffAuth.audience }),
      parent: new HttpJwtAuthorizer('parent-jwt', parentIssuer.issuer, { jwtAudience: parentIssuer.audience }),
      none: new HttpNoneAuthorizer(),
    };
    this.enableAccessLogs();
    // A route of the table left without a function would leave its stage throttling pointing at
    // nothing, and the API short of a route: refuse to synthesize rather than deploy that.
    this.node.addValidation({
      validate: () => this.routes.filter((route) => !this.functions[route.id]).map((route) => `Route ${route.id} has no function: call addRoute for it`),
    });
    new CfnOutput(this, 'url', { value: this.url });
    if (this.domain) {
      new CfnOutput(this, 'domain-target', { value: this.domain.regionalDomainName, description: `Point a CNAME (or alias) record for ${props.customDomain!.domainName} here` });
    }
  }

  /**
   * Serves `route` with `handler`: an integration and a route behind the route's authorizer. The
   * handler must already allow API Gateway to invoke it (RouteFunction does).
   */
  addRoute(route: RouteDefinition, handler: IFunction): void {
    if (!this.routes.includes(route)) throw new Error(`Route ${route.id} is not one of this API's routes`);
    if (this.functions[route.id]) throw new Error(`Route ${route.id} already has a function`);
    if (Stack.of(handler) === Stack.of(this)) {
      throw new Error(`Route ${route.id}: its function belongs in its route group's nested stack, not beside the API`);
    }
    const [apiRoute] = this.api.addRoutes({
      path: route.path,
      methods: [HttpMethod[route.method]],
      integration: new NestedFunctionIntegration(`${route.id}-integration`, handler),
      authorizer: this.authorizers[route.auth],
    });
    if (route.auth === 'none') {
      Validations.of(apiRoute!).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason: 'Sign-in and public-key discovery are open by design; sign-in is throttled per account and address.',
      });
    }
    this.functions[route.id] = handler;
  }

  /**
   * Access logs with request id, route, status and latency: no bodies, no headers, no tokens.
   * HTTP API access logs take `$context` variables only, none of a request header
   * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging-variables.html),
   * so the viewer address CloudFront passes cannot be logged here: `connectionIp` is the address of
   * the connection API Gateway saw, CloudFront's edge for every request through the distribution.
   * The viewer's address of every request is in CloudFront's standard logs (`c-ip`), and that of
   * every sign-in attempt in the audit trail.
   */
  private enableAccessLogs() {
    const logs = new LogGroup(this, 'access-logs', { retention: RetentionDays.ONE_MONTH });
    const stage = this.api.defaultStage!.node.defaultChild as CfnStage;
    stage.accessLogSettings = {
      destinationArn: logs.logGroupArn,
      format: JSON.stringify({
        requestId: '$context.requestId',
        connectionIp: '$context.identity.sourceIp',
        // The custom domain or the execute-api endpoint: which door the request came through.
        domainName: '$context.domainName',
        routeKey: '$context.routeKey',
        status: '$context.status',
        latencyMs: '$context.responseLatency',
        integrationError: '$context.integrationErrorMessage',
      }),
    };
    stage.defaultRouteSettings = { throttlingBurstLimit: STAGE_THROTTLE.burst, throttlingRateLimit: STAGE_THROTTLE.rate };
    // Lower ceilings where every request is a password hash or a guess (declared in the route
    // table), so a flood of them cannot take all of the account's concurrency.
    // RouteSettings is untyped JSON to CDK, so the keys are CloudFormation's own (PascalCase).
    stage.routeSettings = Object.fromEntries(
      this.routes
        .filter((route) => route.throttle)
        .map((route) => [`${route.method} ${route.path}`, { ThrottlingRateLimit: route.throttle!.rate, ThrottlingBurstLimit: route.throttle!.burst }]),
    );
  }
}
