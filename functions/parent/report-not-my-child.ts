import { apiHandler } from '../../shared/http/handler';
import { reportNotMyChild } from '../../shared/use-cases/wrong-links';

export const handler = apiHandler('report-not-my-child', ({ principal, params, body }) =>
  reportNotMyChild(principal, params.schoolId, params.studentId, body.reason),
);
