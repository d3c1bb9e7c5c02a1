import { codeCsvRow, codeCsvText } from '../../use-cases/code-exports';
import { codeReleaseItem } from '../code-release-item';
import { JobWork, schoolStudents } from '../job-work';

/** The codes of a whole school (or one grade) as one CSV in name order, written to the exports bucket (files/codes-csv.ts). */
const exportCodes: JobWork = {
  marker: 'exportedByJob',
  ...schoolStudents,
  item: codeReleaseItem('csv', codeCsvRow),
  file: { part: (rows) => codeCsvText(rows as string[][], 'rows') },
};

export default exportCodes;
