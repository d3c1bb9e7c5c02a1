import { putSchool, getSchool, School } from '../../shared/data/schools';
import { createLink } from '../../shared/data/links';
import { upsertRoster } from '../../shared/use-cases/roster';
import { foldName } from '../../shared/domain/names';

export const DEMO_DISTRICT = 'demo-district';
export const DEMO_SCHOOL = 'demo-school';

const FIRST = ['Rosa', 'Liam', 'Émile', 'Noah', 'Ava', 'Mia', 'Zoë', 'Lucas', 'Amara', 'Kenji', 'Sofia', 'Mateo', 'Chloé', 'Aarav', 'Fatima', 'Oliver', 'Nia', 'Jonas', 'Leila', 'Diego'];
const LAST = ['Bianchi', "O'Brien", 'García', 'Nguyen', 'van der Berg', 'Smith-Jones', 'Kowalski', 'Müller', 'Okafor', 'Tanaka', 'Rossi', 'Dubois', 'Haddad', 'Johansson', 'Patel', 'Silva', 'Kim', 'Levy', 'Murphy', 'Novak'];

const GRADES = ['K', '1', '2', '3', '4', '5'];

/** A small deterministic generator, so every fresh demo school looks the same. */
function seeded(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

/**
 * The demo school `npm start` loads on first run: ~500 students, ~400 parents and some links.
 * Rosa Abbiatici (parent p0000) is the article's example parent. Parents p0151 and up are not
 * linked; the roster names their children (guardians to invite).
 */
export async function loadDemoSchool(): Promise<{ created: boolean; school: School }> {
  const existing = await getSchool({ districtId: DEMO_DISTRICT, schoolId: DEMO_SCHOOL });
  if (existing) return { created: false, school: existing };
  const school: School = { schoolId: DEMO_SCHOOL, districtId: DEMO_DISTRICT, name: 'Lincoln Elementary (demo)' };
  await putSchool(school);
  const random = seeded(42);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
  const students = Array.from({ length: 500 }, (_, i) => ({
    studentId: `s${String(i).padStart(4, '0')}`,
    firstName: i === 0 ? 'Giulia' : pick(FIRST),
    lastName: i === 0 ? 'Abbiatici' : pick(LAST),
    studentNumber: String(240000 + i),
    // Kindergarten to grade 5, four homerooms a grade.
    grade: GRADES[i % GRADES.length]!,
    homeroom: `${GRADES[i % GRADES.length]}-${'ABCD'[Math.floor(i / GRADES.length) % 4]}`,
  }));
  const parents = Array.from({ length: 400 }, (_, i) => {
    const firstName = i === 0 ? 'Rosa' : pick(FIRST);
    const lastName = i === 0 ? 'Abbiatici' : pick(LAST);
    return {
      parentId: `p${String(i).padStart(4, '0')}`,
      firstName,
      lastName,
      userName: demoUserName(firstName, lastName, i),
      email: `parent${i}@example.org`,
      // Parents 151 and up are not linked yet: the SIS names their children (some two), so they can be invited.
      ...(i > 150 ? { studentIds: [students[i]!.studentId, ...(i + 250 < students.length ? [students[i + 250]!.studentId] : [])] } : {}),
    };
  });
  const actor = { type: 'system' as const, id: 'demo-loader' };
  for (let i = 0; i < students.length; i += 250) {
    await upsertRoster(school, { students: students.slice(i, i + 250), parents: [] }, actor);
  }
  await upsertRoster(school, { students: [], parents }, actor);
  // Parents 1..150 are linked to one child each; Rosa (p0000) is linked to Giulia (s0000).
  for (let i = 0; i <= 150; i++) {
    await createLink(
      { schoolId: DEMO_SCHOOL, studentId: students[i]!.studentId, districtId: DEMO_DISTRICT, parentId: parents[i]!.parentId, linkedAt: new Date().toISOString() },
      { districtId: DEMO_DISTRICT, schoolId: DEMO_SCHOOL, action: 'link.created', actor, at: new Date().toISOString(), studentId: students[i]!.studentId, parentId: parents[i]!.parentId },
    );
  }
  return { created: true, school };
}

/** Letters that do not decompose into a base letter and an accent, written as English spells them. */
const SPELLED: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

/** A demo user name: accents dropped, never letters (Chloé Murphy → chloe.murphy.197). */
export function demoUserName(firstName: string, lastName: string, n: number): string {
  const ascii = (name: string) =>
    foldName(name)
      .replace(/[ßæœøłđðþı]/g, (letter) => SPELLED[letter]!)
      .replace(/[^a-z0-9]+/g, '');
  return `${ascii(firstName)}.${ascii(lastName)}.${n}`;
}
