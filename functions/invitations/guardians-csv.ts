import { apiHandler, HttpResult } from '../../shared/http/handler';
import { invitationRoutes } from '../../shared/contract/routes/invitations';
import { guardiansCsv } from '../../shared/use-cases/invitations';

export const handler = apiHandler(invitationRoutes, 'guardians-csv', async ({ school, query }) =>
  HttpResult.download({
    name: `guardians-${school.schoolId}.csv`,
    contentType: 'text/csv; charset=utf-8',
    bytes: Buffer.from(`\uFEFF${await guardiansCsv(school, query.state)}`, 'utf8'),
  }),
);
