import { NestedStack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ParentMail, type ParentMailProps } from '../constructs/parent-mail';

/**
 * Parent mail in a nested stack of its own ("mail"), as every group of functions is: the parent
 * template keeps the stateful resources and the API, within CloudFormation's 500 resources.
 */
export class MailStack extends NestedStack {
  readonly mail: ParentMail;

  constructor(scope: Construct, id: string, props: ParentMailProps) {
    super(scope, id, { description: 'Parent Access: parent mail (the mailer, SES configuration set, bounce and complaint feedback)' });
    this.mail = new ParentMail(this, 'mail', props);
  }
}
