import { codeCsvName, codeCsvRow, codeCsvText, CSV_TYPE } from '../../use-cases/code-exports';
import { codeReleaseItem } from '../code-release-item';
import { JobWork, schoolStudents } from '../job-work';

/** The codes of a whole school (or one grade) as one CSV in name order, written to the exports bucket. */
const exportCodes: JobWork = {
  marker: 'exportedByJob',
  ...schoolStudents,
  item: codeReleaseItem('csv', codeCsvRow),
  file: {
    part: (rows) => codeCsvText(rows as string[][], 'rows'),
    async assemble(school, job, parts) {
      const header = Buffer.from(codeCsvText([]), 'utf8');
      return { name: codeCsvName(school.schoolId, new Date().toISOString(), job.grade), contentType: CSV_TYPE, bytes: Buffer.concat([header, ...parts]) };
    },
  },
};

export default exportCodes;
