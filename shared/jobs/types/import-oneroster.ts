import { ValidationError } from '../../domain/errors';
import { MAX_UPLOAD_FILE_BYTES } from '../../domain/limits';
import { idSegments } from '../../domain/jobs';
import { readOneRoster, rosterChunks, type OneRosterFiles, type RosterChunk } from '../../domain/oneroster';
import { fileStore } from '../../adapters';
import { mapWithConcurrency } from '../../concurrency';
import { checkRosterParents, writeRosterChunk } from '../../use-cases/roster';
import type { JobWork } from '../job-work';
import { uploadKey } from '../../domain/upload-keys';

/** Records per chunk (one item of the job): a page of 100 chunks writes up to 10,000 records. */
export const RECORDS_PER_CHUNK = 100;
export const ROSTER_FILES = ['users.csv', 'orgs.csv', 'enrollments.csv'] as const;

const chunkKey = (jobId: string, chunk: string) => `jobs/${jobId}/input/${chunk}.json`;

/**
 * A OneRoster import of any size, as a job: the files go to the exports bucket first (presigned
 * uploads), then the plan checks them whole, exactly as the direct import does (every file
 * problem by file, line and column; user names free; parents this school's to update), and a
 * refusal writes nothing. A checked upload is cut into chunks that share no parent (families
 * stay together), which pages write in parallel through the same roster upsert: idempotent, so
 * a retried page or a re-run import changes nothing more, and each record carries the job's
 * marker, so a retried page counts what its first attempt wrote as that attempt did. A preview only checks.
 */
const importOneRoster: JobWork = {
  page: async () => ({ ids: [] }),
  async plan(school, job) {
    const uploadId = job.options?.uploadId;
    if (!uploadId) throw new ValidationError('An import job needs the uploadId of its uploaded files.');
    const store = await fileStore();
    const files: Partial<OneRosterFiles> = {};
    for (const name of ROSTER_FILES) {
      const key = uploadKey(school, uploadId, name);
      const size = await store.size(key);
      if (size === undefined) continue;
      if (size > MAX_UPLOAD_FILE_BYTES) throw new ValidationError(`${name} has ${size} bytes; at most ${MAX_UPLOAD_FILE_BYTES} per file.`);
      // The bytes as they are: the reader scans and parses them without a copy as a string.
      files[name] = (await store.get(key))!;
    }
    if (files['users.csv'] === undefined) throw new ValidationError('users.csv was not uploaded (or its upload expired).');
    const roster = readOneRoster(files as OneRosterFiles, school.schoolId);
    await checkRosterParents(school, roster.parents, job.mayClaimParents ?? false);
    const chunks = rosterChunks(roster, RECORDS_PER_CHUNK);
    const ids = chunks.map((_, i) => String(i).padStart(6, '0'));
    await mapWithConcurrency(chunks, 8, (chunk, i) => store.put(chunkKey(job.jobId, ids[i]!), JSON.stringify(chunk), 'application/json'));
    return { total: roster.students.length + roster.parents.length, segments: idSegments(ids), tally: { skippedUsers: roster.skipped } };
  },
  async item(school, job, id) {
    const chunk = JSON.parse((await (await fileStore()).get(chunkKey(job.jobId, id)))!.toString('utf8')) as RosterChunk;
    const records = chunk.students.length + chunk.parents.length;
    if (job.dryRun) return { processed: records, effects: 0 };
    const written = await writeRosterChunk(school, chunk, job.actor, { linkGuardians: job.options?.linkGuardians ?? false, mayClaimParents: job.mayClaimParents ?? false, byJob: job.jobId });
    return {
      processed: records,
      effects: written.students.created + written.students.updated + written.parents.written + written.links.created,
      tally: {
        studentsCreated: written.students.created, studentsUpdated: written.students.updated, studentsUnchanged: written.students.unchanged,
        parentsWritten: written.parents.written, parentsUnchanged: written.parents.unchanged,
        linksCreated: written.links.created, linksExisting: written.links.existing,
      },
    };
  },
};

export default importOneRoster;
