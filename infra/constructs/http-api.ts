import { CfnOutput, Duration, Validations } from 'aws-cdk-lib';
import { CfnStage, CorsHttpMethod, HttpApi, HttpMethod, HttpNoneAuthorizer, IHttpRouteAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { IKey } from 'aws-cdk-lib/aws-kms';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { Access } from '../../shared/contract/route';
import { LETTER_FONT_FILES } from '../../shared/documents/code-letters';

/** Run-time files a route may ask for (RouteSpec.bundledFiles), repository-relative, copied into `fonts/`. */
const BUNDLED_FILES = { 'letter-fonts': { folder: 'fonts', files: LETTER_FONT_FILES } } as const;
import { TableName } from '../../shared/data/table-schema';
import { ROUTES } from '../../shared/contract/routes';
import type { RouteDefinition } from '../../shared/contract/route';
import { ServiceFunction } from './service-function';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { nagArn } from './nag-arn';
import { BulkJobs } from './bulk-jobs';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Stack } from 'aws-cdk-lib';

export interface JwtIssuer {
  issuer: string;
  audience: string[];
}

export interface ParentAccessApiProps {
  tables: Record<TableName, TableV2>;
  codePepper: ISecret;
  /** The secret CloudFront adds to origin requests, read by routes that use the caller's address. */
  originSecret: ISecret;
  codeVaultKey: IKey;
  parentTokenKey: IKey;
  staffAuth: JwtIssuer;
  /** Another issuer of parent tokens; by default the API itself (its sign-in route) is the issuer. */
  parentAuth?: JwtIssuer;
  jobs: BulkJobs;
  /** Where export jobs keep their files; routes that hand out download links read it. */
  exportsBucket: IBucket;
  /** The route table by default; tests add routes to show a new one is deployed like the rest. */
  routes?: readonly RouteDefinition[];
  /**
   * Origins of an external admin UI allowed to call the API from a browser (CORS). The console
   * itself is served from the API's own CloudFront origin and needs none; default: no CORS at all.
   */
  corsOrigins?: string[];
}

/** Audience of the parent session tokens the sign-in route issues. */
const PARENT_AUDIENCE = 'parent-access-api';

/**
 * The HTTP API: one function and one route per entry of the route table. Staff routes sit behind
 * the staff JWT authorizer, parent routes behind one that trusts this API's own sign-in (it
 * publishes its keys at /.well-known), and only sign-in and key discovery are open.
 */
export class ParentAccessApi extends Construct {
  readonly api: HttpApi;
  readonly functions: Record<string, ServiceFunction> = {};
  private readonly routes: readonly RouteDefinition[];

  constructor(scope: Construct, id: string, props: ParentAccessApiProps) {
    super(scope, id);
    this.routes = props.routes ?? ROUTES;
    this.api = new HttpApi(this, 'http-api', {
      apiName: 'parent-access',
      createDefaultStage: true,
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
    const parentIssuer = props.parentAuth ?? { issuer: this.api.apiEndpoint, audience: [PARENT_AUDIENCE] };
    const authorizers: Record<'staff' | 'parent' | 'none', IHttpRouteAuthorizer> = {
      staff: new HttpJwtAuthorizer('staff-jwt', props.staffAuth.issuer, { jwtAudience: props.staffAuth.audience }),
      parent: new HttpJwtAuthorizer('parent-jwt', parentIssuer.issuer, { jwtAudience: parentIssuer.audience }),
      none: new HttpNoneAuthorizer(),
    };
    this.enableAccessLogs();

    for (const route of this.routes) {
      const fn = new ServiceFunction(this, route.id, {
        entry: route.entry,
        memorySize: route.memorySize,
        environment: { PARENT_TOKEN_ISSUER: this.api.apiEndpoint },
        bundledFiles: route.bundledFiles ? BUNDLED_FILES[route.bundledFiles] : undefined,
      });
      for (const [name, access] of Object.entries(route.tables) as [TableName, Access][]) {
        fn.bindTable(name, props.tables[name], access);
      }
      if (route.usesCodePepper) fn.bindCodePepper(props.codePepper);
      if (route.usesClientAddress) fn.bindOriginSecret(props.originSecret);
      if (route.codeVault) fn.bindCodeVault(props.codeVaultKey, route.codeVault);
      if (route.parentTokenKey) fn.bindParentTokenKey(props.parentTokenKey, route.parentTokenKey);
      if (route.startsJobs) {
        fn.addEnvironment('STATE_MACHINE_ARN', props.jobs.stateMachine.stateMachineArn);
        props.jobs.stateMachine.grantStartExecution(fn);
      }
      if (route.managesSchedules) this.allowScheduling(fn, props.jobs);
      if (route.readsExports) fn.bindExportsBucket(props.exportsBucket, 'read');
      if (route.writesUploads) fn.bindExportsBucket(props.exportsBucket, 'upload');
      const [apiRoute] = this.api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: new HttpLambdaIntegration(`${route.id}-integration`, fn),
        authorizer: authorizers[route.auth],
      });
      if (route.auth === 'none') {
        Validations.of(apiRoute!).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: 'Sign-in and public-key discovery are open by design; sign-in is throttled per account and address.',
        });
      }
      this.functions[route.id] = fn;
    }
    new CfnOutput(this, 'url', { value: this.api.apiEndpoint });
  }

  /** Schedules in the job group only, passing only the scheduler's own role. */
  private allowScheduling(fn: ServiceFunction, jobs: BulkJobs) {
    const stack = Stack.of(this);
    fn.addEnvironment('STATE_MACHINE_ARN', jobs.stateMachine.stateMachineArn);
    fn.addEnvironment('SCHEDULER_ROLE_ARN', jobs.schedulerRole.roleArn);
    fn.addEnvironment('SCHEDULE_GROUP', jobs.scheduleGroupName);
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['scheduler:CreateSchedule', 'scheduler:UpdateSchedule', 'scheduler:DeleteSchedule'],
        resources: [stack.formatArn({ service: 'scheduler', resource: 'schedule', resourceName: `${jobs.scheduleGroupName}/*` })],
      }),
    );
    jobs.schedulerRole.grantPassRole(fn.grantPrincipal);
    Validations.of(fn.role!).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${nagArn(stack, 'scheduler', `schedule/${jobs.scheduleGroupName}/*`)}]`,
      reason: "Schedules are created per school at run time, inside the service's own schedule group only.",
    });
  }

  /** Access logs with request id, status and the caller's address: no bodies, no headers, no tokens. */
  private enableAccessLogs() {
    const logs = new LogGroup(this, 'access-logs', { retention: RetentionDays.ONE_MONTH });
    const stage = this.api.defaultStage!.node.defaultChild as CfnStage;
    stage.accessLogSettings = {
      destinationArn: logs.logGroupArn,
      format: JSON.stringify({
        requestId: '$context.requestId',
        sourceIp: '$context.identity.sourceIp',
        routeKey: '$context.routeKey',
        status: '$context.status',
        latencyMs: '$context.responseLatency',
        integrationError: '$context.integrationErrorMessage',
      }),
    };
    stage.defaultRouteSettings = { throttlingBurstLimit: 200, throttlingRateLimit: 100 };
    // Tighter limits where every request is a guess or a password hash, declared in the route table.
    // RouteSettings is untyped JSON to CDK, so the keys are CloudFormation's own (PascalCase).
    stage.routeSettings = Object.fromEntries(
      this.routes
        .filter((route) => route.throttle)
        .map((route) => [`${route.method} ${route.path}`, { ThrottlingRateLimit: route.throttle!.rate, ThrottlingBurstLimit: route.throttle!.burst }]),
    );
  }
}
