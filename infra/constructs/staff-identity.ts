import { Aws, Lazy, RemovalPolicy } from 'aws-cdk-lib';
import { Validations } from 'aws-cdk-lib';
import {
  CfnUserPoolGroup,
  ClientAttributes,
  OAuthScope,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { PERMISSIONS } from '../../shared/domain/principal';

export interface StaffIdentityProps {
  /**
   * More places the hosted sign-in may return to (authorization code flow with PKCE), such as an
   * external admin UI (context `consoleCallbackUrls`). The console's own URL is added with
   * `allowCallback`; the code flow is the only one allowed, never with a placeholder URL.
   */
  callbackUrls?: string[];
  /** The hosted sign-in's domain prefix, unique in the region (context `staffSignInDomainPrefix`). */
  domainPrefix?: string;
}

/** What the console needs to run the sign-in (console/src/auth/staff-sign-in.ts). */
export interface ConsoleSignIn {
  issuer: string;
  clientId: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  scope: string;
}

/**
 * The staff directory when no external identity provider is configured: a Cognito user pool
 * whose groups are our permission names and whose custom attributes carry district and schools.
 * Admins create staff users; nobody signs up. Tenancy (`custom:district`, `custom:schools`) is
 * written by administrators only: the app client may not write it, so a staff user's own token
 * cannot UpdateUserAttributes its way to `schools=*`.
 */
export class StaffIdentity extends Construct {
  readonly issuer: string;
  readonly audience: string;
  readonly userPool: UserPool;
  readonly consoleSignIn: ConsoleSignIn;
  /** The hosted sign-in's origin, which the console's content security policy must allow. */
  readonly signInOrigin: string;
  private readonly callbackUrls: string[];

  constructor(scope: Construct, id: string, props: StaffIdentityProps = {}) {
    super(scope, id);
    this.userPool = new UserPool(this, 'staff-pool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: { minLength: 12, requireSymbols: false },
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      customAttributes: {
        district: new StringAttribute({ mutable: true }),
        schools: new StringAttribute({ mutable: true, maxLen: 2048 }),
      },
      removalPolicy: RemovalPolicy.RETAIN,
      deletionProtection: true,
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG1',
      reason: 'NIST SP 800-63B: length (12+) without composition rules; MFA is required and threat protection is on.',
    });
    this.callbackUrls = [...(props.callbackUrls ?? [])];
    // Read at synthesis, after the console's distribution (made later) has added its URL.
    const callbackUrls = Lazy.list({ produce: () => this.callbackUrls });
    const client = new UserPoolClient(this, 'console-client', {
      userPool: this.userPool,
      authFlows: { userSrp: true },
      generateSecret: false,
      // Users may edit their own profile fields, never their tenancy or groups.
      writeAttributes: new ClientAttributes().withStandardAttributes({ givenName: true, familyName: true }),
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls,
        logoutUrls: callbackUrls,
      },
    });
    const domain = this.userPool.addDomain('sign-in', { cognitoDomain: { domainPrefix: props.domainPrefix ?? `parent-access-${Aws.ACCOUNT_ID}` } });
    this.signInOrigin = domain.baseUrl();
    for (const permission of PERMISSIONS) {
      new CfnUserPoolGroup(this, `group-${permission.replace(':', '-')}`, {
        userPoolId: this.userPool.userPoolId,
        groupName: permission,
      });
    }
    this.issuer = `https://cognito-idp.${this.userPool.stack.region}.amazonaws.com/${this.userPool.userPoolId}`;
    this.audience = client.userPoolClientId;
    this.consoleSignIn = {
      issuer: this.issuer,
      clientId: client.userPoolClientId,
      authorizationEndpoint: `${this.signInOrigin}/oauth2/authorize`,
      tokenEndpoint: `${this.signInOrigin}/oauth2/token`,
      scope: 'openid email profile',
    };
  }

  /** Lets the hosted sign-in return to this URL (the console's own). */
  allowCallback(url: string) {
    this.callbackUrls.push(url);
  }
}
