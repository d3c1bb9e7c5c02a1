import { z } from 'zod';

/** Ids are short and free of our key separator; anything else is refused at the edge. */
export const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, "-" or "_"');
export const reason = z.string().trim().min(1).max(500).optional();
/** How many students one synchronous call may touch; larger sets are bulk jobs. */
export const MAX_STUDENTS_PER_CALL = 500;
export const studentIdList = z.array(id).min(1).max(MAX_STUDENTS_PER_CALL);
export const pageLimit = z.coerce.number().int().min(1).max(100).default(25);
export const cursor = z.string().max(2048).optional();
export const schoolParams = z.object({ schoolId: id });

const timestamp = z.string().datetime({ offset: false });

/** Filters and paging of an audit trail (school or district). */
export const auditQuery = z.object({
  studentId: id.optional(),
  parentId: id.optional(),
  actorId: z.string().min(1).max(128).optional(),
  action: z.string().regex(/^[a-z]+\.[a-z-]+$/).optional(),
  from: timestamp.optional(),
  to: timestamp.optional(),
  limit: pageLimit,
  cursor,
});
