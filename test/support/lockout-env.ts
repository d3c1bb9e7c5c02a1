// Imported first by the lockout test: config is parsed once, when first imported.
process.env.LOCK_AFTER_FAILURES = '3';
process.env.SIGN_IN_MAX_FAILURES_PER_ACCOUNT = '50';
