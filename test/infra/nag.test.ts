import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { composeApp } from '../../infra/compose';
import { synthesizeWithNag, TEST_CONTEXT } from '../support/synthesize-app';
import { synthesized } from '../support/synthesized';

/**
 * cdk-nag's AwsSolutions pack, as infra/app.ts applies it on every `cdk synth`. Acknowledgements
 * name findings by how the template spells a resource (`<LogicalId.Arn>`, a nested stack's
 * `<referenceto…Arn>` parameter, a region or `<AWS::Region>`), so more than one environment is
 * checked: region and account unknown (the run's synthesis), us-east-1 with the web ACL in the
 * service's stack (here), and another region with the web ACL in a stack of its own (options.test.ts).
 */
test('cdk-nag AwsSolutions finds nothing unacknowledged: region and account unknown (tests)', () => {
  expect(synthesized().nagFindings).toEqual([]);
});

test('cdk-nag AwsSolutions finds nothing unacknowledged: region and account known (a CLI synth with defaults)', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'parent-access-us-east-1-'));
  try {
    const app = new App({ outdir, context: TEST_CONTEXT });
    expect(composeApp(app, { account: '123456789012', region: 'us-east-1' }).edge).toBeUndefined();
    expect(synthesizeWithNag(app, outdir)).toEqual([]);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
});
