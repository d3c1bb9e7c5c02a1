import { RemovalPolicy, Stack, StackProps, Validations } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { DataTables } from '../constructs/data-tables';
import { JwtIssuer, ParentAccessApi } from '../constructs/http-api';
import { StaffIdentity } from '../constructs/staff-identity';

export interface ParentAccessStackProps extends StackProps {
  /** External staff identity provider; when absent, a Cognito user pool is created. */
  staffAuth?: JwtIssuer;
  /** Issuer of parent tokens; when absent, the staff issuer (parent routes then refuse staff tokens). */
  parentAuth?: JwtIssuer;
}

/** Composes the service's concerns; each lives in its own construct. */
export class ParentAccessStack extends Stack {
  readonly data: DataTables;
  readonly api: ParentAccessApi;

  constructor(scope: Construct, id: string, props: ParentAccessStackProps = {}) {
    super(scope, id, props);
    this.data = new DataTables(this, 'data');
    const codePepper = new Secret(this, 'code-pepper', {
      description: 'Key for hashing parent access codes before lookup',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      // Losing it would make every issued code unusable.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(codePepper).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'Rotating the pepper invalidates every issued code; it is rotated by re-issuing codes (Reset All), not on a timer.',
    });
    let staffAuth = props.staffAuth;
    if (!staffAuth) {
      const identity = new StaffIdentity(this, 'staff-identity');
      staffAuth = { issuer: identity.issuer, audience: [identity.audience] };
    }
    this.api = new ParentAccessApi(this, 'api', {
      tables: this.data.tables,
      codePepper,
      staffAuth,
      parentAuth: props.parentAuth ?? staffAuth,
    });
  }
}
