import { auditPut, AuditEvent } from './audit';
import { table, transactThroughConflicts } from './client';
import { keys } from './keys';

/**
 * "This parent previewed this student's code today": a marker in the throttle table, one per
 * parent, student and UTC day, gone by TTL a day after its day ends. It commits in one
 * transaction with the day's `code.previewed` event, so a look is never shown unrecorded and a
 * repeated look writes no second event. The marker is an UpdateItem (the route's throttle grant),
 * conditional on being new.
 */
const DAY_SECONDS = 86_400;

export interface PreviewMark {
  districtId: string;
  parentId: string;
  schoolId: string;
  studentId: string;
}

/** Records the first preview of the day: 'recorded', or 'repeated' (marker and event already there, nothing written). */
export async function recordPreview(mark: PreviewMark, event: AuditEvent, now: Date): Promise<'recorded' | 'repeated'> {
  const epoch = Math.floor(now.getTime() / 1000);
  const day = epoch - (epoch % DAY_SECONDS);
  const cancelled = await transactThroughConflicts({
    mark: {
      Update: {
        TableName: table('throttle'),
        Key: keys.throttle('preview-seen', `${mark.districtId}#${mark.parentId}#${mark.schoolId}#${mark.studentId}`, day),
        UpdateExpression: 'SET expiresAtEpoch = :expires',
        ConditionExpression: 'attribute_not_exists(pk)',
        ExpressionAttributeValues: { ':expires': day + 2 * DAY_SECONDS },
      },
    },
    event: auditPut(event),
  });
  if (!cancelled) return 'recorded';
  if (cancelled.failed.has('mark')) return 'repeated';
  throw new Error(`Preview record cancelled: ${cancelled.codes}`);
}
