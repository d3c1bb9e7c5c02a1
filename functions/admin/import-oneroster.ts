import { apiHandler } from '../../shared/http/handler';
import { rosterAndSchoolsRoutes } from '../../shared/contract/routes/roster-and-schools';
import { importOneRoster } from '../../shared/use-cases/oneroster-import';

export const handler = apiHandler(rosterAndSchoolsRoutes, 'import-oneroster', ({ school, staff, body, actor }) =>
  importOneRoster(school, body.files, actor, { linkGuardians: body.linkGuardians, mayClaimParents: staff.schools === 'district' }),
);
