import { RemovalPolicy } from 'aws-cdk-lib';
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
   * Where the console's hosted sign-in may return (authorization code flow with PKCE).
   * Default: none, and then the client allows no OAuth flow at all (no placeholder URL).
   */
  callbackUrls?: string[];
  logoutUrls?: string[];
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
    const callbackUrls = props.callbackUrls ?? [];
    const client = new UserPoolClient(this, 'console-client', {
      userPool: this.userPool,
      authFlows: { userSrp: true },
      generateSecret: false,
      // Users may edit their own profile fields, never their tenancy or groups.
      writeAttributes: new ClientAttributes().withStandardAttributes({ givenName: true, familyName: true }),
      ...(callbackUrls.length
        ? {
            oAuth: {
              flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
              scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
              callbackUrls,
              logoutUrls: props.logoutUrls ?? callbackUrls,
            },
          }
        : { disableOAuth: true }),
    });
    for (const permission of PERMISSIONS) {
      new CfnUserPoolGroup(this, `group-${permission.replace(':', '-')}`, {
        userPoolId: this.userPool.userPoolId,
        groupName: permission,
      });
    }
    this.issuer = `https://cognito-idp.${this.userPool.stack.region}.amazonaws.com/${this.userPool.userPoolId}`;
    this.audience = client.userPoolClientId;
  }
}
