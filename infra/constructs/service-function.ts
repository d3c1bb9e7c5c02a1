import { Duration, Validations } from 'aws-cdk-lib';
import { CfnResource } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { IKey } from 'aws-cdk-lib/aws-kms';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { join } from 'node:path';
import { tableEnvVar, TableName } from '../../shared/data/table-schema';
import type { Access } from '../../shared/contract/route';
import { parseGrant } from '../../shared/data/table-access';
import { nagAttribute } from './nag-arn';
import { BUNDLE_ALIASES, ESBUILD_OPTIONS } from '../bundle-settings';

export interface ServiceFunctionProps {
  /** Handler file relative to the repository root. */
  entry: string;
  /** Default 29 s, just under API Gateway's integration limit. */
  timeout?: Duration;
  /** Default 1024 MB. */
  memorySize?: number;
  environment?: Record<string, string>;
  /** Caps the function's concurrency (bulk-job tasks), so API functions always have room. */
  reservedConcurrentExecutions?: number;
  /** Files (repository-relative) the code reads at run time, copied into the bundle under `folder`. */
  bundledFiles?: { folder: string; files: readonly string[] };
}

const ROOT = join(__dirname, '../..');

/** `parts`: an export page writes its part of the file; `read`: an import page reads its chunk. */
export type ExportsAccess = 'parts' | 'assemble' | 'plan' | 'read' | 'upload';
type S3Action = 's3:PutObject' | 's3:GetObject' | 's3:DeleteObject';
const EXPORTS_GRANTS: Record<ExportsAccess, { objects: Partial<Record<'jobs' | 'uploads', readonly S3Action[]>>; list?: 'jobs' }> = {
  parts: { objects: { jobs: ['s3:PutObject'] } },
  assemble: { objects: { jobs: ['s3:PutObject', 's3:GetObject', 's3:DeleteObject'] }, list: 'jobs' },
  plan: { objects: { jobs: ['s3:PutObject'], uploads: ['s3:GetObject'] } },
  read: { objects: { jobs: ['s3:GetObject'] } },
  upload: { objects: { uploads: ['s3:PutObject'] } },
};

/** esbuild bundles code only: files read at run time are copied next to the handler after bundling. */
function copyInto({ folder, files }: { folder: string; files: readonly string[] }) {
  return {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (inputDir: string, outputDir: string) => [
      `mkdir -p "${outputDir}/${folder}"`,
      ...files.map((file) => `cp "${inputDir}/${file}" "${outputDir}/${folder}/"`),
    ],
  };
}

/**
 * A Lambda function of this service: Node.js 22 on arm64, bundled and minified by the local
 * esbuild, JSON logs kept one month. Tables and secrets are bound through methods that set the
 * env var and the least-privilege grant together, so the two cannot drift apart.
 */
