// Imported first by the client-address test (config is parsed once, when first imported): a
// per-address sign-in allowance small enough to use up in a test.
process.env.SIGN_IN_MAX_FAILURES_PER_ADDRESS = '3';
