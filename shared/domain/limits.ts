/** How much one synchronous call may do; larger sets are bulk jobs. */

/** Students one call may touch (clear links, reset codes). */
export const MAX_STUDENTS_PER_CALL = 500;
/** Staff-set passwords per call: each costs one scrypt hash (~0.5 s of a core), all in one transaction. */
export const MAX_PASSWORDS_PER_CALL = 25;
/** Letters (PDF pages) per call: well inside API Gateway's 30 s and Lambda's 6 MB response (a page is ~3 KB). */
export const MAX_LETTERS_PER_CALL = 300;
/** Records per roster call, which keeps it well inside API Gateway's 30 s. */
export const MAX_ROSTER_RECORDS = 1000;
/** Parents one set-passwords job may name. */
export const MAX_SELECTED_PARENTS_PER_JOB = 5000;
/** A parent's own password: 12 to 128 characters (NIST SP 800-63B); the console explains them as the parent types. */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 128;
/** Each uploaded roster file at most (signed into its upload link; checked again by the plan, which reads it whole). */
export const MAX_UPLOAD_FILE_BYTES = 50 * 1024 * 1024;
