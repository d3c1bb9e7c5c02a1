import { apiHandler } from '../../shared/http/handler';
import { invitationRoutes } from '../../shared/contract/routes/invitations';
import { inviteGuardians } from '../../shared/use-cases/invitations';

export const handler = apiHandler(invitationRoutes, 'invite-guardians', ({ school, body, actor }) => inviteGuardians(school, body.parentIds, actor));
