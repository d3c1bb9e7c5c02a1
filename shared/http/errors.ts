import type middy from '@middy/core';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { AppError } from '../domain/errors';
import { config } from '../config';
import { refusalStatuses, type RouteSpec } from '../contract/route';
import { logger } from '../observability';
import { json } from './response';

/**
 * Renders domain errors as `{ error: { code, message, details? } }` with their status. Anything
 * else is a bug or an outage: logged (name and stack only, no event), answered with a bare 500.
 */
export function renderErrors(route: RouteSpec): middy.MiddlewareObj<unknown, APIGatewayProxyStructuredResultV2> {
  const documented = refusalStatuses(route);
  return {
    onError: async (request) => {
      const error = request.error;
      if (error instanceof AppError && config.CONTRACT_CHECK_RESPONSES && !documented.includes(error.status)) {
        // The contract (and so the OpenAPI document) must list every refusal a route can give.
        logger.error('refusal missing from the route contract', { status: error.status, code: error.code });
        request.response = json(500, { error: { code: 'UNDOCUMENTED_STATUS', message: `${error.status} ${error.code} is not in this route's contract.` } });
        return;
      }
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
