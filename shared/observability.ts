import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { METRIC_NAMESPACE, MetricName, SERVICE_NAME } from './metric-names';

/**
 * One logger for every function. We log ids and outcomes only: never whole events, bodies,
 * codes, passwords or tokens (see the log-scan test).
 */
export const logger = new Logger({ serviceName: SERVICE_NAME });

/**
 * Ties the log lines of one request together, into the job executions it starts. Tracing is
 * Lambda's own (active tracing: each invocation's init and handler segments). Powertools Tracer
 * would add a subsegment per AWS call, but its X-Ray SDK is ~115 KB of every bundle and ~23 ms of
 * every cold start (measured on the bench machine), more than the rest of our code.
 */
export function useCorrelationId(correlationId: string | undefined): void {
  if (!correlationId) return;
  logger.appendKeys({ correlationId });
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
