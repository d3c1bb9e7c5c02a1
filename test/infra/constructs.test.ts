import { App, CfnResource, NestedStack, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Code, Function, Runtime } from 'aws-cdk-lib/aws-lambda';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { ROUTES } from '../../shared/contract/routes';
import type { RouteDefinition } from '../../shared/contract/route';
import { BulkJobs } from '../../infra/constructs/bulk-jobs';
import { DataTables } from '../../infra/constructs/data-tables';
import { ParentAccessApi } from '../../infra/constructs/http-api';
import { JobSchedules } from '../../infra/constructs/job-schedules';
import { nagAttribute } from '../../infra/constructs/nag-arn';
import { RouteFunction, type RouteResources } from '../../infra/constructs/route-function';
import { StaffIdentity } from '../../infra/constructs/staff-identity';
import { RouteGroupStack } from '../../infra/stacks/route-group-stack';

/**
 * Constructs on their own, each in a bare Stack (aws-solutions-constructs style): what each makes
 * by default, and misuse that throws rather than deploys.
 */
const bareStack = () => new Stack(new App({ context: { 'aws:cdk:bundling-stacks': [] } }), 'Bare');
const STATE_MACHINE_ARN = 'arn:aws:states:us-east-1:123456789012:stateMachine:parent-access-bulk-jobs';

function routeResources(stack: Stack, api?: HttpApi): RouteResources {
  return {
    api: api ?? new HttpApi(stack, 'stand-in-api'),
    tables: new DataTables(stack, 'data').tables,
    codePepper: new Secret(stack, 'pepper'),
    originSecret: new Secret(stack, 'origin-secret'),
    codeVaultKey: new Key(stack, 'vault'),
    parentTokenKey: new Key(stack, 'token-key'),
    stateMachine: StateMachine.fromStateMachineArn(stack, 'machine', STATE_MACHINE_ARN),
    schedules: { groupName: 'parent-access-jobs', role: new Role(stack, 'scheduler-role', { assumedBy: new ServicePrincipal('scheduler.amazonaws.com') }) },
    exportsBucket: new Bucket(stack, 'exports'),
  };
}
const ofGroup = (group: RouteDefinition['group']) => ROUTES.filter((r) => r.group === group);

describe('RouteGroupStack', () => {
  test("holds one function per route of its group, each invocable by API Gateway from its own route's path only", () => {
    const stack = bareStack();
    const routes = ofGroup('audit');
    const group = new RouteGroupStack(stack, 'audit', { routes, resources: routeResources(stack) });
    const template = Template.fromStack(group);
    template.resourceCountIs('AWS::Lambda::Function', routes.length);
    template.resourceCountIs('AWS::Lambda::Permission', routes.length);
    for (const route of routes) {
      template.hasResourceProperties('AWS::Lambda::Permission', {
        Principal: 'apigateway.amazonaws.com',
        SourceArn: { 'Fn::Join': ['', Match.arrayWith([`/*/*${route.path}`])] },
      });
    }
    expect(group.node.id).toBe('audit');
    expect(Object.keys(group.functions).sort()).toEqual(routes.map((r) => r.id).sort());
  });

  test('refuses a route of another group, no routes, and a group that does not exist', () => {
    const stack = bareStack();
    const resources = routeResources(stack);
    const stranger = ofGroup('parent-portal')[0]!;
    expect(() => new RouteGroupStack(stack, 'audit', { routes: [...ofGroup('audit'), stranger], resources })).toThrow(
      `The audit stack was given routes of other groups: ${stranger.id} (parent-portal)`,
    );
    expect(() => new RouteGroupStack(stack, 'audit', { routes: [], resources })).toThrow(/has no routes/);
    expect(() => new RouteGroupStack(stack, 'reports' as never, { routes: ofGroup('audit'), resources })).toThrow(/No route group "reports"/);
  });
});

describe('RouteFunction', () => {
  test('refuses a route that names a table the service does not have', () => {
    const stack = bareStack();
    const resources = routeResources(stack);
    const route = { ...ofGroup('audit')[0]!, id: 'misdeclared', tables: { ledger: 'read' } } as never;
    expect(() => new RouteFunction(stack, route, resources)).toThrow('Route misdeclared names tables that do not exist: ledger');
  });
});

