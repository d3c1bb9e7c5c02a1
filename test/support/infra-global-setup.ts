import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { synthesizeApp } from './synthesize-app';
import { SYNTHESIZED_APP_DIR } from './synthesized-files';

/**
 * The infra tests' one synthesis of the app (with cdk-nag), written to a folder of this run's
 * own that every test file reads (test/support/synthesized.ts): one synthesis instead of one or
 * more per file.
 */
export default function infraGlobalSetup(): void {
  const dir = mkdtempSync(join(tmpdir(), 'parent-access-synth-'));
  synthesizeApp(dir);
  process.env[SYNTHESIZED_APP_DIR] = dir;
}
