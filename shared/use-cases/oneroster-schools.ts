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
 * as staff set them. The file is checked whole first, so an error writes nothing. Its sourcedIds
 * are the district's own school ids (another district's school of the same id is another school).
 * Importing the same file again changes nothing.
 */
export async function importOneRosterSchools(staff: StaffPrincipal, orgsCsv: string, actor: Actor) {
  const { schools, skipped } = readOneRosterSchools(orgsCsv, MAX_ROSTER_RECORDS);
  const existing = await mapWithConcurrency(schools, 8, (s) => getSchool({ districtId: staff.districtId, schoolId: s.schoolId }));
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
