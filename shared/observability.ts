import { Logger } from '@aws-lambda-powertools/logger';

/**
 * One logger for every function. We log ids and outcomes only: never whole events, bodies,
 * codes, passwords or tokens (see the log-scan test).
 */
export const logger = new Logger({ serviceName: 'parent-access' });
