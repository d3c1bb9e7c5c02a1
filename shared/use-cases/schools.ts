import { NotFoundError } from '../domain/errors';
import type { Actor, StaffPrincipal } from '../domain/principal';
import { getSchool, saveSchool, School, SchoolSettings, schoolsOfDistrict } from '../data/schools';

/**
 * District-wide staff create a school or change its settings (name, code expiry, password policy,
 * letter text, contact line). Audited in the school's own trail with what changed; an id held by
 * another district's school is "not found", revealing nothing.
 */
export const SCHOOL_SETTINGS = ['name', 'codeTtlDays', 'passwordPolicy', 'letterText', 'contactLine'] as const satisfies readonly (keyof SchoolSettings)[];

export async function putSchool(staff: StaffPrincipal, schoolId: string, settings: SchoolSettings, actor: Actor) {
  const existing = await getSchool(schoolId);
  if (existing && existing.districtId !== staff.districtId) throw new NotFoundError('School');
  const school: School = { schoolId, districtId: staff.districtId, ...settings, updatedAt: new Date().toISOString() };
  // A PUT replaces the settings: a setting left out is removed, and counts as changed.
  const changed = SCHOOL_SETTINGS.filter((key) => existing?.[key] !== settings[key]);
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

