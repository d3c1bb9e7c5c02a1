import { RemovalPolicy, Stack, StackProps, Validations } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import { NoticeEvents } from '../constructs/notice-events';
import type { ParentMail } from '../constructs/parent-mail';
import { MailStack } from './mail-stack';
import { BulkJobs } from '../constructs/bulk-jobs';
import { Construct } from 'constructs';
import { DataTables, DataTablesProps } from '../constructs/data-tables';
import { ApiCustomDomain, JwtIssuer, ParentAccessApi, ParentAccessApiProps } from '../constructs/http-api';
import type { RouteFunction, RouteResources } from '../constructs/route-function';
import { JobSchedules } from '../constructs/job-schedules';
import type { RouteGroup } from '../../shared/contract/route';
import { RouteGroupStack, routesByGroup } from './route-group-stack';
import { BulkJobsStack } from './bulk-jobs-stack';
import { MonitoringStack } from './monitoring-stack';
import { ConsoleSignIn, StaffIdentity } from '../constructs/staff-identity';
import { ConsoleSite } from '../constructs/console-site';
import { ExportsBucket } from '../constructs/exports-bucket';
import { Monitoring, MonitoringProps } from '../constructs/monitoring';
import { accessLogBucket, EdgeProtection } from '../constructs/edge-protection';

export interface ParentAccessStackProps extends StackProps {
  /** External staff identity provider; when absent, a Cognito user pool is created. */
  staffAuth?: JwtIssuer;
  /** Another issuer of parent tokens; when absent, the API's own sign-in issues them. */
  parentAuth?: JwtIssuer;
  /** More sign-in callback URLs besides the console's own, e.g. an external admin UI (context `consoleCallbackUrls`). */
  consoleCallbackUrls?: string[];
  /** The Cognito hosted sign-in's domain prefix (context `staffSignInDomainPrefix`; default parent-access-<account>). */
  staffSignInDomainPrefix?: string;
  /** With an external staff issuer: its endpoints for the console's sign-in (context `staffAuthorizationEndpoint`, `staffTokenEndpoint`). */
  staffConsoleSignIn?: ConsoleSignIn;
  /** The district the parent portal signs parents in to (context `parentDistrict`); absent, parents type it. */
  parentDistrict?: string;
  /** Origins of an external admin UI that may call the API from a browser (context `corsOrigins`). */
  corsOrigins?: string[];
  /**
   * Generation of the parent-token signing key (context `parentTokenKeyVersion`, default 1).
   * Raising it rotates the key: a new KMS key signs and is published, the old one is retained
   * but no longer trusted, so every parent signs in again.
   */
  parentTokenKeyVersion?: number;
  /** The From address of parent mail (context `mailFrom`); see ParentMail. */
  mailFrom?: string;
  /** Who gets alarms (context `alarmEmails`). */
  alarmEmails?: string[];
  /** Failed redeems or sign-ins per five minutes that raise the guessing alarms (context `guessingPerSchool`, `guessingPerDistrict`). */
  guessing?: MonitoringProps['guessing'];
  /** Reserved concurrency of bulk-job page workers (context `jobPageConcurrency`; 0: none). */
  jobPageConcurrency?: number;
  /** A CloudFront web ACL made in us-east-1 (EdgeWebAclStack), when this stack is in another region. */
  edgeWebAclArn?: string;
  /** Units per second tables serve at once (context `tableWarmWrites`). */
  tableWarmThroughput?: DataTablesProps['warmThroughput'];
  /**
   * The API's own domain and its certificate (context `apiDomainName`, `apiCertificateArn`): the
   * `execute-api` endpoint is then disabled, so every request passes CloudFront and AWS WAF.
   */
  apiDomain?: ApiCustomDomain;
  /** The route table by default (see ParentAccessApiProps.routes). */
  routes?: ParentAccessApiProps['routes'];
}

