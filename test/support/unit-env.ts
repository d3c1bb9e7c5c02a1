// Unit tests run without Java or DynamoDB Local: only the configuration the code under test reads.
Object.assign(process.env, {
  AWS_REGION: process.env.AWS_REGION ?? 'us-east-1',
  CODE_PEPPER: 'unit-pepper-0123456789abcdef0123456789abcdef',
  // Cheap hashes keep tests independent of CPU speed; one test checks the production cost.
  PASSWORD_SCRYPT_LOG2N: '12',
  POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'SILENT',
  POWERTOOLS_METRICS_DISABLED: 'true',
  CONTRACT_CHECK_RESPONSES: 'true',
});
