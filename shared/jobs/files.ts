import type { JobType } from './registry';
import type { JobFileAssembler } from './job-work';

/**
 * How each file-making job type joins its parts. Only the WriteFile task imports this, so only
 * its bundle carries pdfkit and the fonts.
 */
const ASSEMBLERS: Partial<Record<JobType, () => Promise<{ default: JobFileAssembler }>>> = {
  'export-codes': () => import('./files/codes-csv'),
  'code-letters': () => import('./files/letters-pdf'),
  'code-census': () => import('./files/census-csv'),
};

export async function fileAssembler(type: JobType): Promise<JobFileAssembler> {
  const load = ASSEMBLERS[type];
  if (!load) throw new Error(`Job type ${type} makes no file`);
  return (await load()).default;
}
