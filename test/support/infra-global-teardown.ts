import { rmSync } from 'node:fs';
import { SYNTHESIZED_APP_DIR } from './synthesized-files';

export default function infraGlobalTeardown(): void {
  const dir = process.env[SYNTHESIZED_APP_DIR];
  if (dir) rmSync(dir, { recursive: true, force: true });
}
