import { RosterFileError } from '../domain/errors';
import type { Actor, StaffPrincipal } from '../domain/principal';
import { readOneRosterSchools } from '../domain/oneroster';
import { MAX_ROSTER_RECORDS } from '../domain/limits';
import { mapWithConcurrency } from '../concurrency';
import { getSchool, SchoolSettings } from '../data/schools';
import { putSchool, SCHOOL_SETTINGS } from './schools';

// Its own module, so only its function bundles the CSV parser.

/**
 * A district's schools from OneRoster `orgs.csv`, in bulk: each `school` org is created, or
 * renamed when its name changed; its other settings (code expiry, password policy, letter) stay
 * as staff set them. The file is checked whole first, and an id that another district's school
 * holds refuses the whole import (by line, revealing nothing of that school), so an error writes
 * nothing. Importing the same file again changes nothing.
 */
export async function importOneRosterSchools(staff: StaffPrincipal, orgsCsv: string, actor: Actor) {
  const { schools, skipped } = readOneRosterSchools(orgsCsv, MAX_ROSTER_RECORDS);
  const existing = await mapWithConcurrency(schools, 8, (s) => getSchool(s.schoolId));
  const foreign = schools.filter((_, i) => existing[i] && existing[i]!.districtId !== staff.districtId);
  if (foreign.length) {
    throw new RosterFileError(foreign.slice(0, 100).map((s) => ({ file: 'orgs.csv', line: s.line, column: 'sourcedId', message: `"${s.schoolId}" cannot be used as a school id here.` })));
  }
  const outcomes = await mapWithConcurrency(schools, 8, async (s, i) => {
    const kept = Object.fromEntries(SCHOOL_SETTINGS.flatMap((key) => (existing[i]?.[key] === undefined ? [] : [[key, existing[i]![key]]])));
    return putSchool(staff, s.schoolId, { ...kept, name: s.name } as SchoolSettings, actor);
  });
  return {
    schools: {
      created: outcomes.filter((o) => o.created).length,
      updated: outcomes.filter((o) => !o.created && o.changed.length).length,
      unchanged: outcomes.filter((o) => !o.created && !o.changed.length).length,
    },
    skipped: { orgs: skipped },
  };
}
