import type middy from '@middy/core';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { AppError } from '../domain/errors';
import { logger } from '../observability';
import { json } from './response';

/**
 * Renders domain errors as `{ error: { code, message, details? } }` with their status. Anything
 * else is a bug or an outage: logged (name and stack only, no event), answered with a bare 500.
 */
export function renderErrors(): middy.MiddlewareObj<unknown, APIGatewayProxyStructuredResultV2> {
  return {
    onError: async (request) => {
      const error = request.error;
      if (error instanceof AppError) {
        logger.info('request refused', { status: error.status, code: error.code });
        request.response = json(
          error.status,
          { error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } },
          error.headers,
        );
        return;
      }
      logger.error('request failed', { errorName: error?.name, stack: error?.stack });
      request.response = json(500, { error: { code: 'INTERNAL', message: 'Something went wrong on our side.' } });
    },
  };
}
