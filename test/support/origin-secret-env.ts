// Imported first by the client-address test: config is parsed once, when first imported.
process.env.ORIGIN_VERIFY_SECRET = 'origin-secret-for-tests-0123456789abcdef';
