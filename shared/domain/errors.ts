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

export class ForbiddenError extends AppError {
  constructor(message = 'You do not have the permission this action needs.') {
    super(403, 'FORBIDDEN', message);
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

export class ConflictError extends AppError {
  constructor(code: string, message: string) {
    super(409, code, message);
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
