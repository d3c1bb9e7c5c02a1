import { getGuardian, guardiansOfStudent } from '../../data/guardians';
import { queueReminder } from '../../data/guardians';
import { reminderDue } from '../../domain/invitations';
import { schoolRef } from '../../data/keys';
import { JobWork, schoolStudents, itemAudit } from '../job-work';
import { countedAt } from './invite-guardians';

/**
 * The daily reminder (a schedule runs it): every open invitation of the school that ends within
 * two days and has had no reminder gets one mail, with a link of its own (the first mail's link
 * works too). Each guardian is looked at once, at its first named child.
 */
const remindInvitations: JobWork = {
  ...schoolStudents,
  async item(school, job, studentId) {
    let reminded = 0;
    for (const parentId of await guardiansOfStudent(school, studentId)) {
      const guardian = await getGuardian(school, parentId);
      if (!guardian?.invitation || (await countedAt(school, guardian, undefined)) !== studentId) continue;
      if (guardian.remindedByJob === job.jobId) {
        reminded += 1;
        continue;
      }
      const open = guardian.state === 'invited' || guardian.state === 'sent' || guardian.state === 'delivered';
      if (!open || !reminderDue(guardian.invitation, new Date())) continue;
      if (job.dryRun) {
        reminded += 1;
        continue;
      }
      const at = new Date().toISOString();
      const queued = await queueReminder(
        school,
        guardian,
        { ...itemAudit(job, 'guardian.reminded', at), parentId },
        { type: 'invitation.reminder', at, ...schoolRef(school), parentId, invitationId: guardian.invitation.id },
        job.jobId,
      );
      if (queued) reminded += 1;
    }
    return { processed: 1, effects: reminded };
  },
};

export default remindInvitations;
