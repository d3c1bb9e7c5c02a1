import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { dictionary } from '@zxcvbn-ts/language-common';
import { MIN_PASSWORD_LENGTH } from '../shared/domain/limits';

/**
 * `npm run passwords`: the common passwords a parent could still choose, from the maintained
 * list of @zxcvbn-ts/language-common (49,000 entries, ~420 KB). Shorter ones are refused by
 * length anyway, so only entries of MIN_PASSWORD_LENGTH characters or more are kept (~300, a
 * few KB), which keeps the list out of the new-password bundle. A test fails when the committed
 * file and the pinned package disagree.
 */
export const COMMON_PASSWORDS_FILE = resolve(__dirname, '..', 'shared', 'domain', 'common-passwords.json');

export function renderCommonPasswords(): string {
  const kept = [...new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()))]
    .filter((p) => [...p.normalize('NFC')].length >= MIN_PASSWORD_LENGTH)
    .sort();
  return `${JSON.stringify(kept, null, 0)}\n`;
}

if (require.main === module) {
  writeFileSync(COMMON_PASSWORDS_FILE, renderCommonPasswords());
  console.log(`wrote ${COMMON_PASSWORDS_FILE}`);
}
