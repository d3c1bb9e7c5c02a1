import { Stack, Validations } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { Access, RouteDefinition } from '../../shared/contract/route';
import { LETTER_FONT_FILES } from '../../shared/documents/code-letters';
import type { TableName } from '../../shared/data/table-schema';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { JobSchedules } from './job-schedules';
import { nagArn } from './nag-arn';
import { ServiceFunction } from './service-function';

/** Run-time files a route may ask for (RouteSpec.bundledFiles), repository-relative, copied into `fonts/`. */
const BUNDLED_FILES = { 'letter-fonts': { folder: 'fonts', files: LETTER_FONT_FILES } } as const;

/** What route functions may be bound to; each route takes only what its definition declares. */
export interface RouteResources {
  /** The API that invokes the function. */
  api: IHttpApi;
  /**
   * The API's URL, which issues parent tokens (PARENT_TOKEN_ISSUER).
   * @default the API's execute-api endpoint
   */
  apiUrl?: string;
  tables: Record<TableName, ITableV2>;
  codePepper: ISecret;
  /** The secret CloudFront adds to origin requests, read by routes that use the caller's address. */
  originSecret: ISecret;
  codeVaultKey: IKey;
  parentTokenKey: IKey;
  /** The bulk-job state machine, which job routes start. */
  stateMachine: IStateMachine;
  /** The schedule group and the role of the schedules that schedule routes make. */
  schedules: Pick<JobSchedules, 'groupName' | 'role'>;
  /** Where export jobs keep their files; routes that hand out download or upload links use it. */
  exportsBucket: IBucket;
}

/**
 * The function of one route: a ServiceFunction bound to exactly what its definition declares
 * (tables, secrets, keys, the state machine, schedules, the exports bucket), with API Gateway's
 * permission to invoke it from this route's path only. The permission is made here, beside the
 * function: it then lives in the function's (nested) stack, which needs the API's id as one
 * parameter for all its routes, rather than in the API's stack, which would need one resource
 * more per route.
 */
export class RouteFunction extends ServiceFunction {
  readonly route: RouteDefinition;

  constructor(scope: Construct, route: RouteDefinition, resources: RouteResources) {
    const missing = (Object.keys(route.tables) as TableName[]).filter((name) => !resources.tables[name]);
    if (missing.length) throw new Error(`Route ${route.id} names tables that do not exist: ${missing.join(', ')}`);
    super(scope, route.id, {
      entry: route.entry,
      memorySize: route.memorySize,
      environment: { PARENT_TOKEN_ISSUER: resources.apiUrl ?? resources.api.apiEndpoint },
      bundledFiles: route.bundledFiles ? BUNDLED_FILES[route.bundledFiles] : undefined,
    });
    this.route = route;
    for (const [name, access] of Object.entries(route.tables) as [TableName, Access][]) this.bindTable(name, resources.tables[name], access);
    if (route.usesCodePepper) this.bindCodePepper(resources.codePepper);
    if (route.usesClientAddress) this.bindOriginSecret(resources.originSecret);
    if (route.codeVault) this.bindCodeVault(resources.codeVaultKey, route.codeVault);
    if (route.parentTokenKey) this.bindParentTokenKey(resources.parentTokenKey, route.parentTokenKey);
    if (route.startsJobs) {
      this.addEnvironment('STATE_MACHINE_ARN', resources.stateMachine.stateMachineArn);
      resources.stateMachine.grantStartExecution(this);
    }
    if (route.managesSchedules) this.allowScheduling(resources);
    if (route.readsExports) this.bindExportsBucket(resources.exportsBucket, 'read');
    if (route.writesUploads) this.bindExportsBucket(resources.exportsBucket, 'upload');
    this.addPermission('api-invoke', {
      principal: new ServicePrincipal('apigateway.amazonaws.com'),
      // Any stage, any method of this route's path only (as CDK's HttpLambdaIntegration scopes it).
      sourceArn: Stack.of(this).formatArn({ service: 'execute-api', resource: resources.api.apiId, resourceName: `*/*${route.path}` }),
    });
  }

  /** Schedules in the job group only, passing only the scheduler's own role. */
  private allowScheduling({ stateMachine, schedules }: RouteResources) {
    const stack = Stack.of(this);
    this.addEnvironment('STATE_MACHINE_ARN', stateMachine.stateMachineArn);
    this.addEnvironment('SCHEDULER_ROLE_ARN', schedules.role.roleArn);
    this.addEnvironment('SCHEDULE_GROUP', schedules.groupName);
    this.addToRolePolicy(
      new PolicyStatement({
        actions: ['scheduler:CreateSchedule', 'scheduler:UpdateSchedule', 'scheduler:DeleteSchedule'],
        resources: [stack.formatArn({ service: 'scheduler', resource: 'schedule', resourceName: `${schedules.groupName}/*` })],
      }),
    );
    schedules.role.grantPassRole(this.grantPrincipal);
    Validations.of(this.role!).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${nagArn(stack, 'scheduler', `schedule/${schedules.groupName}/*`)}]`,
      reason: "Schedules are created per school at run time, inside the service's own schedule group only.",
    });
  }
}
