import { randomUUID } from 'node:crypto';
import { ensureTables, localEnvironment } from '../../infra/local/dynamodb-local';

/**
 * Imported first by test files that write thousands of items (bulk jobs): they get tables of
 * their own, so the other files' whole-table checks stay fast. Config is read at first import,
 * so the environment is switched before anything else loads; the tables are created in beforeAll.
 */
const prefix = `iso-${randomUUID().slice(0, 8)}`;
Object.assign(process.env, localEnvironment(process.env.DYNAMODB_ENDPOINT!, prefix));

beforeAll(() => ensureTables(process.env.DYNAMODB_ENDPOINT!, prefix));
