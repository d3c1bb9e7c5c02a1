import SwaggerParser from '@apidevtools/swagger-parser';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ROUTES } from '../../../shared/contract/routes';
import { openApiDocument } from '../../../shared/contract/openapi';
import { ParentAccessStack } from '../../../infra/stacks/parent-access-stack';
import { givenSchool, startApi, Api, SchoolWorld } from '../../support/world';
import { describeAuthMatrix } from '../../support/auth-matrix';
import { describeFuzz } from '../../support/fuzz';
import { exampleRequest } from '../../support/contract';
import { PROBE_ROUTE } from '../../support/handlers/probe';

/**
 * A route added to the table needs no other edit: given only its definition, CDK deploys it behind
 * the right authorizer, the local server serves it, OpenAPI documents it, and the auth matrix and
 * the fuzzer cover it.
 */
const routes = [...ROUTES, PROBE_ROUTE];
let api: Api;
let world: SchoolWorld;
let other: SchoolWorld;
beforeAll(async () => {
  api = await startApi({ routes });
  world = await givenSchool({ studentCount: 2, parentCount: 1 });
  other = await givenSchool();
});
afterAll(() => api.close());

test("CDK deploys it: a route behind the staff JWT authorizer, and a function in its group's nested stack", () => {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new ParentAccessStack(app, 'Probe', { routes });
  const route = Object.values(Template.fromStack(stack).findResources('AWS::ApiGatewayV2::Route')).find((r) => r.Properties.RouteKey === 'POST /schools/{schoolId}/probe-notes/{studentId}');
  expect(route?.Properties.AuthorizationType).toBe('JWT');
  const group = Template.fromStack(stack.groups[PROBE_ROUTE.group]!);
  expect(Object.keys(group.findResources('AWS::Lambda::Function')).some((id) => id.includes('probenote'))).toBe(true);
  // API Gateway may invoke it, from its own path only.
  expect(JSON.stringify(group.findResources('AWS::Lambda::Permission'))).toContain('/*/*/schools/{schoolId}/probe-notes/{studentId}');
});

test('OpenAPI documents it, with its body and responses', () => {
  const operation = openApiDocument(routes).paths?.['/schools/{schoolId}/probe-notes/{studentId}']?.post;
  expect(operation?.operationId).toBe('probeNote');
  expect(Object.keys(operation?.responses ?? {}).sort()).toEqual(['201', '400', '401', '403', '404']);
});

test('the local server serves it, and the handler factory checks every permission it names', async () => {
  const request = exampleRequest(PROBE_ROUTE, { schoolId: world.school.schoolId, districtId: world.districtId });
  const ok = await api.request(request.method, request.path, { token: world.adminToken, body: request.body });
  expect(ok).toMatchObject({ status: 201, body: { schoolId: world.school.schoolId, studentId: 'st1', note: 'hello' } });
});

test('GET /openapi.json serves the document generated from the table, and it validates', async () => {
  const response = await api.request('GET', '/openapi.json');
  expect(response.status).toBe(200);
  expect(response.body).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
  await expect(SwaggerParser.validate(response.body)).resolves.toBeDefined();
});

describeAuthMatrix([PROBE_ROUTE], () => ({ api, world, other }));
describeFuzz([PROBE_ROUTE], 12, () => ({ api, world }));
