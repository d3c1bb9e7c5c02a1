import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RouteDefinition } from '../../shared/contract/route';
import type { TableName } from '../../shared/data/table-schema';
import type { JobTaskDefinition } from '../../infra/job-tasks';
import { NAG_RESULT_FILE, SYNTHESIZED_APP_DIR } from './synthesized-files';

/**
 * The app as `cdk synth` writes it, synthesized once per test run and read by every infra test:
 * the infra project's global setup (test/support/infra-global-setup.ts) synthesizes it into a
 * folder named by the env var SYNTHESIZED_APP_DIR. Run any other way, it is synthesized once per process.
 *
 * Tests find resources by construct path (the `aws:cdk:path` Metadata), across the parent stack
 * and its nested stacks, and follow references through the parameters and outputs that join them.
 */

export interface CfnResource {
  Type: string;
  Properties?: any;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
  Metadata?: Record<string, any>;
}

export interface CfnTemplate {
  Resources: Record<string, CfnResource>;
  Parameters?: Record<string, unknown>;
  Outputs?: Record<string, { Value: unknown }>;
}

/** A resource of one template: the stack that holds it (its construct path), its logical id and its own construct path. */
export interface Located {
  stack: SynthesizedStack;
  logicalId: string;
  path: string;
  resource: CfnResource;
}

/** One template, with those of its nested stacks. */
export class SynthesizedStack {
  readonly nested: Record<string, SynthesizedStack> = {};
  private readonly byPath = new Map<string, Located>();

  constructor(
    /** The construct path of the stack (ParentAccess, ParentAccess/codes-and-links). */
    readonly path: string,
    readonly template: CfnTemplate,
    dir: string,
    /** The parent, and the logical id of this stack's AWS::CloudFormation::Stack there. */
    readonly parent?: { stack: SynthesizedStack; logicalId: string },
  ) {
    for (const [logicalId, resource] of Object.entries(template.Resources)) {
      const path = resource.Metadata?.['aws:cdk:path'] as string | undefined;
      if (path) this.byPath.set(path, { stack: this, logicalId, path, resource });
      if (resource.Type !== 'AWS::CloudFormation::Stack') continue;
      const file = resource.Metadata?.['aws:asset:path'] as string | undefined;
      if (!file || !path) throw new Error(`Nested stack ${logicalId} has no template path: synthesize with aws:cdk:enable-asset-metadata and aws:cdk:enable-path-metadata`);
      const id = path.split('/').at(-2)!.replace(/\.NestedStack$/, '');
      this.nested[id] = new SynthesizedStack(`${this.path}/${id}`, readJson(join(dir, file)), dir, { stack: this, logicalId });
    }
  }

  /** This template and every nested one, parent first. */
  stacks(): SynthesizedStack[] {
    return [this, ...Object.values(this.nested).flatMap((stack) => stack.stacks())];
  }

  /** Every resource of this stack and its nested stacks, or those of one type. */
  resources(type?: string): Located[] {
    return this.stacks().flatMap((stack) =>
      Object.entries(stack.template.Resources)
        .filter(([, resource]) => type === undefined || resource.Type === type)
        .map(([logicalId, resource]) => ({ stack, logicalId, path: resource.Metadata?.['aws:cdk:path'] as string, resource })),
    );
  }

  /** The resource at a construct path (an L2's path names its `Resource`); throws when there is none. */
  at(path: string): Located {
    for (const stack of this.stacks()) {
      const found = stack.byPath.get(path) ?? stack.byPath.get(`${path}/Resource`);
      if (found) return found;
    }
    throw new Error(`No resource at ${path}`);
  }

  /**
   * What a Ref or Fn::GetAtt in this template points to: a resource here, or, through a
   * parameter, what the parent passes, or, through a nested stack's output, what it exports.
   * Undefined for pseudo parameters and anything that is not a reference.
   */
  deref(value: unknown): Located | undefined {
    if (typeof value !== 'object' || value === null) return undefined;
    const { Ref: ref, 'Fn::GetAtt': getAtt } = value as { Ref?: string; 'Fn::GetAtt'?: [string, string] };
    const id = ref ?? getAtt?.[0];
    if (id === undefined) return undefined;
    const resource = this.template.Resources[id];
    if (resource && getAtt?.[1].startsWith('Outputs.')) {
      const nested = Object.values(this.nested).find((stack) => stack.parent!.logicalId === id)!;
      return nested.deref(nested.template.Outputs![getAtt[1].slice('Outputs.'.length)]!.Value);
    }
    if (resource) return { stack: this, logicalId: id, path: resource.Metadata?.['aws:cdk:path'] as string, resource };
    if (ref !== undefined && this.template.Parameters?.[ref] && this.parent) {
      const passed = this.parent.stack.template.Resources[this.parent.logicalId]!.Properties.Parameters[ref];
      return this.parent.stack.deref(passed);
    }
    return undefined;
  }

