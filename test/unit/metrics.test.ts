import { captureLogs } from '../support/capture-logs';
import { metricLines } from '../support/metrics';

/**
 * The dimension sets the alarms query must be exactly those the functions publish: Powertools
 * adds `service` to every metric (see infra/constructs/monitoring.ts).
 */
test('a metric is published in embedded-metric format with service and its own dimensions, nothing else', async () => {
  process.env.POWERTOOLS_METRICS_DISABLED = 'false';
  const { countMetric } = await import('../../shared/observability');
  const { METRICS } = await import('../../shared/metric-names');
  const { logs } = await captureLogs(async () => countMetric(METRICS.redeemFailed, { districtId: 'd1', schoolId: 's1' }));
  const [line] = metricLines(logs, 'RedeemFailed') as any[];
  expect(line._aws.CloudWatchMetrics[0]).toEqual({ Namespace: 'ParentAccess', Dimensions: [['service', 'districtId', 'schoolId']], Metrics: [{ Name: 'RedeemFailed', Unit: 'Count' }] });
  expect(line).toMatchObject({ service: 'parent-access', districtId: 'd1', schoolId: 's1', RedeemFailed: 1 });
});
