import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { ROUTES } from '../../shared/contract/routes';
import type { RouteDefinition } from '../../shared/contract/route';
import { ParentAccessStack } from '../../infra/stacks/parent-access-stack';
import { TEST_CONTEXT } from '../support/synthesize-app';
import { synthesized, SynthesizedApp, type SynthesizedStack } from '../support/synthesized';
import { PROBE_ROUTE } from '../support/handlers/probe';

/**
 * CloudFormation takes at most 500 resources, 200 parameters and 200 outputs per template (AWS
 * CloudFormation User Guide, "AWS CloudFormation quotas"); a nested stack counts as one resource
 * of its parent, and each value it shares with another stack is a parameter or an output. Every
 * route costs its group's nested stack five resources and an output, the parent two resources,
 * and the monitoring stack a parameter.
 */
const LIMITS = { resources: 500, parameters: 200, outputs: 200 };

function budget(stack: SynthesizedStack) {
  return stack.stacks().map((s) => ({
    template: s.path,
    resources: Object.keys(s.template.Resources).length,
    parameters: Object.keys(s.template.Parameters ?? {}).length,
    outputs: Object.keys(s.template.Outputs ?? {}).length,
  }));
}

function report(title: string, rows: ReturnType<typeof budget>) {
  const lines = rows.map((r) => `  ${r.template.padEnd(40)} ${String(r.resources).padStart(4)} resources ${String(r.parameters).padStart(4)} parameters ${String(r.outputs).padStart(4)} outputs`);
  process.stdout.write(`${title}\n${lines.join('\n')}\n`);
}

test('every template of the app stays under 400 resources, a fifth below the limit', () => {
  const rows = budget(synthesized().service);
  report('Resource budget, the route table as it is:', rows);
  expect(rows.filter((r) => r.resources >= 400)).toEqual([]);
  expect(rows.filter((r) => r.parameters >= LIMITS.parameters || r.outputs >= LIMITS.outputs)).toEqual([]);
});

/**
 * 60 routes more, all in the largest group (the worst case for its nested stack, and the parent
 * carries their routes and integrations too), each bound like the widest route of the table and
 * to every key, secret, the state machine, schedules and the exports bucket, so that its nested
 * stack takes every parameter a route may need.
 */
test('with 60 routes more in one group, every template stays within CloudFormation’s resource, parameter and output limits', () => {
  const sizeOf = (group: RouteDefinition['group']) => ROUTES.filter((r) => r.group === group).length;
  const largest = [...new Set(ROUTES.map((r) => r.group))].sort((a, b) => sizeOf(b) - sizeOf(a))[0]!;
  const widest = [...ROUTES].sort((a, b) => Object.keys(b.tables).length - Object.keys(a.tables).length)[0]!;
  const probes: RouteDefinition[] = Array.from({ length: 60 }, (_, i) => ({
    ...PROBE_ROUTE,
    id: `probe-${i}`,
    path: `/schools/{schoolId}/probe-notes-${i}/{studentId}`,
    group: largest,
    tables: widest.tables,
    usesCodePepper: true,
    usesClientAddress: true,
    codeVault: 'open',
    parentTokenKey: 'sign',
    startsJobs: true,
    managesSchedules: true,
    readsExports: true,
    writesUploads: true,
  }));
  const outdir = mkdtempSync(join(tmpdir(), 'parent-access-budget-'));
  try {
    const app = new App({ outdir, context: TEST_CONTEXT });
    new ParentAccessStack(app, 'ParentAccess', { routes: [...ROUTES, ...probes] });
    app.synth();
    const service = new SynthesizedApp(outdir).service;
    const rows = budget(service);
    report(`Resource budget, with 60 routes more in ${largest}:`, rows);
    expect(service.resources('AWS::ApiGatewayV2::Route')).toHaveLength(ROUTES.length + 60);
    for (const limit of ['resources', 'parameters', 'outputs'] as const) {
      expect({ limit, over: rows.filter((r) => r[limit] >= LIMITS[limit]) }).toEqual({ limit, over: [] });
    }
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
});
