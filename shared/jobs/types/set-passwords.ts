import { config } from '../../config';
import { nameSegments, PAGE_SIZE } from '../../domain/jobs';
import { defaultPassword, hashPassword } from '../../domain/passwords';
import { getParent, getParents, parentPage } from '../../data/parents';
import { setTemporaryPassword } from '../../data/parent-accounts';
import { itemAudit, JobWork } from '../job-work';
import { accountAuditSchools } from '../../use-cases/visible-parents';
import { AccountCountMismatchError } from '../../domain/errors';

const DAY_MS = 86_400_000;

/** Default temporary passwords for the school's rostered parents, or for the selected ones. */
const setPasswords: JobWork = {
  marker: 'passwordSetByJob',
  async count(school) {
    let count = 0;
    for (const segment of nameSegments()) {
      let start: Record<string, unknown> | undefined;
      do {
        const page = await parentPage(school.districtId, segment, PAGE_SIZE, start);
        const parents = await getParents(school.districtId, page.ids);
        count += [...parents.values()].filter((p) => p.rosterSchools?.has(school.schoolId)).length;
        start = page.nextKey;
      } while (start);
    }
    return count;
  },
  /** The count the starter confirmed must be the one planned now (a roster change in between refuses the job). */
  confirm(job, total) {
    const confirmed = job.options?.confirmAccounts;
    if (!job.dryRun && typeof confirmed === 'number' && confirmed !== total) throw new AccountCountMismatchError(confirmed, total);
  },
  page: (school, range, limit, startKey) => parentPage(school.districtId, range, limit, startKey),
  async item(school, job, parentId, selected) {
    const parent = await getParent(job.districtId, parentId);
    // The school's own parents only; a selected parent rostered elsewhere only when district-wide
    // staff started the job (admission checked it; checked again here, where the write happens).
    const rostered = parent?.rosterSchools?.has(school.schoolId) ?? false;
    if (!parent || (!rostered && !(selected && job.mayClaimParents))) return { processed: 0, effects: 0 };
    if (parent.passwordSetByJob === job.jobId) return { processed: 1, effects: 1 };
    const password = defaultPassword(parent.firstName, parent.lastName);
    if (!password) return { processed: 1, effects: 0, failed: 'no-default-password' };
    if (job.dryRun) return { processed: 1, effects: 1 };
    const now = new Date();
    const at = now.toISOString();
    const temporary = {
      hash: await hashPassword(password),
      issuedAt: at,
      expiresAt: new Date(now.getTime() + config.TEMPORARY_PASSWORD_DAYS * DAY_MS).toISOString(),
    };
    const ok = await setTemporaryPassword(
      parent,
      temporary,
      accountAuditSchools(parent, school.schoolId).map((schoolId) => {
        const audit = itemAudit(job, 'parent.password-set', at);
        return { ...audit, schoolId, parentId, details: schoolId === school.schoolId ? audit.details : { ...audit.details, through: school.schoolId } };
      }),
      { type: 'parent.password-set', at, districtId: parent.districtId, parentId, schoolId: school.schoolId },
      job.jobId,
    );
    if (ok) return { processed: 1, effects: 1 };
    const again = await getParent(job.districtId, parentId);
    return again?.passwordSetByJob === job.jobId ? { processed: 1, effects: 1 } : { processed: 1, effects: 0, failed: 'changed' };
  },
};

export default setPasswords;
