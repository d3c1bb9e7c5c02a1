import { codeCsvText, CSV_TYPE, exportFileName } from '../../use-cases/code-exports';
import type { JobFileAssembler } from '../job-work';

const HEADER = ['Last name', 'First name', 'Student number', 'Grade', 'Homeroom'];

/** The census's list of students with no linked parent (no codes): byte-order mark, header, rows. */
const assemble: JobFileAssembler = async (school, _job, parts) => ({
  name: exportFileName('students-without-parent', 'csv', school.schoolId, new Date().toISOString()),
  contentType: CSV_TYPE,
  bytes: Buffer.concat([Buffer.from('\ufeff' + codeCsvText([HEADER], 'rows'), 'utf8'), ...parts]),
});

export default assemble;
