import { linkSummaryOf } from '../../data/link-summary';
import { codeCsvText } from '../../use-cases/code-exports';
import { spreadsheetSafe } from '../../domain/spreadsheet';
import { JobWork, schoolStudents, studentItem } from '../job-work';

/** The census's tally names, in the order the console shows them. */
export const CENSUS_COUNTS = ['students', 'exported', 'redeemed', 'neverRedeemed', 'expired', 'unlinked'] as const;
export type CensusCount = (typeof CENSUS_COUNTS)[number];

/**
 * Where the school's codes stand (the code lifecycle), counted over every student at once: how
 * many current codes were handed out in a file (`exported`), used by a parent (`redeemed`) or
 * never (`neverRedeemed`), have `expired`, and which students have no linked parent
 * (`unlinked`, the job's effects, listed in its file for follow-up). It reads and changes
 * nothing else, so a schedule may run it nightly; the figures are as of the job's pages.
 */
const codeCensus: JobWork = {
  ...schoolStudents,
  item: studentItem(async (_school, _job, student) => {
    const now = new Date().toISOString();
    const unlinked = linkSummaryOf(student).length === 0;
    const tally: CensusCount[] = ['students'];
    if (student.codeExportedAt && student.codeExportedAt >= student.codeIssuedAt) tally.push('exported');
    tally.push(student.codeRedeemedAt ? 'redeemed' : 'neverRedeemed');
    if (student.codeExpiresAt && student.codeExpiresAt <= now) tally.push('expired');
    if (unlinked) tally.push('unlinked');
    const row = unlinked ? [student.lastName, student.firstName, student.studentNumber, student.grade ?? '', student.homeroom ?? ''].map(spreadsheetSafe) : undefined;
    return { processed: 1, effects: unlinked ? 1 : 0, tally: Object.fromEntries(tally.map((name) => [name, 1])), output: row };
  }),
  file: { part: (rows) => codeCsvText(rows as string[][], 'rows') },
};

export default codeCensus;
