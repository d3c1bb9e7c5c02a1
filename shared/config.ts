import { AsyncLocalStorage } from 'node:async_hooks';
import { z } from 'zod';
import { TABLE_NAMES, TableName, tableEnvVar } from './data/table-schema';
import type { TableGrants } from './data/table-access';

/**
 * Configuration, parsed once at cold start. A value that is present but wrong fails fast;
 * table names are looked up lazily because each function is bound only to the tables it needs.
 */
export const configSchema = z.object({
  DYNAMODB_ENDPOINT: z.string().url().optional(),
  AWS_REGION: z.string().default('us-east-1'),
  /** Local and test runs: the pepper itself. In AWS it comes from Secrets Manager instead. */
  CODE_PEPPER: z.string().min(32).optional(),
  CODE_PEPPER_SECRET_ARN: z.string().optional(),
  /** Readable codes are sealed at rest: a local master key (hex) here, a KMS key in AWS. */
  CODE_VAULT_KEY: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  CODE_VAULT_KMS_KEY_ID: z.string().optional(),
  THROTTLE_WINDOW_SECONDS: z.coerce.number().int().positive().default(900),
  THROTTLE_MAX_FAILURES_PER_PARENT: z.coerce.number().int().positive().default(5),
  /**
   * Redeem needs a signed-in parent, and parents exist only through the roster, so the tight limit
   * is per parent. Per address it is loose: a school's NAT carries many honest parents. Past
   * REDEEM_ADDRESS_ALERT_FAILURES an address's failures raise a metric for alarms instead.
   */
  THROTTLE_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().positive().default(1000),
  REDEEM_ADDRESS_ALERT_FAILURES: z.coerce.number().int().positive().default(30),
  /** Parent session tokens (RS256): a private RSA JWK locally, a KMS RSA_2048 key in AWS. */
  PARENT_SIGNING_KEY: z.string().optional(),
  PARENT_SIGNING_KMS_KEY_ID: z.string().optional(),
  PARENT_TOKEN_ISSUER: z.string().default('parent-access-local'),
  PARENT_SESSION_MINUTES: z.coerce.number().int().min(5).max(720).default(60),
  /** Failed sign-ins per window from clients without this account's device token. */
  SIGN_IN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().positive().default(5),
  SIGN_IN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().positive().default(50),
  /** Failed sign-ins per window through this account's device tokens, all of them together (the owner's browsers). */
  SIGN_IN_MAX_FAILURES_TRUSTED: z.coerce.number().int().positive().default(10),
  DEVICE_TOKEN_DAYS: z.coerce.number().positive().default(180),
  /** Browsers one account trusts at once; a new one past this forgets the least recently used. */
  MAX_TRUSTED_DEVICES: z.coerce.number().int().min(1).max(20).default(5),
  /** Failed sign-ins without a device token that lock the account to such clients, and for how long. */
  LOCK_AFTER_FAILURES: z.coerce.number().int().positive().default(10),
  LOCK_MINUTES: z.coerce.number().positive().default(30),
  /** Fractions allowed (0.0001 days is under 9 s), so expiry can be exercised locally. */
  TEMPORARY_PASSWORD_DAYS: z.coerce.number().positive().default(3),
  /** Hashing attempts one new-password challenge may make before it is refused. */
  NEW_PASSWORD_MAX_ATTEMPTS: z.coerce.number().int().positive().default(5),
  /** scrypt cost as log2(N): 17 (OWASP) in production; tests lower it so they do not depend on CPU speed. */
  PASSWORD_SCRYPT_LOG2N: z.coerce.number().int().min(10).max(20).default(17),
  /** The bulk-job state machine (AWS); locally the in-process runner is used instead. */
  STATE_MACHINE_ARN: z.string().optional(),
  /** EventBridge Scheduler (AWS): where API-made schedules go and the role they start jobs with. */
  SCHEDULE_GROUP: z.string().optional(),
  SCHEDULER_ROLE_ARN: z.string().optional(),
  /**
   * Jobs (previews included) one school may run at once; a start past it is refused (409
   * JOB_LIMIT). Scheduled runs count but are not refused: a schedule has no one to answer.
   */
  MAX_RUNNING_JOBS_PER_SCHOOL: z.coerce.number().int().min(1).max(50).default(2),
  /**
   * Items one job page works on at once. 32: a job keeps half of its type's page workers (32
   * segments in flight, so two schools' jobs of a type run side by side), and the same ~1,000
   * DynamoDB requests in flight as 64 segments of 16 did.
   */
  JOB_ITEM_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(32),
  /**
   * The secret CloudFront adds to origin requests (`x-origin-verify`): only with it is the viewer
   * address CloudFront passes believed. Locally a plain value (tests); in AWS a secret's ARN.
   */
  ORIGIN_VERIFY_SECRET: z.string().min(32).optional(),
  ORIGIN_VERIFY_SECRET_ARN: z.string().optional(),
  /**
   * Where whole-school exports (CSV, letters) are written: an S3 bucket in AWS, the same bucket
   * name on the local S3-compatible server (`S3_ENDPOINT`) otherwise.
   */
  EXPORTS_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/).optional(),
  S3_ENDPOINT: z.string().url().optional(),
  /** How long a download link of an export lives: short, since it opens every code of a school. */
  EXPORT_LINK_SECONDS: z.coerce.number().int().min(30).max(3600).default(300),
  /** Tests and `npm start` check every response against the route's contract (a mismatch is a 500). */
  CONTRACT_CHECK_RESPONSES: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  /**
   * Debugging grants locally: a file to which every DynamoDB call made inside a local binding
   * appends what it needs (`{ function, table, action, index }`, one JSON line each); nothing
   * is refused while it is set. See shared/data/local-grants.ts.
   */
  LOCAL_GRANTS_RECORD: z.string().min(1).optional(),
  /**
   * The parent portal's address (the console's origin), for links and QR codes in letters and
   * mails. Unset, letters and mails carry no link. `npm start` sets it to the local console.
   */
  PORTAL_URL: z.string().url().optional(),
  /** The address parent mail comes from (a verified SES identity in AWS). */
  MAIL_FROM: z.string().min(3).optional(),
  /** The SES configuration set whose event destinations report bounces and complaints. */
  MAIL_CONFIGURATION_SET: z.string().min(1).optional(),
  /** Off AWS: the SMTP server mail goes to instead of SES (`npm start`'s local mail server). */
  MAIL_SMTP_URL: z.string().regex(/^smtps?:\/\//).optional(),
  /** How long a password reset link works: at most 30 minutes. */
  PASSWORD_RESET_MINUTES: z.coerce.number().positive().max(30).default(30),
  /** Recovery requests (user name, reset link) per window, per account and per address. */
  RECOVERY_MAX_PER_ACCOUNT: z.coerce.number().int().positive().default(3),
  RECOVERY_MAX_PER_ADDRESS: z.coerce.number().int().positive().default(30),
  /**
   * Passkeys (WebAuthn). The relying party is the portal: unset, the RP ID is PORTAL_URL's host
   * name and the expected origin PORTAL_URL's origin. WebAuthn refuses IP addresses as RP IDs,
   * and `npm start` (and the tests) name the portal http://127.0.0.1:port, so a loopback IP
   * becomes `localhost` on the same port: locally, passkeys work with the portal opened at
   * http://localhost:port. Set both when the portal has a domain of its own (a custom domain in
   * front of CloudFront), or to let passkeys span subdomains (RP ID a parent domain of the origin).
   */
  PASSKEY_RP_ID: z.string().regex(/^(?=.{1,253}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/).optional(),
  PASSKEY_ORIGIN: z.string().url().optional(),
  /** The name authenticators show beside the parent's passkey. */
  PASSKEY_RP_NAME: z.string().min(1).max(64).default('Parent Access'),
  /** How long a registration or sign-in challenge may be answered (single use either way). */
  PASSKEY_CHALLENGE_SECONDS: z.coerce.number().int().min(30).max(600).default(300),
  /** Passkeys one account may hold. */
  PASSKEY_MAX_PER_ACCOUNT: z.coerce.number().int().min(1).max(10).default(10),
  /** Failed passkey sign-ins per window and address (a signature cannot be guessed: this caps the work a caller can cause). */
  PASSKEY_SIGN_IN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().positive().default(50),
  /** A page worker's one job type: each type's pages run in a function with that type's rights only. */
  PAGE_JOB_TYPE: z.string().min(1).optional(),
});

/**
 * Locally, every function runs in one process with one environment that names every table. The
 * local server and job runner run each call inside what its function is granted in the stack
 * (its route's or task's `tables`), so a call that reaches another table fails as it would in
 * Lambda, where that table's variable is unset, and an action not granted is refused as IAM
 * would (shared/data/local-grants.ts). A set of table names binds the tables without checking
 * actions. Nothing sets it in Lambda.
 */
export interface LocalBinding {
  functionName: string;
  tables: TableGrants | ReadonlySet<TableName>;
  /** A page worker's job type, as PAGE_JOB_TYPE sets it in Lambda. */
  pageJobType?: string;
}
export const localBindings = new AsyncLocalStorage<LocalBinding>();

/** The binding's grants, or undefined when it names tables only. */
export function grantsOf(binding: LocalBinding): TableGrants | undefined {
  return binding.tables instanceof Set ? undefined : (binding.tables as TableGrants);
}

function bindsTable(binding: LocalBinding, table: TableName): boolean {
  const grants = grantsOf(binding);
  return grants ? Object.hasOwn(grants, table) : (binding.tables as ReadonlySet<TableName>).has(table);
}

export type Config = z.infer<typeof configSchema> & {
  tableName(table: TableName): string;
  /** The job type this page worker runs: PAGE_JOB_TYPE, or locally its binding's. */
  pageJobType(): string | undefined;
  /** The table a physical name belongs to (locally the environment names every table). */
  tableOf(physicalName: string): TableName | undefined;
};

function load(): Config {
  const parsed = configSchema.safeParse(process.env);
  if (!parsed.success) {
    throw new Error(`Invalid configuration: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`);
  }
  const tables = new Map<TableName, string>();
  for (const table of TABLE_NAMES) {
    const name = process.env[tableEnvVar(table)];
    if (name) tables.set(table, name);
  }
  const byPhysicalName = new Map([...tables].map(([table, name]) => [name, table]));
  return {
    ...parsed.data,
    tableName(table) {
      const name = tables.get(table);
      const bound = localBindings.getStore();
      if (!name || (bound && !bindsTable(bound, table))) {
        throw new Error(`${bound?.functionName ?? 'This function'} is not bound to the ${table} table (${tableEnvVar(table)} unset).`);
      }
      return name;
    },
    tableOf(physicalName) {
      return byPhysicalName.get(physicalName);
    },
    pageJobType() {
      return localBindings.getStore()?.pageJobType ?? parsed.data.PAGE_JOB_TYPE;
    },
  };
}

export const config: Config = load();
