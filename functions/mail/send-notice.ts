import type { EventBridgeEvent } from 'aws-lambda';
import { taskHandler } from '../../shared/jobs/task-handler';
import { deliverNotice } from '../../shared/use-cases/notices';

/** The outbox pipe's event: ids only (infra/constructs/notice-events.ts, its input template). */
type NoticeDetail = { eventId: string; type: string; districtId: string };

/**
 * The mailer: one notice per invocation, invoked asynchronously by the bus's rule. An error
 * propagates, so EventBridge's retries and then the rule's dead-letter queue take over.
 */
export const handler = taskHandler(async (event: EventBridgeEvent<'parent-notice', NoticeDetail>) => {
  const outcomes = await deliverNotice(event.detail.eventId);
  return { eventId: event.detail.eventId, outcomes: outcomes.map((o) => o.status) };
});
