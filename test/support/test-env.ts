// Workers inherit the environment global setup prepared; fail loudly if they did not.
if (!process.env.DYNAMODB_ENDPOINT) throw new Error('DynamoDB Local is not configured: run tests through jest (npm test)');
