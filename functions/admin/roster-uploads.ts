import { apiHandler } from '../../shared/http/handler';
import { rosterAndSchoolsRoutes } from '../../shared/contract/routes/roster-and-schools';
import { rosterUploadLinks } from '../../shared/use-cases/job-files';

export const handler = apiHandler(rosterAndSchoolsRoutes, 'roster-uploads', ({ school, body }) => rosterUploadLinks(school, body.files));
