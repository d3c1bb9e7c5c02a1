import { apiHandler } from '../../shared/http/handler';
import { schoolParams } from '../../shared/http/schemas';
import { authorizeSchoolAction } from '../../shared/use-cases/school-scope';
import { listSchedules } from '../../shared/data/schedules';

export const handler = apiHandler({
  params: schoolParams,
  async run({ principal, params }) {
    await authorizeSchoolAction(principal, 'jobs:run', params.schoolId);
    return { items: await listSchedules(params.schoolId) };
  },
});
