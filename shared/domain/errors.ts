/**
 * Domain errors. Each has a stable machine-readable `code` and the HTTP status it renders as.
 * The error middleware renders only these; anything else becomes a generic 500.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  constructor(message: string, details?: unknown) {
    super(400, 'VALIDATION_FAILED', message, details);
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = 'A valid bearer token is required.') {
    super(401, 'UNAUTHENTICATED', message);
  }
}

/**
 * A refusal for who the caller is. A missing permission is worded by `missingPermission`
 * (principal.ts): what the account can and cannot do and who can, with `details.permission`.
 */
export class ForbiddenError extends AppError {
  constructor(message = 'Your account cannot do this. Ask a school administrator.', details?: { permission: string }) {
    super(403, 'FORBIDDEN', message, details);
  }
}

/** Also used for ids that exist in another school: we never reveal that they exist. */
export class NotFoundError extends AppError {
  constructor(what: string) {
    super(404, 'NOT_FOUND', `${what} was not found.`);
  }
}

/** One uniform answer for unknown, expired, reset and other-school codes. */
export class InvalidCodeError extends AppError {
  constructor() {
    super(400, 'INVALID_CODE', 'That parent access code is not valid. Check it with the school.');
  }
}

export class TooManyAttemptsError extends AppError {
  constructor(retryAfterSeconds: number) {
    super(429, 'TOO_MANY_ATTEMPTS', 'Too many failed attempts. Try again later.', undefined, {
      'retry-after': String(retryAfterSeconds),
    });
  }
}

/** A new-password challenge used all its hashing attempts: only a new temporary password helps. */
export class ChallengeExhaustedError extends AppError {
  constructor() {
    super(429, 'TOO_MANY_ATTEMPTS', 'Too many attempts for this password change. Ask the school to set your password again.');
  }
}

/** A roster file breaks the format or our rules; `details` lists each problem with file, line and column. */
export class RosterFileError extends AppError {
  /** `more`: problems found past the listed ones (the list is capped, so it always fits a job item). */
  constructor(problems: { file: string; line: number; column?: string; message: string }[], more = 0) {
    const count = problems.length + more;
    super(400, 'ROSTER_FILE_INVALID', `The roster files have ${count === 1 ? 'a problem' : `${count} problems`}${more ? ` (the first ${problems.length} are listed)` : ''}; nothing was imported.`, problems);
  }
}

/** The parent's own new password breaks the password rules; `details` lists each problem in words. */
export class WeakPasswordError extends AppError {
  constructor(problems: { problem: string; message: string }[]) {
    super(400, 'WEAK_PASSWORD', 'Choose another password.', problems);
  }
}

/** A rule refuses the change because of the state things are in (409 with the rule's code). */
abstract class ConflictError extends AppError {
  constructor(code: string, message: string, details?: unknown) {
    super(409, code, message, details);
  }
}

/** Lost an optimistic race too many times: nothing was changed; trying again works. */
export class BusyError extends ConflictError {
  constructor(message: string) {
    super('BUSY', message);
  }
}

export class UserNameTakenError extends ConflictError {
  constructor(message: string, taken?: { parentId: string; userName: string }[]) {
    super('USER_NAME_TAKEN', message, taken);
  }
}

/** A school-scoped roster named parents another school of the district rosters. */
export class ParentRosteredElsewhereError extends ConflictError {
  constructor(message: string, parentIds?: string[]) {
    super('PARENT_ROSTERED_ELSEWHERE', message, parentIds);
  }
}

export class RandomPolicyNotBulkError extends ConflictError {
  constructor() {
    super('RANDOM_POLICY_NOT_BULK', 'Random temporary passwords are handed to staff per call, not by a bulk job.');
  }
}

/**
 * A school-wide Set Passwords gives every rostered account a guessable default: the start must
 * name how many accounts that is (`confirmAccounts`, the count its preview gave).
 */
