import { Stack, Token } from 'aws-cdk-lib';

/**
 * An ARN as cdk-nag prints it in a finding id, so an acknowledgement matches whether the stack's
 * region and account are concrete (a CLI synth with a default region) or tokens (tests).
 */
export function nagArn(stack: Stack, service: string, resource: string): string {
  const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
  const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
  return `arn:<AWS::Partition>:${service}:${region}:${account}:${resource}`;
}
