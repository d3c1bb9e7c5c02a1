import fc from 'fast-check';
import { rosterChunks } from '../../shared/domain/oneroster';

/** Chunks of an import are written in parallel: no parent may be in two, and nothing may be lost. */
const roster = fc
  .record({ students: fc.integer({ min: 0, max: 60 }), parents: fc.integer({ min: 0, max: 40 }), links: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 120 }) })
  .map(({ students, parents, links }) => ({
    students: Array.from({ length: students }, (_, i) => ({ studentId: `s${i}`, firstName: 'A', lastName: 'B', studentNumber: `${i}` })),
    parents: Array.from({ length: parents }, (_, i) => ({ parentId: `p${i}`, firstName: 'C', lastName: 'D', userName: `u${i}` })),
    guardianLinks: students && parents ? links.map(([s, p]) => ({ studentId: `s${s % students}`, parentId: `p${p % parents}` })) : [],
  }));

test('every record and link lands in exactly one chunk; a link and both its ends share a chunk; chunks stay small unless a family is large', () => {
  fc.assert(
    fc.property(roster, fc.integer({ min: 1, max: 30 }), (input, max) => {
      const chunks = rosterChunks(input, max);
      const where = new Map<string, number>();
      chunks.forEach((chunk, i) => {
        for (const s of chunk.students) where.set(`s:${s.studentId}`, i);
        for (const p of chunk.parents) where.set(`p:${p.parentId}`, i);
      });
      expect(chunks.flatMap((c) => c.students).length).toBe(input.students.length);
      expect(chunks.flatMap((c) => c.parents).length).toBe(input.parents.length);
      expect(where.size).toBe(input.students.length + input.parents.length);
      expect(chunks.flatMap((c) => c.guardianLinks).length).toBe(input.guardianLinks.length);
      chunks.forEach((chunk, i) => {
        for (const link of chunk.guardianLinks) {
          expect([where.get(`s:${link.studentId}`), where.get(`p:${link.parentId}`)]).toEqual([i, i]);
        }
      });
      // A chunk over the size holds one family only: the students and parents its links join.
      for (const chunk of chunks.filter((c) => c.students.length + c.parents.length > max)) {
        const before = rosterChunks({ students: chunk.students, parents: chunk.parents, guardianLinks: chunk.guardianLinks }, 1);
        expect(before).toHaveLength(1);
      }
    }),
  );
});

test('the same roster is cut the same way every time (a re-planned job writes the same chunks)', () => {
  fc.assert(fc.property(roster, (input) => expect(rosterChunks(input, 7)).toEqual(rosterChunks(input, 7))));
});
