import type { TableName } from '../shared/data/table-schema';
import type { Access } from '../shared/contract/route';
import type { ExportsAccess } from './constructs/service-function';

/**
 * The bulk-job state machine's tasks, declared once: the CDK construct makes one function per
 * task, and the local runner overrides each Task state (by state name) with the same handler.
 */
export interface JobTaskDefinition {
  state: 'Plan' | 'ProcessPage' | 'AbandonSegment' | 'WriteFile' | 'Summarize' | 'SettleJob';
  entry: string;
  tables: Partial<Record<TableName, Access>>;
  usesCodePepper?: boolean;
  codeVault?: 'seal' | 'open';
  /** Besides sealing, may open stored codes (kms:Decrypt). */
  opensCodes?: boolean;
  /** How the task uses the exports bucket (see ServiceFunction.bindExportsBucket). */
  exportsBucket?: ExportsAccess;
  /** Files read at run time (the letter fonts), copied into the bundle. */
  bundledFiles?: 'letter-fonts';
  memorySize?: number;
  timeoutSeconds: number;
}

const everything: Partial<Record<TableName, Access>> = {
  // The union of every job type's page work (shared/jobs/types/*.ts): no Scan, no batch write.
  schools: ['GetItem'],
  students: ['GetItem', 'PutItem', 'UpdateItem', 'Query:bySchool'],
  codes: ['PutItem', 'DeleteItem'],
  links: ['Query', 'PutItem', 'DeleteItem'],
  parents: ['GetItem', 'BatchGetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query:byName'],
  audit: ['PutItem'],
  outbox: ['PutItem'],
  jobs: ['GetItem', 'UpdateItem'],
};

export const JOB_TASKS: readonly JobTaskDefinition[] = [
  // Plans read an import's upload whole to check it (and write its chunks), hence the memory.
  { state: 'Plan', entry: 'functions/jobs/plan.ts', tables: { schools: ['GetItem'], students: ['Query:bySchool'], parents: ['GetItem', 'BatchGetItem', 'Query:byName'], jobs: ['GetItem', 'BatchGetItem', 'PutItem', 'UpdateItem'], audit: ['PutItem'] }, exportsBucket: 'plan', memorySize: 1769, timeoutSeconds: 300 },
  // A page of 100 items; resets are quick, but 100 scrypt hashes for set-passwords take ~50 s of one vCPU.
  // Export jobs open codes too (a page's rows of the file); only their pages call the vault to open.
  { state: 'ProcessPage', entry: 'functions/jobs/process-page.ts', tables: everything, usesCodePepper: true, codeVault: 'seal', opensCodes: true, exportsBucket: 'pages', memorySize: 1769, timeoutSeconds: 300 },
  { state: 'AbandonSegment', entry: 'functions/jobs/abandon-segment.ts', tables: { jobs: ['PutItem', 'UpdateItem'] }, timeoutSeconds: 30 },
  // Joins an export job's parts into one file; letters of a whole school are rendered here (~3 KB a page).
  { state: 'WriteFile', entry: 'functions/jobs/write-file.ts', tables: { schools: ['GetItem'], jobs: ['GetItem', 'BatchGetItem', 'UpdateItem'] }, exportsBucket: 'assemble', bundledFiles: 'letter-fonts', memorySize: 1769, timeoutSeconds: 900 },
  { state: 'Summarize', entry: 'functions/jobs/summarize.ts', tables: { jobs: ['GetItem', 'BatchGetItem', 'UpdateItem'], audit: ['PutItem'] }, timeoutSeconds: 30 },
  // A job whose execution ends without its summary: from the state machine's catch and from the EventBridge rule.
  // Reads the school only to register a job whose execution ended before anything registered it.
  { state: 'SettleJob', entry: 'functions/jobs/settle-job.ts', tables: { schools: ['GetItem'], jobs: ['GetItem', 'BatchGetItem', 'PutItem', 'UpdateItem'], audit: ['PutItem'] }, timeoutSeconds: 30 },
];
