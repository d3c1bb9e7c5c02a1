import type { TableName } from '../shared/data/table-schema';
import type { Access } from '../shared/contract/route';
import { JOB_TYPES, type JobType } from '../shared/jobs/registry';
import type { ExportsAccess } from './constructs/service-function';

/** The Task state (and function) that works the pages of one job type. */
export type PageState = `ProcessPage-${JobType}`;
export const pageStateOf = (type: JobType): PageState => `ProcessPage-${type}`;

/**
 * The bulk-job state machine's tasks, declared once: the CDK construct makes one function per
 * task, and the local runner overrides each Task state (by state name) with the same handler.
 */
export interface JobTaskDefinition {
  state: 'Plan' | PageState | 'AbandonSegment' | 'WriteFile' | 'Summarize' | 'SettleJob';
  /** Page workers: the one job type whose pages this function works (it refuses any other). */
  jobType?: JobType;
  entry: string;
  tables: Partial<Record<TableName, Access>>;
  usesCodePepper?: boolean;
  codeVault?: 'seal' | 'open';
  /** How the task uses the exports bucket (see ServiceFunction.bindExportsBucket). */
  exportsBucket?: ExportsAccess;
  /** Files read at run time (the letter fonts), copied into the bundle. */
  bundledFiles?: 'letter-fonts';
  memorySize?: number;
  timeoutSeconds: number;
}

type PageWork = Pick<JobTaskDefinition, 'tables' | 'usesCodePepper' | 'codeVault' | 'exportsBucket'>;

/**
 * What each job type's pages do, and so the rights of its page worker: one function per type, so
 * that clearing links cannot open codes and a password job cannot touch codes (the state machine
 * picks the worker by the job's type). Every page reads its school and its segment of students
 * and commits to its segment item. A Record, so a new job type does not build without its rights.
 */
const PAGE_WORK: Record<JobType, PageWork> = {
  'reset-codes': {
    tables: { schools: ['GetItem'], students: ['GetItem', 'Query:byDistrictSchool', 'UpdateItem'], codes: ['GetItem', 'PutItem', 'DeleteItem'], audit: ['PutItem'], jobs: ['GetItem', 'UpdateItem'] },
    usesCodePepper: true,
    codeVault: 'seal',
  },
  'clear-links': {
    tables: { schools: ['GetItem'], students: ['GetItem', 'Query:byDistrictSchool', 'UpdateItem'], links: ['Query', 'DeleteItem'], audit: ['PutItem'], outbox: ['PutItem'], jobs: ['GetItem', 'UpdateItem'] },
  },
  'set-passwords': {
    tables: { schools: ['GetItem'], parents: ['GetItem', 'BatchGetItem', 'UpdateItem', 'Query:byName'], audit: ['PutItem'], outbox: ['PutItem'], jobs: ['GetItem', 'UpdateItem'] },
  },
  'export-codes': {
    tables: { schools: ['GetItem'], students: ['GetItem', 'Query:byDistrictSchool', 'UpdateItem'], audit: ['PutItem'], jobs: ['GetItem', 'UpdateItem'] },
    codeVault: 'open',
    exportsBucket: 'parts',
  },
  'code-letters': {
    tables: { schools: ['GetItem'], students: ['GetItem', 'Query:byDistrictSchool', 'UpdateItem'], audit: ['PutItem'], jobs: ['GetItem', 'UpdateItem'] },
    codeVault: 'open',
    exportsBucket: 'parts',
  },
  'code-census': {
    tables: { schools: ['GetItem'], students: ['GetItem', 'Query:byDistrictSchool'], jobs: ['GetItem', 'UpdateItem'] },
    exportsBucket: 'parts',
  },
  'import-oneroster': {
    tables: {
      schools: ['GetItem'],
      students: ['GetItem', 'BatchGetItem', 'PutItem', 'UpdateItem'],
      codes: ['PutItem'],
      parents: ['GetItem', 'BatchGetItem', 'PutItem', 'UpdateItem', 'DeleteItem'],
      links: ['GetItem', 'PutItem'],
      guardians: ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem'],
      audit: ['PutItem'],
      outbox: ['PutItem'],
      jobs: ['GetItem', 'UpdateItem'],
    },
    usesCodePepper: true,
    codeVault: 'seal',
    exportsBucket: 'read',
  },
  'invite-guardians': {
    tables: { schools: ['GetItem'], students: ['GetItem', 'BatchGetItem', 'Query:byDistrictSchool'], guardians: ['GetItem', 'Query', 'UpdateItem'], audit: ['PutItem'], outbox: ['PutItem'], jobs: ['GetItem', 'UpdateItem'] },
  },
  'remind-invitations': {
    tables: { schools: ['GetItem'], students: ['GetItem', 'Query:byDistrictSchool'], guardians: ['GetItem', 'Query', 'UpdateItem'], audit: ['PutItem'], outbox: ['PutItem'], jobs: ['GetItem', 'UpdateItem'] },
  },
};

export const JOB_TASKS: readonly JobTaskDefinition[] = [
  // Plans read an import's upload whole to check it (and write its chunks), hence the memory.
  { state: 'Plan', entry: 'functions/jobs/plan.ts', tables: { schools: ['GetItem'], students: ['Query:byDistrictSchool'], parents: ['GetItem', 'BatchGetItem', 'Query:byName'], jobs: ['GetItem', 'BatchGetItem', 'PutItem', 'UpdateItem'], audit: ['PutItem'] }, exportsBucket: 'plan', memorySize: 1769, timeoutSeconds: 300 },
  // A page of 100 items; resets are quick, but 100 scrypt hashes for set-passwords take ~50 s of one vCPU.
  ...JOB_TYPES.map((type): JobTaskDefinition => ({ state: pageStateOf(type), jobType: type, entry: 'functions/jobs/process-page.ts', ...PAGE_WORK[type], memorySize: 1769, timeoutSeconds: 300 })),
  { state: 'AbandonSegment', entry: 'functions/jobs/abandon-segment.ts', tables: { jobs: ['PutItem', 'UpdateItem'] }, timeoutSeconds: 30 },
  // Joins an export job's parts into one file; letters of a whole school are rendered here (~3 KB a page).
  { state: 'WriteFile', entry: 'functions/jobs/write-file.ts', tables: { schools: ['GetItem'], jobs: ['GetItem', 'BatchGetItem', 'UpdateItem'] }, exportsBucket: 'assemble', bundledFiles: 'letter-fonts', memorySize: 1769, timeoutSeconds: 900 },
  { state: 'Summarize', entry: 'functions/jobs/summarize.ts', tables: { jobs: ['GetItem', 'BatchGetItem', 'UpdateItem'], audit: ['PutItem'] }, timeoutSeconds: 30 },
  // A job whose execution ends without its summary: from the state machine's catch and from the EventBridge rule.
  // Reads the school only to register a job whose execution ended before anything registered it.
  { state: 'SettleJob', entry: 'functions/jobs/settle-job.ts', tables: { schools: ['GetItem'], jobs: ['GetItem', 'BatchGetItem', 'PutItem', 'UpdateItem'], audit: ['PutItem'] }, timeoutSeconds: 30 },
];
