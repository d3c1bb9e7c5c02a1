import { codeCsvName, codeCsvText, CSV_TYPE } from '../../use-cases/code-exports';
import type { JobFileAssembler } from '../job-work';

/** The codes CSV: byte-order mark and header, then every page's rows in name order. */
const assemble: JobFileAssembler = async (school, job, parts) => ({
  name: codeCsvName(school.schoolId, new Date().toISOString(), job.options?.grade),
  contentType: CSV_TYPE,
  bytes: Buffer.concat([Buffer.from(codeCsvText([]), 'utf8'), ...parts]),
});

export default assemble;
