import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, CfnResource, NestedStack, Stack } from 'aws-cdk-lib';
import { ServiceFunction } from '../../infra/constructs/service-function';
import { ParentAccessStack } from '../../infra/stacks/parent-access-stack';
import { JOB_TASKS } from '../../infra/job-tasks';
import { ROUTES } from '../../shared/contract/routes';
import { TABLE_NAMES, type TableName } from '../../shared/data/table-schema';
import { parseGrant, type TableGrants } from '../../shared/data/table-access';

// Every function's DynamoDB rights, read from the synthesized templates (the root stack and every
// nested stack, wherever a function lands): exactly the actions its route or task declares, on
// exactly the declared tables and indexes. The local runtime refuses anything else
// (test/integration/api/local-grants.test.ts), so what passes there is what IAM allows here.
// PRINT_GRANTS=1 prints the table of every function's actions.

type Template = { Resources: Record<string, { Type: string; Properties: any }>; Parameters?: Record<string, unknown> };
type Statement = { Effect: string; Action: string | string[]; Resource: unknown };

const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
const stack = new ParentAccessStack(app, 'Test');
const assembly = app.synth();
const stacks = [stack, ...stack.node.findAll().filter((c): c is NestedStack => NestedStack.isNestedStack(c))];
const templates = new Map<Stack, Template>(
  stacks.map((s) => [
    s,
    (NestedStack.isNestedStack(s) ? JSON.parse(readFileSync(join(assembly.directory, s.templateFile), 'utf8')) : assembly.getStackByName(s.stackName).template) as Template,
  ]),
);
const logicalIdOf = (construct: { node: { defaultChild?: unknown } }) => Stack.of(construct as never).getLogicalId(construct.node.defaultChild as CfnResource);
const tableIds = new Map(TABLE_NAMES.map((name) => [logicalIdOf(stack.data.tables[name]), name] as const));

/** A resource expression as `table:<name>` or `table:<name>/index/<index>`, following nested stacks' parameters to the root. */
function resourceName(value: unknown, where: Stack): string {
  if (typeof value === 'string') return value;
  const token = value as Record<string, any>;
  if (token.Ref && NestedStack.isNestedStack(where) && templates.get(where)!.Parameters?.[token.Ref]) {
    const parent = Stack.of(where.nestedStackResource!);
    const passed = templates.get(parent)!.Resources[parent.getLogicalId(where.nestedStackResource as CfnResource)]!.Properties.Parameters[token.Ref];
    return resourceName(passed, parent);
  }
  if (token['Fn::GetAtt'] && where === stack && tableIds.has(token['Fn::GetAtt'][0]) && token['Fn::GetAtt'][1] === 'Arn') return `table:${tableIds.get(token['Fn::GetAtt'][0])}`;
  if (token['Fn::Join']) return (token['Fn::Join'][1] as unknown[]).map((part) => resourceName(part, where)).join(token['Fn::Join'][0]);
  return JSON.stringify(token);
}

/** Every IAM statement anywhere: identity policies, and roles' inline policies. */
function allStatements(): { where: Stack; roles: string[]; statement: Statement }[] {
  return [...templates].flatMap(([where, template]) =>
    Object.entries(template.Resources).flatMap(([id, resource]) => {
      if (resource.Type === 'AWS::IAM::Policy' || resource.Type === 'AWS::IAM::ManagedPolicy') {
        const roles = (resource.Properties.Roles ?? []).map((role: { Ref?: string }) => role.Ref ?? JSON.stringify(role));
        return (resource.Properties.PolicyDocument.Statement as Statement[]).map((statement) => ({ where, roles, statement }));
      }
      if (resource.Type === 'AWS::IAM::Role') {
        return (resource.Properties.Policies ?? []).flatMap((policy: { PolicyDocument: { Statement: Statement[] } }) => policy.PolicyDocument.Statement.map((statement) => ({ where, roles: [id], statement })));
      }
      return [];
    }),
  );
}
const statements = allStatements();

