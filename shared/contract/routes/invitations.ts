import type { RouteSpec } from '../route';

/** Invitations by mail to the guardians the SIS names, their activation, and lost-code requests. */
export const invitationRoutes = {} as const satisfies Record<string, RouteSpec>;
