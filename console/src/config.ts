/**
 * What the console learns from where it is deployed: `/console-config.json`, written by CDK next
 * to the app (or served by `npm start`). The staff sign-in is an OpenID Connect authorization code
 * flow with PKCE against the staff issuer (Cognito's hosted sign-in, or the local dev issuer).
 */
export interface ConsoleConfig {
  staff?: {
    issuer: string;
    authorizationEndpoint: string;
    tokenEndpoint: string;
    clientId: string;
    scope: string;
  };
  /** The district parents sign in to; absent, the portal asks for it. */
  parentDistrict?: string;
  /** Shown in the header: "local" or the stage name. */
  environment: string;
}

let loaded: Promise<ConsoleConfig> | undefined;

export function consoleConfig(): Promise<ConsoleConfig> {
  loaded ??= fetch('/console-config.json', { cache: 'no-store' }).then(async (response) => {
    if (!response.ok) throw new Error(`The console configuration could not be loaded (${response.status}).`);
    return (await response.json()) as ConsoleConfig;
  });
  return loaded;
}
