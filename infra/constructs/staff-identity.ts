import { RemovalPolicy } from 'aws-cdk-lib';
import { Validations } from 'aws-cdk-lib';
import {
  CfnUserPoolGroup,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { PERMISSIONS } from '../../shared/domain/principal';

/**
 * The staff directory when no external identity provider is configured: a Cognito user pool
 * whose groups are our permission names and whose custom attributes carry district and schools.
 * Admins create staff users; nobody signs up.
 */
export class StaffIdentity extends Construct {
  readonly issuer: string;
  readonly audience: string;
  readonly userPool: UserPool;

  constructor(scope: Construct, id: string) {
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
    const client = new UserPoolClient(this, 'console-client', {
      userPool: this.userPool,
      authFlows: { userSrp: true },
      generateSecret: false,
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
