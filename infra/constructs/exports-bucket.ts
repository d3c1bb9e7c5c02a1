import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Key } from 'aws-cdk-lib/aws-kms';
import { BlockPublicAccess, Bucket, BucketEncryption, HttpMethods, type IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export interface ExportsBucketProps {
  /** Where the bucket writes its server access logs (who fetched which file, from where). */
  accessLogs: IBucket;
  /** Days an export (and any leftover part) is kept; default 1. */
  retentionDays?: number;
}

/**
 * Files bulk jobs make: whole-school code exports and letters, each readable every code of a
 * school. A private bucket (no public access, TLS only), encrypted under its own KMS key so
 * reading a file needs that key too, and emptied after a day: staff download through a link that
 * lives minutes (EXPORT_LINK_SECONDS) and is audited; the bucket is no archive.
 */
export class ExportsBucket extends Construct {
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: ExportsBucketProps) {
    super(scope, id);
    const days = props.retentionDays ?? 1;
    this.bucket = new Bucket(this, 'files', {
      encryption: BucketEncryption.KMS,
      encryptionKey: new Key(this, 'key', { description: 'Encrypts exports of parent access codes', enableKeyRotation: true, removalPolicy: RemovalPolicy.RETAIN }),
      bucketKeyEnabled: true,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: 'exports-bucket/',
      lifecycleRules: [{ expiration: Duration.days(days), abortIncompleteMultipartUploadAfter: Duration.days(1) }],
      // The console PUTs large roster files straight here through presigned links. The signature
      // is what authorizes a PUT; CORS only lets the browser send it (the console's own origin
      // cannot be named here without a cycle: distribution → API → functions → this bucket).
      cors: [{ allowedMethods: [HttpMethods.PUT], allowedOrigins: ['*'], allowedHeaders: ['content-type'], maxAge: 3000 }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
