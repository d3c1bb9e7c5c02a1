import { CfnOutput } from 'aws-cdk-lib';
import { CfnStage, HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { TableName } from '../../shared/data/table-schema';
import { ROUTES } from '../routes';
import { ServiceFunction } from './service-function';

export interface JwtIssuer {
  issuer: string;
  audience: string[];
}

export interface ParentAccessApiProps {
  tables: Record<TableName, TableV2>;
  codePepper: ISecret;
  staffAuth: JwtIssuer;
  parentAuth: JwtIssuer;
}

/** The HTTP API: one function and one route per entry of the route table, every route behind a JWT authorizer. */
export class ParentAccessApi extends Construct {
  readonly api: HttpApi;
  readonly functions: Record<string, ServiceFunction> = {};

  constructor(scope: Construct, id: string, props: ParentAccessApiProps) {
    super(scope, id);
    const authorizers = {
      staff: new HttpJwtAuthorizer('staff-jwt', props.staffAuth.issuer, { jwtAudience: props.staffAuth.audience }),
      parent: new HttpJwtAuthorizer('parent-jwt', props.parentAuth.issuer, { jwtAudience: props.parentAuth.audience }),
    };
    this.api = new HttpApi(this, 'http-api', { apiName: 'parent-access', createDefaultStage: true });
    this.enableAccessLogs();

    for (const route of ROUTES) {
      const fn = new ServiceFunction(this, route.id, { entry: route.entry });
      for (const [name, access] of Object.entries(route.tables) as [TableName, 'read' | 'write'][]) {
        fn.bindTable(name, props.tables[name], access);
      }
      if (route.usesCodePepper) fn.bindCodePepper(props.codePepper);
      this.api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: new HttpLambdaIntegration(`${route.id}-integration`, fn),
        authorizer: authorizers[route.auth],
      });
      this.functions[route.id] = fn;
    }
    new CfnOutput(this, 'url', { value: this.api.apiEndpoint });
  }

  /** Access logs with request ids and status only: no bodies, no headers, no tokens. */
  private enableAccessLogs() {
    const logs = new LogGroup(this, 'access-logs', { retention: RetentionDays.ONE_MONTH });
    const stage = this.api.defaultStage!.node.defaultChild as CfnStage;
    stage.accessLogSettings = {
      destinationArn: logs.logGroupArn,
      format: JSON.stringify({
        requestId: '$context.requestId',
        routeKey: '$context.routeKey',
        status: '$context.status',
        latencyMs: '$context.responseLatency',
        integrationError: '$context.integrationErrorMessage',
      }),
    };
    stage.defaultRouteSettings = { throttlingBurstLimit: 200, throttlingRateLimit: 100 };
  }
}
