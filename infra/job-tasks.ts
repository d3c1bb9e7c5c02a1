import type { TableName } from '../shared/data/table-schema';
import type { Access } from '../shared/contract/route';

/**
 * The bulk-job state machine's tasks, declared once: the CDK construct makes one function per
 * task, and the local runner overrides each Task state (by state name) with the same handler.
 */
export interface JobTaskDefinition {
  state: 'Plan' | 'ProcessPage' | 'AbandonSegment' | 'Summarize';
  entry: string;
  tables: Partial<Record<TableName, Access>>;
  usesCodePepper?: boolean;
  codeVault?: 'seal' | 'open';
  memorySize?: number;
  timeoutSeconds: number;
}

const everything: Partial<Record<TableName, Access>> = {
  schools: 'read', students: 'write', codes: 'write', links: 'write', parents: 'write', audit: 'append', outbox: 'write', jobs: 'write',
};

export const JOB_TASKS: readonly JobTaskDefinition[] = [
  { state: 'Plan', entry: 'functions/jobs/plan.ts', tables: { schools: 'read', students: 'read', parents: 'read', jobs: 'write', audit: 'append' }, timeoutSeconds: 300 },
  // A page of 100 items; resets are quick, but 100 scrypt hashes for set-passwords take ~50 s of one vCPU.
  { state: 'ProcessPage', entry: 'functions/jobs/process-page.ts', tables: everything, usesCodePepper: true, codeVault: 'seal', memorySize: 1769, timeoutSeconds: 300 },
  { state: 'AbandonSegment', entry: 'functions/jobs/abandon-segment.ts', tables: { jobs: 'write' }, timeoutSeconds: 30 },
  { state: 'Summarize', entry: 'functions/jobs/summarize.ts', tables: { jobs: 'write', audit: 'append' }, timeoutSeconds: 30 },
];
