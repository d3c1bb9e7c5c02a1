import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { composeApp } from './compose';

/** The CDK app: the stacks of infra/compose.ts, checked by cdk-nag's AwsSolutions pack on every synth. */
const app = new App();
composeApp(app, { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION });
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
