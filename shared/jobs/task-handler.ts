import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context } from 'aws-lambda';
import { logger, useCorrelationId } from '../observability';

/** Where a state's input carries the correlation id of the request that started the job. */
type Correlated = { job?: { correlationId?: string }; input?: { correlationId?: string } };

/**
 * A state-machine task: the event is the state's input, the return value its output. Errors
 * propagate, so Step Functions' retry policy (not this code) decides what happens next. Logs
 * carry the correlation id of the API request (or schedule) that started the job.
 */
export function taskHandler<I, O>(run: (input: I) => Promise<O>) {
  return middy(async (event: I, _context: Context) => {
    const correlated = event as Correlated;
    useCorrelationId(correlated.job?.correlationId ?? correlated.input?.correlationId);
    return run(event);
  })
    .use(injectLambdaContext(logger, { resetKeys: true }));
}
