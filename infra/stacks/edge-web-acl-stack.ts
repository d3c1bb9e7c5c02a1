import { Stack, StackProps } from 'aws-cdk-lib';
import type { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { edgeWebAcl } from '../constructs/edge-protection';

/** The CloudFront web ACL, in us-east-1 where AWS WAF requires it, for a service stack elsewhere. */
export class EdgeWebAclStack extends Stack {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);
    this.webAcl = edgeWebAcl(this, 'web-acl');
  }
}
