import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { composeApp } from '../../infra/compose';
import { NAG_RESULT_FILE } from './synthesized-files';

/**
 * Context of the app the infra tests read: bundling skipped (`npx cdk synth` bundles for real),
 * construct paths and nested stacks' template files in each resource's Metadata (as the CLI asks
 * for them), and operations settings the tests assert on.
 */
export const TEST_CONTEXT = {
  'aws:cdk:bundling-stacks': [],
  'aws:cdk:enable-path-metadata': true,
  'aws:cdk:enable-asset-metadata': true,
  alarmEmails: 'ops@example.org,oncall@example.org',
  guessingPerSchool: 30,
  guessingPerDistrict: 120,
  mailFrom: 'Springfield Schools <no-reply@schools.example.org>',
};

/**
 * Synthesizes `app` (made with `outdir`) under cdk-nag's AwsSolutions checks, as infra/app.ts
 * does, and returns what nag found unacknowledged: `<rule and finding> at <construct path>`.
 * CDK writes the templates before it validates, so they are there to read either way.
 */
export function synthesizeWithNag(app: App, outdir: string): string[] {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  try {
    app.synth();
    return [];
  } catch (error) {
    const reportFile = join(outdir, 'validation-report.json');
    if (!existsSync(reportFile)) throw error;
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as {
      pluginReports: { violations: { ruleName: string; violatingConstructs: { constructPath: string }[] }[] }[];
    };
    return report.pluginReports
      .flatMap((plugin) => plugin.violations)
      .flatMap((violation) => violation.violatingConstructs.map((construct) => `${violation.ruleName} at ${construct.constructPath}`))
      .sort();
  }
}

/** Synthesizes the app as infra/app.ts composes it (region and account unknown, as in tests) into `outdir`, recording nag's findings there. */
export function synthesizeApp(outdir: string): void {
  const app = new App({ outdir, context: TEST_CONTEXT });
  composeApp(app, {});
  writeFileSync(join(outdir, NAG_RESULT_FILE), JSON.stringify({ findings: synthesizeWithNag(app, outdir) }));
}