/**
 * Composes the service's concerns; each lives in its own construct.
 *
 * CloudFormation takes at most 500 resources, 200 parameters and 200 outputs per template (AWS
 * CloudFormation User Guide, "AWS CloudFormation quotas"), and every route costs seven resources.
 * So the stateful and shared resources (tables, keys, secrets, buckets, Cognito, CloudFront, WAF)
 * and the API with its routes and integrations (two resources a route) stay in this stack; the
 * functions go to one nested stack per route group (five a route), the bulk-job engine to the
 * nested stack "bulk-jobs", the alarms and dashboard to "monitoring". A value one stack takes from
 * another becomes an output there and a parameter here, so constructs share few: a function's
 * ARN, a table's name and ARN, the API's id. The monitoring stack takes one parameter per
 * function, so it is the template that reaches a limit first (at about 190 functions).
 * test/infra/resource-budget.test.ts holds every template to these limits with 60 routes more.
 */
export class ParentAccessStack extends Stack {
  readonly data: DataTables;
  readonly api: ParentAccessApi;
  readonly notices: NoticeEvents;
  /** Parent mail, in the nested stack `mailStack`. */
  readonly mail: ParentMail;
  readonly mailStack: MailStack;
  /** The bulk-job engine, in the nested stack `jobsStack`. */
  readonly jobs: BulkJobs;
  readonly jobsStack: BulkJobsStack;
  /** The schedule group and scheduler role, here in the parent: run-time schedules hold them. */
  readonly schedules: JobSchedules;
  /** The nested stack of each route group that has routes. */
  readonly groups: Partial<Record<RouteGroup, RouteGroupStack>> = {};
  /** Every route's function, by route id (each in its group's nested stack). */
  readonly functions: Record<string, RouteFunction> = {};
  /** Alarms and dashboard, in the nested stack `monitoringStack`. */
  readonly monitoring: Monitoring;
  readonly monitoringStack: MonitoringStack;
  readonly edge: EdgeProtection;
  readonly console: ConsoleSite;
  readonly exports: ExportsBucket;

