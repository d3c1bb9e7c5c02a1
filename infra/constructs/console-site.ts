import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { CfnElement, DefaultStackSynthesizer, Duration, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import { HeadersFrameOption, HeadersReferrerPolicy, ResponseHeadersPolicy, type IDistribution } from 'aws-cdk-lib/aws-cloudfront';
import { BlockPublicAccess, Bucket, BucketEncryption, type IBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { consoleContentSecurityPolicy } from '../console-policy';

/** Where `npm run console` (Vite) writes the app; synth refuses to deploy a console that was never built. */
export const CONSOLE_DIST = resolve(__dirname, '..', '..', 'console', 'dist');

/** What the console reads from /console-config.json (console/src/config.ts). */
export interface ConsoleConfigFile {
  environment: string;
  parentDistrict?: string;
  staff?: { issuer: string; clientId: string; authorizationEndpoint: string; tokenEndpoint: string; scope: string };
}

export interface ConsoleSiteProps {
  /** Origins the console may call besides its own: the staff issuer's token endpoint, the exports bucket (uploads). */
  tokenEndpointOrigins: string[];
  /** Where large roster files are PUT (the exports bucket's regional endpoint). */
  uploadOrigin?: string;
  /** Where the bucket writes its server access logs. */
  accessLogs: IBucket;
}

/**
 * The staff console and parent portal as static files: a private bucket that only CloudFront may
 * read (origin access control; CloudFront Developer Guide, "Restrict access to an Amazon S3
 * origin"), and the response headers every page gets: a strict content security policy (the
 * same one `npm start` serves, infra/console-policy.ts), HSTS, no framing, no referrer.
 */
export class ConsoleSite extends Construct {
  readonly bucket: Bucket;
  readonly headers: ResponseHeadersPolicy;

  constructor(scope: Construct, id: string, props: ConsoleSiteProps) {
    super(scope, id);
    if (!existsSync(resolve(CONSOLE_DIST, 'index.html'))) throw new Error(`${CONSOLE_DIST} is missing: run \`npm run console\` before synth`);
    this.bucket = new Bucket(this, 'files', {
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: 'console-bucket/',
      // Rebuilt from the repository on every deploy; kept on stack deletion like every bucket here.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.headers = new ResponseHeadersPolicy(this, 'headers', {
      comment: 'Parent Access console: strict CSP and security headers',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: consoleContentSecurityPolicy([...props.tokenEndpointOrigins, ...(props.uploadOrigin ? [props.uploadOrigin] : [])]), override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
    });
  }

  /** Uploads the built app and its configuration, then invalidates what is not content-hashed. */
  publish(distribution: IDistribution, config: ConsoleConfigFile) {
    const deployment = new BucketDeployment(this, 'deploy', {
      destinationBucket: this.bucket,
      sources: [Source.asset(CONSOLE_DIST), Source.jsonData('console-config.json', config)],
      distribution,
      distributionPaths: ['/index.html', '/console-config.json'],
      memoryLimit: 512,
    });
    // The deployment helper is CDK's own singleton function, made at stack level; only it is
    // excused, finding by finding.
    const stack = Stack.of(this);
    const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
    const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
    const bucketId = stack.getLogicalId(this.bucket.node.defaultChild as CfnElement);
    const helpers = stack.node.children.filter((child) => child.node.id.startsWith('Custom::CDKBucketDeployment'));
    const findings = [
      // CDK pins the helper's runtime; we do not choose it.
      'AwsSolutions-L1',
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      ...['s3:Abort*', 's3:DeleteObject*', 's3:GetBucket*', 's3:GetObject*', 's3:List*'].map((action) => `AwsSolutions-IAM5[Action::${action}]`),
      'AwsSolutions-IAM5[Resource::*]',
      `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/*]`,
      `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-${DefaultStackSynthesizer.DEFAULT_QUALIFIER}-assets-${account}-${region}/*]`,
    ];
    for (const helper of helpers) {
      for (const id of findings) {
        Validations.of(helper).acknowledge({
          id,
          reason: "CDK's BucketDeployment helper: basic execution role, read from the CDK asset bucket, write to the console bucket, invalidate the distribution (CloudFront invalidations take no resource scope).",
        });
      }
    }
    return deployment;
  }
}
