import { apiHandler } from '../../shared/http/handler';
import { upsertRoster } from '../../shared/use-cases/roster';

export const handler = apiHandler('upsert-roster', ({ school, staff, body, actor }) => upsertRoster(school, body, actor, staff.schools === 'district'));