  constructor(scope: Construct, id: string, props: ParentAccessStackProps = {}) {
    super(scope, id, props);
    this.data = new DataTables(this, 'data', { warmThroughput: props.tableWarmThroughput });
    const codePepper = new Secret(this, 'code-pepper', {
      description: 'Key for hashing parent access codes before lookup',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      // Losing it would make every issued code unusable.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(codePepper).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'Rotating the pepper invalidates every issued code; it is rotated by re-issuing codes (Reset All), not on a timer.',
    });
    // Parent session tokens are signed inside KMS: no private key exists anywhere else. RSA,
    // because the HTTP API JWT authorizer supports only RSA-based algorithms (API Gateway
    // Developer Guide, "Control access to HTTP APIs with JWT authorizers").
    const keyVersion = props.parentTokenKeyVersion ?? 1;
    const parentTokenKey = new Key(this, keyVersion > 1 ? `parent-token-key-v${keyVersion}` : 'parent-token-key', {
      description: 'Signs parent session tokens (RS256: RSASSA_PKCS1_V1_5_SHA_256)',
      keySpec: KeySpec.RSA_2048,
      keyUsage: KeyUsage.SIGN_VERIFY,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Seals readable codes at rest (envelope encryption): only code-showing functions may open them.
    const codeVaultKey = new Key(this, 'code-vault-key', {
      description: 'Seals parent access codes at rest (data keys, encryption context purpose=parent-access-code)',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // CloudFront sends it with every request to the API, so the viewer address it passes can be believed.
    const originSecret = new Secret(this, 'origin-secret', {
      description: 'Header CloudFront adds to API requests (x-origin-verify)',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    Validations.of(originSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'CloudFront reads it at deployment; rotating means a new value and a redeploy (see the runbook), not a timer.',
    });
    let staffAuth = props.staffAuth;
    let identity: StaffIdentity | undefined;
    if (!staffAuth) {
      identity = new StaffIdentity(this, 'staff-identity', { callbackUrls: props.consoleCallbackUrls, domainPrefix: props.staffSignInDomainPrefix });
      staffAuth = { issuer: identity.issuer, audience: [identity.audience] };
    }
    const consoleSignIn = identity?.consoleSignIn ?? props.staffConsoleSignIn;
    const logs = accessLogBucket(this, 'access-logs');
    this.exports = new ExportsBucket(this, 'exports', { accessLogs: logs });
    this.jobsStack = new BulkJobsStack(this, 'bulk-jobs', {
      tables: this.data.tables,
      exportsBucket: this.exports.bucket,
      codePepper,
      codeVaultKey,
      pageConcurrency: props.jobPageConcurrency,
    });
    this.jobs = this.jobsStack.jobs;
    // Construct id `jobs`, where BulkJobs made the group and role before the split: same logical ids.
    this.schedules = new JobSchedules(this, 'jobs', { stateMachine: this.jobs.stateMachine });
    this.api = new ParentAccessApi(this, 'api', { staffAuth, parentAuth: props.parentAuth, routes: props.routes, corsOrigins: props.corsOrigins, customDomain: props.apiDomain });
    const resources: RouteResources = {
      api: this.api.api,
      apiUrl: this.api.url,
      tables: this.data.tables,
      codePepper,
      originSecret,
      codeVaultKey,
      parentTokenKey,
      stateMachine: this.jobs.stateMachine,
      schedules: this.schedules,
      exportsBucket: this.exports.bucket,
    };
    for (const [group, routes] of routesByGroup(this.api.routes)) {
      const groupStack = new RouteGroupStack(this, group, { routes, resources });
      this.groups[group] = groupStack;
      for (const route of routes) {
        this.functions[route.id] = groupStack.functions[route.id]!;
        this.api.addRoute(route, groupStack.functions[route.id]!);
      }
    }
    this.notices = new NoticeEvents(this, 'notices', { outbox: this.data.tables.outbox });
    const signInOrigins = identity ? [identity.signInOrigin] : props.staffConsoleSignIn ? [new URL(props.staffConsoleSignIn.tokenEndpoint).origin] : [];
    this.console = new ConsoleSite(this, 'console', {
      accessLogs: logs,
      tokenEndpointOrigins: signInOrigins,
      uploadOrigin: `https://${this.exports.bucket.bucketRegionalDomainName}`,
    });
    this.edge = new EdgeProtection(this, 'edge', { apiUrl: this.api.url, originSecret, webAclArn: props.edgeWebAclArn, site: this.console, logs });
    identity?.allowCallback(`https://${this.edge.distribution.distributionDomainName}/`);
    this.mailStack = new MailStack(this, 'mail', {
      noticeBus: this.notices.bus,
      tables: this.data.tables,
      portalUrl: `https://${this.edge.distribution.distributionDomainName}/`,
      mailFrom: props.mailFrom,
    });
    this.mail = this.mailStack.mail;
    // The portal's address for what makes links to it: letters' QR codes (the route and the job's
    // file step) and the passkeys' relying party. Added once the distribution exists (a nested
    // stack parameter each); nothing in the distribution depends on these functions.
    const portalUrl = `https://${this.edge.distribution.distributionDomainName}/`;
    for (const route of this.api.routes.filter((r) => r.usesPortalUrl)) this.functions[route.id]!.addEnvironment('PORTAL_URL', portalUrl);
    this.jobs.functions.WriteFile.addEnvironment('PORTAL_URL', portalUrl);
    this.console.publish(this.edge.distribution, { environment: this.stackName, parentDistrict: props.parentDistrict, staff: consoleSignIn });
    this.monitoringStack = new MonitoringStack(this, 'monitoring', {
      api: this.api.api,
      functions: { ...this.functions, ...this.jobs.functions, 'send-notice': this.mail.sendNotice, 'mail-feedback': this.mail.mailFeedback },
      tables: this.data.tables,
      stateMachine: this.jobs.stateMachine,
      otherAlarms: [this.notices.deadLetterAlarm, this.mail.deadLetterAlarm(this, 'mail-dead-letter-alarm')],
      alarmEmails: props.alarmEmails,
      guessing: props.guessing,
    });
    this.monitoring = this.monitoringStack.monitoring;
  }
}
