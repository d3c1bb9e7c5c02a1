import commonPasswords from './common-passwords.json';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './limits';

/**
 * Common passwords long enough to pass the length rule, from @zxcvbn-ts/language-common
 * (`npm run passwords` writes the file; a test keeps it equal to the pinned package).
 */
const COMMON = new Set<string>(commonPasswords);

export type PasswordProblem = 'TOO_SHORT' | 'TOO_LONG' | 'COMMON_PASSWORD' | 'CONTAINS_NAME' | 'CONTAINS_USER_NAME';

/**
 * New-password rules (NIST SP 800-63B): 12 to 128 characters, no composition rules; refused when
 * it is a common password or contains the user's name or user name. Length counts characters,
 * not bytes, so accented and non-Latin passwords are measured fairly.
 */
export function passwordProblems(password: string, owner: { firstName: string; lastName: string; userName: string }): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const length = [...password.normalize('NFC')].length;
  if (length < MIN_PASSWORD_LENGTH) problems.push('TOO_SHORT');
  if (length > MAX_PASSWORD_LENGTH) problems.push('TOO_LONG');
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) problems.push('COMMON_PASSWORD');
  const contains = (part: string) => part.trim().length >= 3 && lower.includes(part.trim().toLowerCase());
  if (contains(owner.firstName) || contains(owner.lastName)) problems.push('CONTAINS_NAME');
  if (contains(owner.userName)) problems.push('CONTAINS_USER_NAME');
  return problems;
}

/** What each problem tells the parent, for the 400 WEAK_PASSWORD answer. */
export const PASSWORD_PROBLEM_TEXT: Record<string, string> = {
  TOO_SHORT: 'Use at least 12 characters.',
  TOO_LONG: 'Use at most 128 characters.',
  COMMON_PASSWORD: 'This password is too common.',
  CONTAINS_NAME: 'Do not use your name in the password.',
  CONTAINS_USER_NAME: 'Do not use your user name in the password.',
  SAME_AS_TEMPORARY: 'Do not reuse the temporary password.',
};
