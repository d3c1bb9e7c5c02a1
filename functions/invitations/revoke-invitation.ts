import { apiHandler } from '../../shared/http/handler';
import { invitationRoutes } from '../../shared/contract/routes/invitations';
import { revokeGuardianInvitation } from '../../shared/use-cases/invitations';

export const handler = apiHandler(invitationRoutes, 'revoke-invitation', ({ school, params, actor }) => revokeGuardianInvitation(school, params.parentId, actor));
