import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ParentAccessStack } from './stacks/parent-access-stack';

/**
 * The CDK app. Context (all optional): staffIssuer/staffAudience, parentIssuer/parentAudience,
 * consoleCallbackUrls (comma-separated).
 */
const app = new App();
const issuer = (prefix: string) => {
  const issuerUrl = app.node.tryGetContext(`${prefix}Issuer`) as string | undefined;
  const audience = app.node.tryGetContext(`${prefix}Audience`) as string | undefined;
  if (!issuerUrl) return undefined;
  if (!audience) throw new Error(`${prefix}Issuer needs ${prefix}Audience too`);
  return { issuer: issuerUrl, audience: audience.split(',') };
};
new ParentAccessStack(app, 'ParentAccess', {
  staffAuth: issuer('staff'),
  parentAuth: issuer('parent'),
  consoleCallbackUrls: (app.node.tryGetContext('consoleCallbackUrls') as string | undefined)?.split(',').filter(Boolean),
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
