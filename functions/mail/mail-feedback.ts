import type { EventBridgeEvent } from 'aws-lambda';
import { taskHandler } from '../../shared/jobs/task-handler';
import { recordMailFeedback } from '../../shared/use-cases/notices';

/**
 * SES's bounce, complaint and delivery events, published by the configuration set to EventBridge
 * (Amazon SES Developer Guide, "Contents of event data that Amazon SES publishes to Amazon
 * EventBridge": `detail.eventType`, `detail.bounce.bouncedRecipients`, `detail.mail.tags`).
 */
export interface SesEventDetail {
  eventType: string;
  mail: { timestamp: string; tags?: Record<string, string[]> };
  delivery?: { timestamp: string };
  bounce?: { bounceType: string; timestamp: string; bouncedRecipients: { emailAddress: string }[] };
  complaint?: { timestamp: string; complainedRecipients: { emailAddress: string }[] };
}

export const handler = taskHandler(async (event: EventBridgeEvent<string, SesEventDetail>) => {
  const detail = event.detail;
  const tags = detail.mail.tags;
  const recipients = (detail.bounce?.bouncedRecipients ?? detail.complaint?.complainedRecipients ?? []).map((r) => r.emailAddress);
  const marked = await recordMailFeedback({
    eventType: detail.eventType,
    districtId: detail.mail.tags?.district?.[0],
    bounceType: detail.bounce?.bounceType,
    recipients,
    at: detail.bounce?.timestamp ?? detail.complaint?.timestamp ?? detail.delivery?.timestamp ?? detail.mail.timestamp,
    ...(tags?.school?.[0] && tags.parent?.[0] && tags.invitation?.[0] ? { invitation: { schoolId: tags.school[0], parentId: tags.parent[0], invitationId: tags.invitation[0] } } : {}),
  });
  return { marked };
});
