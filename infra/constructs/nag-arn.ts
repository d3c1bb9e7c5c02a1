import { CfnResource, Names, Stack, Token } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * An ARN as cdk-nag prints it in a finding id, so an acknowledgement matches whether the stack's
 * region and account are concrete (a CLI synth with a default region) or tokens (tests).
 */
export function nagArn(stack: Stack, service: string, resource: string): string {
  const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
  const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
  return `arn:<AWS::Partition>:${service}:${region}:${account}:${resource}`;
}

/**
 * An attribute of `resource` (e.g. `Arn`) as cdk-nag prints it in a finding about a template of
 * `consumer`'s stack: `<LogicalId.Arn>` (a Fn::GetAtt) in the resource's own stack; in a nested
 * stack the value arrives as a parameter, which CDK names `reference-to-<unique id><attribute>`
 * (aws-cdk-lib core, private/refs.ts), and nag prints a Ref to it as `<referenceto…Arn>`.
 */
export function nagAttribute(consumer: IConstruct, resource: CfnResource, attribute: string): string {
  const stack = Stack.of(consumer);
  if (Stack.of(resource) === stack) return `<${stack.getLogicalId(resource)}.${attribute}>`;
  return `<referenceto${Names.nodeUniqueId(resource.node)}${attribute}>`;
}