describe('ParentAccessApi', () => {
  const staffAuth = { issuer: 'https://idp.example.org', audience: ['parent-access'] };

  test('routes each route to the function it is given, and refuses routes it does not serve, twice, or a function beside it', () => {
    const stack = bareStack();
    const routes = ofGroup('audit');
    const api = new ParentAccessApi(stack, 'api', { staffAuth, routes });
    const group = new RouteGroupStack(stack, 'audit', { routes, resources: routeResources(stack, api.api) });
    const [first, second] = routes;
    api.addRoute(first!, group.functions[first!.id]!);
    expect(() => api.addRoute(first!, group.functions[first!.id]!)).toThrow(`Route ${first!.id} already has a function`);
    expect(() => api.addRoute(ofGroup('parent-portal')[0]!, group.functions[first!.id]!)).toThrow(/is not one of this API's routes/);
    const beside = new Function(stack, 'beside', { runtime: Runtime.NODEJS_22_X, handler: 'index.handler', code: Code.fromInline('exports.handler = async () => ({})') });
    expect(() => api.addRoute(second!, beside)).toThrow(/belongs in its route group's nested stack/);
    api.addRoute(second!, group.functions[second!.id]!);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGatewayV2::Route', routes.length);
    // The permission is the function's stack's: none here.
    template.resourceCountIs('AWS::Lambda::Permission', 0);
  });

  test('refuses to synthesize while a route of its table has no function', () => {
    const stack = bareStack();
    new ParentAccessApi(stack, 'api', { staffAuth, routes: ofGroup('audit') });
    expect(() => Template.fromStack(stack)).toThrow(new RegExp(`Route ${ofGroup('audit')[0]!.id} has no function`));
  });

  test('refuses two routes of one method and path', () => {
    const route = ofGroup('audit')[0]!;
    expect(() => new ParentAccessApi(bareStack(), 'api', { staffAuth, routes: [route, { ...route, id: 'again' }] })).toThrow(`Two routes declare ${route.method} ${route.path}`);
  });
});

describe('BulkJobs', () => {
  test('refuses a page concurrency that is not a whole number', () => {
    const stack = bareStack();
    const props = { tables: new DataTables(stack, 'data').tables, exportsBucket: new Bucket(stack, 'exports'), codePepper: new Secret(stack, 'pepper'), codeVaultKey: new Key(stack, 'vault') };
    expect(() => new BulkJobs(stack, 'jobs', { ...props, pageConcurrency: -1 })).toThrow('pageConcurrency must be a whole number (0 for none), not -1');
    expect(() => new BulkJobs(stack, 'jobs2', { ...props, pageConcurrency: 2.5 })).toThrow(/not 2.5/);
  });
});

describe('JobSchedules', () => {
  test('a retained schedule group, and a role that may only start the state machine', () => {
    const stack = bareStack();
    new JobSchedules(stack, 'jobs', { stateMachine: StateMachine.fromStateMachineArn(stack, 'machine', STATE_MACHINE_ARN) });
    const template = Template.fromStack(stack);
    template.hasResource('AWS::Scheduler::ScheduleGroup', { Properties: { Name: 'parent-access-jobs' }, DeletionPolicy: 'Retain' });
    template.hasResourceProperties('AWS::IAM::Role', { AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'scheduler.amazonaws.com' } })] } });
    template.hasResourceProperties('AWS::IAM::Policy', { PolicyDocument: { Statement: [{ Action: 'states:StartExecution', Effect: 'Allow', Resource: STATE_MACHINE_ARN }] } });
  });
});

describe('StaffIdentity', () => {
  test('the console client returns only to configured callbacks and the ones allowed later, never a placeholder', () => {
    const stack = bareStack();
    const identity = new StaffIdentity(stack, 'staff', { callbackUrls: ['https://admin.district.example/callback'] });
    identity.allowCallback('https://console.example/');
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AllowedOAuthFlows: ['code'],
      CallbackURLs: ['https://admin.district.example/callback', 'https://console.example/'],
    });
  });
});

describe('nagAttribute', () => {
  test("names a resource's attribute as cdk-nag prints it: its logical id at home, the parameter CDK makes in a nested stack", () => {
    const stack = bareStack();
    const bucket = new Bucket(stack, 'exports');
    const cfnBucket = bucket.node.defaultChild as CfnResource;
    const nested = new NestedStack(stack, 'nested');
    new Role(nested, 'reader', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') }).addToPolicy(
      new PolicyStatement({ actions: ['s3:GetObject'], resources: [bucket.arnForObjects('jobs/*')] }),
    );
    expect(nagAttribute(stack, cfnBucket, 'Arn')).toBe(`<${stack.getLogicalId(cfnBucket)}.Arn>`);
    const parameters = Object.keys(Template.fromStack(nested).toJSON().Parameters);
    expect(parameters).toContain(nagAttribute(nested, cfnBucket, 'Arn').slice(1, -1));
  });
});
