import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context } from 'aws-lambda';
import { logger } from '../observability';

/**
 * A state-machine task: the event is the state's input, the return value its output. Errors
 * propagate, so Step Functions' retry policy (not this code) decides what happens next.
 */
export function taskHandler<I, O>(run: (input: I) => Promise<O>) {
  return middy(async (event: I, _context: Context) => run(event)).use(injectLambdaContext(logger, { resetKeys: true }));
}
