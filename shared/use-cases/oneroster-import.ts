import { ValidationError } from '../domain/errors';
import type { Actor } from '../domain/principal';
import { MAX_ROSTER_RECORDS } from '../domain/limits';
import { readOneRoster, type OneRosterFiles } from '../domain/oneroster';
import type { School } from '../data/schools';
import { writeRosterChunk } from './roster';

// Its own module, so the roster upsert's function does not bundle the CSV parser.

/**
 * A OneRoster upload (domain/oneroster.ts): checked whole, then written through the roster
 * upsert (idempotent, same tenancy rules) and, when asked, each student linked to the guardians
 * the SIS names. A link that exists is left alone, so a re-import changes nothing.
 */
export async function importOneRoster(school: School, files: OneRosterFiles, actor: Actor, options: { linkGuardians: boolean; mayClaimParents: boolean }) {
  const roster = readOneRoster(files, school.schoolId);
  if (roster.students.length + roster.parents.length > MAX_ROSTER_RECORDS) {
    throw new ValidationError(`The files hold ${roster.students.length + roster.parents.length} records of this school; at most ${MAX_ROSTER_RECORDS} per import.`);
  }
  return { ...(await writeRosterChunk(school, roster, actor, options)), skipped: { users: roster.skipped } };
}

