/**
 * Table definitions as plain data: the CDK stack and the local runtime both build tables from
 * this, so the two cannot drift. Only names and keys live here; no SDK or CDK imports.
 *
 * Every table uses generic key attribute names (`pk`, `sk`) whose values come from `keys.ts`.
 */
export interface IndexDefinition {
  partitionKey: string;
  sortKey?: string;
  /** Attributes copied into the index besides the keys; `all` copies every attribute. */
  projection: 'keys' | 'all' | readonly string[];
}

export interface TableDefinition {
  partitionKey: string;
  sortKey?: string;
  /** Attribute holding an epoch-seconds expiry; DynamoDB TTL deletes the item some time after. */
  ttlAttribute?: string;
  /** Publish new items on a DynamoDB stream (in AWS; the local runtime reads the table instead). */
  streamNewItems?: boolean;
  indexes: Record<string, IndexDefinition>;
}

const DEFINITIONS = {
  /** Districts' schools and their settings; `byDistrict` lists a district's schools. */
  schools: { partitionKey: 'pk', indexes: { byDistrict: { partitionKey: 'districtId', sortKey: 'schoolId', projection: 'all' } } },
  /**
   * Students, one item each, holding the current access code. `byDistrictSchool` lists a school's
   * students in name order; it projects no code attributes, so a Reset All never writes the
   * index (one hot partition per school) but only the spread-out base items. `grade` is there
   * so an export of one grade counts its students from the index alone. `byFirstName` orders
   * them by first name (`firstNameKey` = folded `first|last|id`, keys only) so a name search can
   * start from either name (shared/domain/name-search.ts); only a roster write changes it.
   */
  students: {
    partitionKey: 'pk',
    indexes: {
      byDistrictSchool: {
        partitionKey: 'districtSchool',
        sortKey: 'nameKey',
        projection: ['studentId', 'firstName', 'lastName', 'studentNumber', 'grade'],
      },
      byFirstName: { partitionKey: 'districtSchool', sortKey: 'firstNameKey', projection: 'keys' },
      byStudentNumber: { partitionKey: 'numberKey', projection: 'keys' },
    },
  },
  /** Code lookup: keyed hash → student. Put with attribute_not_exists, so codes are unique. */
  codes: { partitionKey: 'pk', ttlAttribute: 'expiresAtEpoch', indexes: {} },
  /**
   * Parents (portal contacts and their portal accounts) belong to a district, so one parent can
   * link children in many schools. User-name claim items (`USERNAME#…`) in the same table keep
   * user names unique per district. `byName`, `byFirstName` (`firstNameKey` = folded
   * `first|last|id`) and `byEmail` serve staff look-ups; account fields are not projected, so
   * sign-ins never write the indexes.
   */
  parents: {
    partitionKey: 'pk',
    indexes: {
      byName: { partitionKey: 'districtId', sortKey: 'nameKey', projection: ['parentId'] },
      byFirstName: { partitionKey: 'districtId', sortKey: 'firstNameKey', projection: 'keys' },
      byEmail: { partitionKey: 'emailKey', projection: 'keys' },
    },
  },
  /** Parent/student links live in the student's partition; `byParent` answers "my students". */
  links: {
    partitionKey: 'pk',
    sortKey: 'sk',
    indexes: { byParent: { partitionKey: 'parentKey', sortKey: 'studentKey', projection: 'all' } },
  },
  /** Audit events per school in time order. */
  audit: {
    partitionKey: 'pk',
    sortKey: 'sk',
    /**
     * A student's and a parent's events within one trail, newest first, so `?studentId=` and
     * `?parentId=` read only what matches (bounded work, however large the school's trail).
     * Only events naming a student or parent are indexed; a bulk job's per-page events are not.
     */
    indexes: {
      byStudent: { partitionKey: 'studentKey', sortKey: 'sk', projection: 'all' },
      byParent: { partitionKey: 'parentKey', sortKey: 'sk', projection: 'all' },
    },
  },
  /** Events for the mail service, written in the change's transaction; streamed to EventBridge in AWS. */
  outbox: { partitionKey: 'pk', ttlAttribute: 'expiresAtEpoch', streamNewItems: true, indexes: {} },
  /**
   * The mail service's own records: one delivery item per notice and recipient (`DELIVERY#…`,
   * so a retried event sends once; TTL after the outbox's week) and the state of each address SES
   * reported on (`ADDRESS#district#email`: bounced or complained, after which nothing is sent).
   */
  mail: { partitionKey: 'pk', ttlAttribute: 'expiresAtEpoch', indexes: {} },
  /**
   * Bulk jobs: the job item (`sk=JOB`) with status and, once finished, the totals; one progress
   * item per segment (`JOB#…#SEG#n`, its own partition) whose page counter makes counting a
   * retried page a no-op. `byDistrictSchool` lists a school's jobs.
   */
  jobs: {
    partitionKey: 'pk',
    sortKey: 'sk',
    indexes: { byDistrictSchool: { partitionKey: 'districtSchool', sortKey: 'createdAt', projection: 'all' } },
  },
  /** Per-school job schedules (mirrored to EventBridge Scheduler in AWS). */
  schedules: { partitionKey: 'pk', sortKey: 'sk', indexes: {} },
  /**
   * The guardians each school's SIS names, one partition per school: a guardian item
   * (`PARENT#id`: the children named, the invitation's state and the hash of its link) and one
   * item per named child (`STUDENT#student#PARENT#id`), so "the guardians of this student" is a
   * range of the same partition, not a scan.
   */
  guardians: { partitionKey: 'pk', sortKey: 'sk', indexes: {} },
  /** Single-use WebAuthn challenges (`WEBAUTHN#id`), gone after a few minutes by TTL. */
  challenges: { partitionKey: 'pk', ttlAttribute: 'expiresAtEpoch', indexes: {} },
  /** Fixed-window failure counters for guessing; TTL cleans up old windows. */
  throttle: { partitionKey: 'pk', ttlAttribute: 'expiresAtEpoch', indexes: {} },
} as const satisfies Record<string, TableDefinition>;

export type TableName = keyof typeof DEFINITIONS;
export const TABLES: Record<TableName, TableDefinition> = DEFINITIONS;
export const TABLE_NAMES = Object.keys(TABLES) as TableName[];

/** The environment variable through which a function learns a table's physical name. */
export function tableEnvVar(table: TableName): string {
  return `TABLE_${table.toUpperCase()}`;
}
