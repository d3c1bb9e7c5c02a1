import { mapWithConcurrency } from '../../shared/concurrency';
import type { School } from '../../shared/data/schools';
import { createStudent } from '../../shared/data/student-profiles';
import { createLink } from '../../shared/data/links';
import { issueCode } from '../../shared/use-cases/codes';

const LAST = ['Adams', 'Brown', 'Chen', 'Díaz', 'Evans', 'Fischer', 'García', 'Hughes', 'Ito', 'Jones', 'Khan', 'López', 'Müller', 'Nguyen', "O'Neil", 'Patel', 'Quinn', 'Rossi', 'Smith', 'Tanaka', 'Usman', 'Vega', 'Wang', 'Xu', 'Young', 'Zhang', 'Ångström', '李'];

/** Given `count` students spread over every name segment (including non-Latin names). */
export async function seedStudents(school: School, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, i) => `b${i}`);
  await mapWithConcurrency(ids, 32, async (studentId, i) => {
    const at = new Date();
    const outcome = await createStudent(
      { schoolId: school.schoolId, studentId, districtId: school.districtId, firstName: `F${i}`, lastName: LAST[i % LAST.length]!, studentNumber: `${500000 + i}` },
      await issueCode(school, studentId, at),
      { districtId: school.districtId, schoolId: school.schoolId, action: 'student.created', actor: { type: 'system', id: 'seed' }, at: at.toISOString(), studentId },
    );
    if (outcome !== 'created') throw new Error(`seed failed: ${outcome}`);
  });
  return ids;
}

export async function seedLinks(school: School, pairs: [studentId: string, parentId: string][]): Promise<void> {
  await mapWithConcurrency(pairs, 32, async ([studentId, parentId]) => {
    const at = new Date().toISOString();
    await createLink(
      { schoolId: school.schoolId, studentId, districtId: school.districtId, parentId, linkedAt: at },
      { districtId: school.districtId, schoolId: school.schoolId, action: 'link.created', actor: { type: 'system', id: 'seed' }, at, studentId, parentId },
    );
  });
}
