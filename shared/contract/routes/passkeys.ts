import type { RouteSpec } from '../route';

/** Parents' passkeys (WebAuthn): register after sign-in or at activation, sign in with one, list and remove them. */
export const passkeyRoutes = {} as const satisfies Record<string, RouteSpec>;