export class AccountCountNotConfirmedError extends AppError {
  constructor() {
    super(400, 'CONFIRM_ACCOUNTS_REQUIRED', 'Setting passwords for the whole school needs "confirmAccounts": the number of accounts a preview (dryRun) of this job counted.');
  }
}

/** The accounts in scope when the job planned are not the number the starter confirmed; nothing was changed. */
export class AccountCountMismatchError extends ConflictError {
  constructor(confirmed: number, counted: number) {
    super(
      'CONFIRM_ACCOUNTS_MISMATCH',
      `You confirmed ${confirmed} account${confirmed === 1 ? '' : 's'}, but the job found ${counted} in scope; nothing was changed. Preview again and confirm the new count.`,
      { confirmed, counted },
    );
  }
}

export class JobNotRunningError extends ConflictError {
  constructor() {
    super('JOB_NOT_RUNNING', 'Only a running job can be cancelled.');
  }
}

/** The school already runs as many jobs as it may at once (MAX_RUNNING_JOBS_PER_SCHOOL). */
export class JobLimitError extends ConflictError {
  constructor(max: number) {
    super('JOB_LIMIT', `This school already runs ${max} job${max === 1 ? '' : 's'} at once, the most it may. Start this one when one of them has finished, or cancel one.`, { max });
  }
}

/** The school runs a job of this type already: one at a time, so a school holds at most half of a type's page workers. */
export class JobTypeRunningError extends ConflictError {
  constructor(type: string) {
    super('JOB_TYPE_RUNNING', `This school already runs a ${type} job. Start this one when it has finished, or cancel it.`, { type });
  }
}

export class JobFileNotReadyError extends ConflictError {
  constructor() {
    super('JOB_FILE_NOT_READY', 'This job has no file to download: it is still running, or it was a preview, failed or was cancelled.');
  }
}

/** Some parents have no first or last name on record, so "last name + first initial" does not exist. */
export class NoDefaultPasswordError extends AppError {
  constructor(parentIds: string[]) {
    super(422, 'NO_DEFAULT_PASSWORD', 'A default password needs a first and last name on record.', parentIds);
  }
}

/** The work would not finish inside the request's time; nothing was changed. */
export class TimeBudgetExceededError extends AppError {
  constructor(message: string) {
    super(503, 'TIME_BUDGET_EXCEEDED', message);
  }
}

/** One answer for unknown user names, wrong passwords and locked accounts. */
export class InvalidCredentialsError extends AppError {
  constructor() {
    super(401, 'INVALID_CREDENTIALS', 'The user name or password is not correct, or the account is locked. Ask the school for help.');
  }
}

export class PasswordChangeRequiredError extends AppError {
  constructor() {
    super(403, 'PASSWORD_CHANGE_REQUIRED', 'Set a new password before doing anything else.');
  }
}

/** A passkey registration that cannot be accepted: its challenge was used, expired or is not this account's, or the authenticator's answer does not verify. */
export class PasskeyNotVerifiedError extends AppError {
  constructor() {
    super(400, 'PASSKEY_NOT_VERIFIED', 'The passkey could not be added: the request was used or expired, or the authenticator\'s answer did not verify. Try again.');
  }
}

/**
 * One answer for every passkey sign-in that fails: an unknown or removed passkey, another
 * district's account, a used or expired challenge, a bad signature, a counter that went back.
 */
export class PasskeySignInError extends AppError {
  constructor() {
    super(401, 'INVALID_PASSKEY', 'This passkey could not sign you in. Try again, or sign in with your user name and password.');
  }
}

/** The account holds as many passkeys as it may. */
export class PasskeyLimitError extends ConflictError {
  constructor(max: number) {
    super('PASSKEY_LIMIT', `Your account has ${max} passkeys, the most it may. Remove one before adding another.`, { max });
  }
}

/** The authenticator's credential is on the account already. */
export class PasskeyExistsError extends ConflictError {
  constructor() {
    super('PASSKEY_EXISTS', 'This passkey is on your account already.');
  }
}
