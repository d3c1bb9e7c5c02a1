import type { App, Environment } from 'aws-cdk-lib';
import { ParentAccessStack } from './stacks/parent-access-stack';
import { EdgeWebAclStack } from './stacks/edge-web-acl-stack';
import { DEFAULT_GUESSING } from './constructs/monitoring';
import { TABLE_NAMES, type TableName } from '../shared/data/table-schema';

/**
 * The stacks of the app, from context (all optional): staffIssuer/staffAudience (with
 * staffAuthorizationEndpoint/staffTokenEndpoint for the console), staffSignInDomainPrefix,
 * parentIssuer/parentAudience, parentDistrict, mailFrom, consoleCallbackUrls, corsOrigins and alarmEmails (comma-separated),
 * guessingPerSchool, guessingPerDistrict, jobPageConcurrency, parentTokenKeyVersion, tableWarmWrites, apiDomainName
 * with apiCertificateArn. docs/runbook.md
 * (Deploy) says what each does.
 *
 * AWS WAF takes web ACLs for CloudFront only in us-east-1: in any other region the web ACL gets a
 * stack of its own there (ParentAccessEdge), referenced across regions.
 */
export function composeApp(app: App, env: Environment) {
  const issuer = (prefix: string) => {
    const issuerUrl = app.node.tryGetContext(`${prefix}Issuer`) as string | undefined;
    const audience = app.node.tryGetContext(`${prefix}Audience`) as string | undefined;
    if (!issuerUrl) return undefined;
    if (!audience) throw new Error(`${prefix}Issuer needs ${prefix}Audience too`);
    return { issuer: issuerUrl, audience: audience.split(',') };
  };
  const list = (name: string) => (app.node.tryGetContext(name) as string | undefined)?.split(',').map((x) => x.trim()).filter(Boolean);
  const number = (name: string) => {
    const value = app.node.tryGetContext(name) as string | number | undefined;
    if (value === undefined) return undefined;
    if (!Number.isInteger(Number(value)) || Number(value) < 0) throw new Error(`Context ${name} must be a whole number, not ${value}`);
    return Number(value);
  };
  /** An external staff issuer's endpoints for the console's code flow; without them the console cannot sign staff in. */
  const externalConsoleSignIn = () => {
    const staff = issuer('staff');
    const authorizationEndpoint = app.node.tryGetContext('staffAuthorizationEndpoint') as string | undefined;
    const tokenEndpoint = app.node.tryGetContext('staffTokenEndpoint') as string | undefined;
    if (!staff || !authorizationEndpoint || !tokenEndpoint) return undefined;
    return { issuer: staff.issuer, clientId: staff.audience[0]!, authorizationEndpoint, tokenEndpoint, scope: 'openid email profile' };
  };
  /** `table=writes[/reads],…`: units per second a table serves at once. */
  const warmThroughput = () => {
    const entries = list('tableWarmWrites')?.map((entry) => entry.split('=').map((x) => x.trim()) as [string, string]);
    if (!entries) return undefined;
    const whole = (table: string, units: string | undefined) => {
      if (units === undefined) return undefined;
      if (!Number.isInteger(Number(units)) || Number(units) < 1) throw new Error(`tableWarmWrites: ${table} needs whole numbers of units, not ${units}`);
      return Number(units);
    };
    return Object.fromEntries(
      entries.map(([table, units]) => {
        if (!(TABLE_NAMES as string[]).includes(table)) throw new Error(`tableWarmWrites names no table "${table}" (tables: ${TABLE_NAMES.join(', ')})`);
        const [writes, reads] = (units ?? '').split('/');
        return [table, { writes: whole(table, writes)!, reads: whole(table, reads) }];
      }),
    ) as Partial<Record<TableName, { writes: number; reads?: number }>>;
  };
  /** The API's own domain: both values or neither (without it the execute-api endpoint stays open). */
  const apiDomain = () => {
    const domainName = app.node.tryGetContext('apiDomainName') as string | undefined;
    const certificateArn = app.node.tryGetContext('apiCertificateArn') as string | undefined;
    if (!domainName && !certificateArn) return undefined;
    if (!domainName || !certificateArn) throw new Error('apiDomainName and apiCertificateArn go together');
    if (!/^arn:aws[\w-]*:acm:/.test(certificateArn)) throw new Error(`apiCertificateArn must be an ACM certificate ARN, not ${certificateArn}`);
    return { domainName, certificateArn };
  };
  const elsewhere = env.region !== undefined && env.region !== 'us-east-1';
  const edge = elsewhere ? new EdgeWebAclStack(app, 'ParentAccessEdge', { env: { account: env.account, region: 'us-east-1' }, crossRegionReferences: true }) : undefined;
  const service = new ParentAccessStack(app, 'ParentAccess', {
    staffAuth: issuer('staff'),
    parentAuth: issuer('parent'),
    consoleCallbackUrls: list('consoleCallbackUrls'),
    staffSignInDomainPrefix: app.node.tryGetContext('staffSignInDomainPrefix') as string | undefined,
    staffConsoleSignIn: externalConsoleSignIn(),
    parentDistrict: app.node.tryGetContext('parentDistrict') as string | undefined,
    mailFrom: app.node.tryGetContext('mailFrom') as string | undefined,
    corsOrigins: list('corsOrigins'),
    alarmEmails: list('alarmEmails'),
    guessing: {
      perSchool: number('guessingPerSchool') ?? DEFAULT_GUESSING.perSchool,
      perDistrict: number('guessingPerDistrict') ?? DEFAULT_GUESSING.perDistrict,
    },
    jobPageConcurrency: number('jobPageConcurrency'),
    tableWarmThroughput: warmThroughput(),
    apiDomain: apiDomain(),
    parentTokenKeyVersion: number('parentTokenKeyVersion'),
    edgeWebAclArn: edge?.webAcl.attrArn,
    crossRegionReferences: elsewhere,
    env,
  });
  return { service, edge };
}
