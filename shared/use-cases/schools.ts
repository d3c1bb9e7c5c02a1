import { NotFoundError, RosterFileError } from '../domain/errors';
import { readOneRosterSchools } from '../domain/oneroster';
import { MAX_ROSTER_RECORDS } from '../domain/limits';
import { mapWithConcurrency } from '../concurrency';
import type { Actor, StaffPrincipal } from '../domain/principal';
import { getSchool, saveSchool, School, SchoolSettings, schoolsOfDistrict } from '../data/schools';

/**
 * District-wide staff create a school or change its settings (name, code expiry, password policy,
 * letter text, contact line). Audited in the school's own trail with what changed; an id held by
 * another district's school is "not found", revealing nothing.
 */
const SETTINGS = ['name', 'codeTtlDays', 'passwordPolicy', 'letterText', 'contactLine'] as const satisfies readonly (keyof SchoolSettings)[];

export async function putSchool(staff: StaffPrincipal, schoolId: string, settings: SchoolSettings, actor: Actor) {
  const existing = await getSchool(schoolId);
  if (existing && existing.districtId !== staff.districtId) throw new NotFoundError('School');
  const school: School = { schoolId, districtId: staff.districtId, ...settings, updatedAt: new Date().toISOString() };
  // A PUT replaces the settings: a setting left out is removed, and counts as changed.
  const changed = SETTINGS.filter((key) => existing?.[key] !== settings[key]);
  if (existing && changed.length === 0) return { school: existing, created: false, changed };
  const outcome = await saveSchool(school, {
    schoolId, action: existing ? 'school.updated' : 'school.created', actor, at: school.updatedAt!, details: { changed: changed.join(',') },
  });
  if (outcome === 'elsewhere') throw new NotFoundError('School');
  return { school, created: !existing, changed };
}

export async function listSchools(staff: StaffPrincipal) {
  return { items: (await schoolsOfDistrict(staff.districtId)).sort((a, b) => a.name.localeCompare(b.name)) };
}

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
    const kept = Object.fromEntries(SETTINGS.flatMap((key) => (existing[i]?.[key] === undefined ? [] : [[key, existing[i]![key]]])));
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