  /** Every resource a value of this template refers to, however deep in Fn::Join, Fn::Select and the like. */
  referencesIn(value: unknown): Located[] {
    const direct = this.deref(value);
    if (direct) return [direct];
    if (Array.isArray(value)) return value.flatMap((item) => this.referencesIn(item));
    if (typeof value === 'object' && value !== null) return Object.values(value).flatMap((item) => this.referencesIn(item));
    return [];
  }

  /** The IAM statements of the policies attached to a role (by the role's construct path). */
  statementsOf(rolePath: string): any[] {
    const role = this.at(rolePath);
    return role.stack
      .resources('AWS::IAM::Policy')
      .filter((policy) => policy.stack === role.stack)
      .filter((policy) => (policy.resource.Properties.Roles as unknown[]).some((r) => role.stack.deref(r)?.path === role.path))
      .flatMap((policy) => policy.resource.Properties.PolicyDocument.Statement);
  }
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/** A synthesized cloud assembly: its top-level stacks by name, and what cdk-nag found. */
export class SynthesizedApp {
  readonly stacks: Record<string, SynthesizedStack> = {};
  /** What cdk-nag found unacknowledged (`<rule and finding> at <construct path>`), when the synthesis ran it. */
  readonly nagFindings?: string[];

  constructor(readonly dir: string) {
    const manifest = readJson<{ artifacts: Record<string, { type: string; properties?: { templateFile?: string } }> }>(join(dir, 'manifest.json'));
    for (const [name, artifact] of Object.entries(manifest.artifacts)) {
      if (artifact.type !== 'aws:cloudformation:stack') continue;
      this.stacks[name] = new SynthesizedStack(name, readJson(join(dir, artifact.properties!.templateFile!)), dir);
    }
    const nag = join(dir, NAG_RESULT_FILE);
    if (existsSync(nag)) this.nagFindings = readJson<{ findings: string[] }>(nag).findings;
  }

  /** The service's stack, ParentAccess, with its nested stacks. */
  get service(): SynthesizedStack {
    return this.stacks.ParentAccess!;
  }
}

let app: SynthesizedApp | undefined;

/** The app, synthesized once per run (by the global setup) or, without it, once per process. */
export function synthesized(): SynthesizedApp {
  if (!app) {
    let dir = process.env[SYNTHESIZED_APP_DIR];
    if (!dir) {
      dir = mkdtempSync(join(tmpdir(), 'parent-access-synth-'));
      (require('./synthesize-app') as typeof import('./synthesize-app')).synthesizeApp(dir);
    }
    app = new SynthesizedApp(dir);
  }
  return app;
}

/** Construct paths of the service's resources (so of their logical ids), as the stacks build them. */
export const paths = {
  routeFunction: (route: Pick<RouteDefinition, 'id' | 'group'>) => `ParentAccess/${route.group}/${route.id}`,
  routeRole: (route: Pick<RouteDefinition, 'id' | 'group'>) => `ParentAccess/${route.group}/${route.id}-role`,
  taskFunction: (state: JobTaskDefinition['state']) => `ParentAccess/bulk-jobs/jobs/${state}-fn`,
  taskRole: (state: JobTaskDefinition['state']) => `ParentAccess/bulk-jobs/jobs/${state}-fn-role`,
  table: (name: TableName) => `ParentAccess/data/${name}-table`,
  stateMachine: 'ParentAccess/bulk-jobs/jobs/state-machine',
  schedulerRole: 'ParentAccess/jobs/scheduler-role',
  exportsBucket: 'ParentAccess/exports/files',
  alarmTopic: 'ParentAccess/monitoring/monitoring/alarms',
};
