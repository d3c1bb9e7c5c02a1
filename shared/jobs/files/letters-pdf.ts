import type { LetterStudent } from '../../documents/code-letters';
import { codeLettersName, lettersPdf } from '../../use-cases/code-letters';
import type { JobFileAssembler } from '../job-work';

/** One PDF of letters, a page per student, from every page's letter data in name order. */
const assemble: JobFileAssembler = async (school, job, parts) => {
  const students = parts.flatMap((part) => JSON.parse(part.toString('utf8')) as LetterStudent[]);
  return { name: codeLettersName(school.schoolId, new Date().toISOString(), job.options?.grade), contentType: 'application/pdf', bytes: await lettersPdf(school, students) };
};

export default assemble;
