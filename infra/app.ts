import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ParentAccessStack } from './stacks/parent-access-stack';
import { DEFAULT_GUESSING } from './constructs/monitoring';

/**
 * The CDK app. Context (all optional): staffIssuer/staffAudience, parentIssuer/parentAudience,
 * consoleCallbackUrls and alarmEmails (comma-separated), guessingPerSchool, guessingPerDistrict,
 * jobPageConcurrency, parentTokenKeyVersion. The README's Operations section says what each does.
 */
const app = new App();
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
new ParentAccessStack(app, 'ParentAccess', {
  staffAuth: issuer('staff'),
  parentAuth: issuer('parent'),
  consoleCallbackUrls: list('consoleCallbackUrls'),
  alarmEmails: list('alarmEmails'),
  guessing: {
    perSchool: number('guessingPerSchool') ?? DEFAULT_GUESSING.perSchool,
    perDistrict: number('guessingPerDistrict') ?? DEFAULT_GUESSING.perDistrict,
  },
  jobPageConcurrency: number('jobPageConcurrency'),
  parentTokenKeyVersion: number('parentTokenKeyVersion'),
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