/** `dynamodb:Action on table:name[/index/i]`, each granted pair once. */
function dynamoGrantsOf(fn: ServiceFunction): string[] {
  const where = Stack.of(fn.role!);
  const roleId = where.getLogicalId(fn.role!.node.defaultChild as CfnResource);
  const pairs = statements
    .filter((s) => s.where === where && s.roles.includes(roleId))
    .flatMap(({ statement }) => {
      const actions = [statement.Action].flat().filter((action) => action.startsWith('dynamodb:'));
      if (actions.length && statement.Effect !== 'Allow') throw new Error(`Unexpected ${statement.Effect} statement`);
      return actions.flatMap((action) => [statement.Resource].flat().map((resource) => `${action} on ${resourceName(resource, where)}`));
    });
  return [...new Set(pairs)].sort();
}

function declared(tables: TableGrants): string[] {
  return (Object.entries(tables) as [TableName, NonNullable<TableGrants[TableName]>][])
    .flatMap(([table, access]) => access.map((grant) => parseGrant(table, grant)).map(({ action, index }) => `dynamodb:${action} on table:${table}${index ? `/index/${index}` : ''}`))
    .sort();
}

const routeFunctions = stack.node.findAll().filter((c): c is ServiceFunction => c instanceof ServiceFunction);
const functions = [
  ...ROUTES.map((route) => ({ name: route.id, tables: route.tables, fn: routeFunctions.find((f) => f.node.id === route.id) })),
  ...JOB_TASKS.map((task) => ({ name: task.state, tables: task.tables, fn: stack.jobs.functions[task.state] as ServiceFunction | undefined })),
];

test.each(functions.map((f) => [f.name, f] as const))('%s holds exactly its declared DynamoDB actions, tables and indexes', (_name, { fn, tables }) => {
  expect(fn).toBeDefined();
  expect(dynamoGrantsOf(fn!)).toEqual(declared(tables));
});

test('no function may Scan, and none has DeleteItem or BatchWriteItem on the audit trail', () => {
  const holders = (action: string, on = '') => functions.filter(({ fn }) => dynamoGrantsOf(fn!).some((pair) => pair.startsWith(`${action} on ${on}`))).map((f) => f.name);
  // Nothing declares Scan: the only scans are the local runtime's start-up and outbox tools.
  expect(holders('dynamodb:Scan')).toEqual([]);
  for (const action of ['dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem']) expect({ action, holders: holders(action, 'table:audit') }).toEqual({ action, holders: [] });
});

test('no role anywhere has a DynamoDB wildcard action, or a grant on every index of a table', () => {
  const wild = statements.flatMap(({ statement }) => {
    const actions = [statement.Action].flat();
    const onDynamo = actions.some((a) => a.startsWith('dynamodb:'));
    return [
      ...actions.filter((a) => a === '*' || (a.startsWith('dynamodb:') && a.includes('*'))),
      ...(onDynamo ? [statement.Resource].flat().map((r) => JSON.stringify(r)).filter((r) => r.includes('/index/*') || r === '"*"') : []),
    ];
  });
  expect(wild).toEqual([]);
});

test('the grants table (PRINT_GRANTS=1 prints it)', () => {
  const rows = functions.map(({ name, fn }) => {
    const byTable = new Map<string, string[]>();
    for (const pair of dynamoGrantsOf(fn!)) {
      const [action, resource] = pair.split(' on table:') as [string, string];
      const [table, , index] = resource.split('/');
      byTable.set(table!, [...(byTable.get(table!) ?? []), `${action.replace('dynamodb:', '')}${index ? `:${index}` : ''}`]);
    }
    return `| ${name} | ${[...byTable].map(([table, actions]) => `${table}: ${actions.join(', ')}`).join('; ') || '—'} |`;
  });
  expect(rows).toHaveLength(ROUTES.length + JOB_TASKS.length);
  if (process.env.PRINT_GRANTS) process.stdout.write(`\n| Function | DynamoDB actions |\n|---|---|\n${rows.join('\n')}\n`);
});