export class ServiceFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}-logs`, { retention: RetentionDays.ONE_MONTH });
    // Our own role instead of AWSLambdaBasicExecutionRole: it may write to this log group only.
    const role = new Role(scope, `${id}-role`, { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    logGroup.grantWrite(role);
    super(scope, id, {
      role,
      logGroup,
      entry: join(ROOT, props.entry),
      handler: 'handler',
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 1024,
      timeout: props.timeout ?? Duration.seconds(29),
      // X-Ray active tracing: Lambda records each invocation's init and handler segments itself.
      tracing: Tracing.ACTIVE,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      projectRoot: ROOT,
      depsLockFilePath: join(ROOT, 'package-lock.json'),
      environment: {
        POWERTOOLS_SERVICE_NAME: 'parent-access',
        POWERTOOLS_LOG_LEVEL: 'INFO',
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
      bundling: {
        minify: ESBUILD_OPTIONS.minify,
        sourceMap: true,
        target: ESBUILD_OPTIONS.target,
        format: OutputFormat.CJS,
        externalModules: ESBUILD_OPTIONS.external,
        esbuildArgs: { '--alias': Object.entries(BUNDLE_ALIASES).map(([from, to]) => `${from}=${to}`) },
        ...(props.bundledFiles ? { commandHooks: copyInto(props.bundledFiles) } : {}),
      },
    });
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'Active tracing: X-Ray PutTraceSegments and PutTelemetryRecords accept no resource scope.',
    });
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'Node.js 22 is the runtime the product is specified for and the one its tests run on.',
    });
  }

  /**
   * A table: its env var, and exactly the declared actions — item actions on the table's ARN, a
   * Query or Scan of an index on that index's own ARN (`<table ARN>/index/<name>`), never
   * `index/*` nor a wildcard action. Written out rather than CDK's grantReadData/grantReadWriteData,
   * which add Scan, DeleteItem, BatchWriteItem and DescribeTable to every function.
   */
  bindTable(name: TableName, table: ITableV2, access: Access): void {
    if (access.length === 0) throw new Error(`${this.node.id} binds the ${name} table with no actions`);
    this.addEnvironment(tableEnvVar(name), table.tableName);
    const onTable = new Set<string>();
    const onIndexes = new Map<string, Set<string>>();
    for (const grant of access) {
      const { action, index } = parseGrant(name, grant);
      if (index === undefined) onTable.add(`dynamodb:${action}`);
      else onIndexes.set(`dynamodb:${action}`, (onIndexes.get(`dynamodb:${action}`) ?? new Set()).add(`${table.tableArn}/index/${index}`));
    }
    if (onTable.size) this.addToRolePolicy(new PolicyStatement({ actions: [...onTable], resources: [table.tableArn] }));
    for (const [action, indexes] of onIndexes) this.addToRolePolicy(new PolicyStatement({ actions: [action], resources: [...indexes] }));
  }

  /** `sign`: may sign parent tokens with the KMS key; `verify`: may only read its public key. */
  bindParentTokenKey(key: IKey, use: 'sign' | 'verify'): void {
    this.addEnvironment('PARENT_SIGNING_KMS_KEY_ID', key.keyArn);
    key.grant(this, 'kms:GetPublicKey', ...(use === 'sign' ? ['kms:Sign'] : []));
  }

  /**
   * `seal`: may make data keys (kms:GenerateDataKey) to seal new codes; `open`: may decrypt them
   * (kms:Decrypt) to show stored codes. Both only under the code purpose's encryption context.
   */
  bindCodeVault(key: IKey, use: 'seal' | 'open'): void {
    this.addEnvironment('CODE_VAULT_KMS_KEY_ID', key.keyArn);
    this.addToRolePolicy(
      new PolicyStatement({
        actions: [use === 'seal' ? 'kms:GenerateDataKey' : 'kms:Decrypt'],
        resources: [key.keyArn],
        conditions: { StringEquals: { 'kms:EncryptionContext:purpose': 'parent-access-code' } },
      }),
    );
  }

  /** Lets the function believe the viewer address CloudFront passes (see shared/http/client-address.ts). */
  bindOriginSecret(secret: ISecret): void {
    this.addEnvironment('ORIGIN_VERIFY_SECRET_ARN', secret.secretArn);
    secret.grantRead(this);
  }

  /**
   * The exports bucket, by use: `pages` (a job's page puts parts and reads its input), `assemble`
   * (joins parts into the file and removes them), `plan` (reads an upload, writes a job's input),
   * `read` (reads files, and so signs download links), `upload` (signs upload links). Only under
   * `jobs/` (what jobs write) and `uploads/` (what staff upload).
   */
  bindExportsBucket(bucket: IBucket, access: ExportsAccess): void {
    this.addEnvironment('EXPORTS_BUCKET', bucket.bucketName);
    // Written out rather than CDK's grant helpers, whose action wildcards (s3:GetObject*, s3:Abort*,
    // kms:ReEncrypt*) are more than any of these functions needs.
    const grants = EXPORTS_GRANTS[access];
    const statements = Object.entries(grants.objects).map(
      ([prefix, actions]) => new PolicyStatement({ actions: [...actions], resources: [bucket.arnForObjects(`${prefix}/*`)] }),
    );
    if (grants.list) statements.push(new PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn], conditions: { StringLike: { 's3:prefix': `${grants.list}/*` } } }));
    for (const statement of statements) this.addToRolePolicy(statement);
    // SSE-KMS: writing needs a data key, reading needs it decrypted (Amazon S3 User Guide,
    // "Using server-side encryption with AWS KMS keys": permissions).
    const actions = Object.values(grants.objects).flat();
    const keyActions = [...(actions.includes('s3:PutObject') ? ['kms:GenerateDataKey'] : []), ...(actions.includes('s3:GetObject') ? ['kms:Decrypt'] : [])];
    if (bucket.encryptionKey && keyActions.length) this.addToRolePolicy(new PolicyStatement({ actions: keyActions, resources: [bucket.encryptionKey.keyArn] }));
    // cdk-nag names the bucket's ARN by its logical id in its own stack, by the reference parameter in a nested one.
    const bucketArn = nagAttribute(this, bucket.node.defaultChild as CfnResource, 'Arn');
    for (const prefix of Object.keys(grants.objects)) {
      Validations.of(this.role!).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${bucketArn}/${prefix}/*]`,
        reason: prefix === 'jobs' ? 'Bulk jobs write and read their files under jobs/ only.' : 'Staff upload roster files under uploads/ only.',
      });
    }
  }

  bindCodePepper(secret: ISecret): void {
    this.addEnvironment('CODE_PEPPER_SECRET_ARN', secret.secretArn);
    secret.grantRead(this);
  }
}
