import { apiHandler } from '../../shared/http/handler';
import { rosterUploadLinks } from '../../shared/use-cases/jobs';

export const handler = apiHandler('roster-uploads', ({ school, body }) => rosterUploadLinks(school, body.files));
