import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { METRIC_NAMESPACE, MetricName, SERVICE_NAME } from './metric-names';

/**
 * One logger for every function. We log ids and outcomes only: never whole events, bodies,
 * codes, passwords or tokens (see the log-scan test).
 */
export const logger = new Logger({ serviceName: SERVICE_NAME });

/**
 * X-Ray tracing (Powertools): each function's invocation, with a subsegment per AWS SDK call of
 * the clients we capture. It switches itself off outside Lambda (locally and in tests).
 */
export const tracer = new Tracer({ serviceName: SERVICE_NAME });

/** Ties log lines and traces of one request together, into the job executions it starts. */
export function useCorrelationId(correlationId: string | undefined): void {
  if (!correlationId) return;
  logger.appendKeys({ correlationId });
  tracer.putAnnotation('correlationId', correlationId);
}

/**
 * Metrics as CloudWatch embedded-metric-format log lines (Powertools). Each is published at once
 * with its own dimensions, which differ per event (the school or district), never personal data.
 */
const metrics = new Metrics({ namespace: METRIC_NAMESPACE, serviceName: SERVICE_NAME });

export function countMetric(name: MetricName, dimensions: Record<string, string> = {}, value = 1): void {
  if (value <= 0) return;
  const single = metrics.singleMetric();
  for (const [key, dimension] of Object.entries(dimensions)) single.addDimension(key, dimension);
  single.addMetric(name, MetricUnit.Count, value);
}
