import { schoolRef } from '../data/keys';
import type { Actor, StaffPrincipal } from '../domain/principal';
import { getSchool, saveSchool, School, SchoolSettings, schoolsOfDistrict } from '../data/schools';

/**
 * District-wide staff create a school or change its settings (name, code expiry, password policy,
 * letter text, contact line). Audited in the school's own trail with what changed. The id is the
 * district's own (its SIS's): another district's school of the same id is a different school,
 * so nothing here tells one district about another's ids or lets it take them.
 */
export const SCHOOL_SETTINGS = ['name', 'codeTtlDays', 'passwordPolicy', 'letterText', 'contactLine', 'invitationDays', 'invitationText', 'lostCodeRequests'] as const satisfies readonly (keyof SchoolSettings)[];

export async function putSchool(staff: StaffPrincipal, schoolId: string, settings: SchoolSettings, actor: Actor) {
  const existing = await getSchool({ districtId: staff.districtId, schoolId });
  const school: School = { schoolId, districtId: staff.districtId, ...settings, updatedAt: new Date().toISOString() };
  // A PUT replaces the settings: a setting left out is removed, and counts as changed.
  const changed = SCHOOL_SETTINGS.filter((key) => existing?.[key] !== settings[key]);
  if (existing && changed.length === 0) return { school: existing, created: false, changed };
  await saveSchool(school, {
    ...schoolRef(school), action: existing ? 'school.updated' : 'school.created', actor, at: school.updatedAt!, details: { changed: changed.join(',') },
  });
  return { school, created: !existing, changed };
}

export async function listSchools(staff: StaffPrincipal) {
  const schools = await schoolsOfDistrict(staff.districtId);
  const visible = staff.schools === 'district' ? schools : schools.filter((school) => (staff.schools as ReadonlySet<string>).has(school.schoolId));
  return { items: visible.sort((a, b) => a.name.localeCompare(b.name)) };
}

