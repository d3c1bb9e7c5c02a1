import { apiHandler } from '../../shared/http/handler';
import { rosterAndSchoolsRoutes } from '../../shared/contract/routes/roster-and-schools';
import { upsertRoster } from '../../shared/use-cases/roster';

export const handler = apiHandler(rosterAndSchoolsRoutes, 'upsert-roster', ({ school, staff, body, actor }) => upsertRoster(school, body, actor, staff.schools === 'district'));
