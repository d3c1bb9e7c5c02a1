import { MAIL_FUNCTIONS } from '../../infra/mail-functions';
import { synthesized } from '../support/synthesized';

/*
 * Parent mail as deployed (the tests' context sets mailFrom): the mailer on the notice bus, SES
 * with a configuration set whose bounce and complaint events come back, least privilege, and an
 * alarm on everything that can give up.
 */
const service = synthesized().service;
const mail = service.nested.mail!;
const ofType = (type: string) => mail.resources(type).map((r) => r.resource.Properties);
const functionAt = (name: string) => mail.at(`ParentAccess/mail/mail/${name}`);

test('a configuration set suppresses bounced and complaining addresses, requires TLS and publishes bounces, complaints and deliveries to the default bus', () => {
  const [set] = ofType('AWS::SES::ConfigurationSet');
  expect(set).toMatchObject({ SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] }, DeliveryOptions: { TlsPolicy: 'REQUIRE' }, ReputationOptions: { ReputationMetricsEnabled: true } });
  const [destination] = ofType('AWS::SES::ConfigurationSetEventDestination');
  expect(destination.EventDestination.MatchingEventTypes.sort()).toEqual(['bounce', 'complaint', 'delivery']);
  expect(JSON.stringify(destination.EventDestination.EventBridgeDestination.EventBusArn)).toContain('event-bus/default');
  // The sender's domain is an SES identity using the set by default.
  expect(ofType('AWS::SES::EmailIdentity')).toEqual([expect.objectContaining({ EmailIdentity: 'schools.example.org' })]);
});

test('the mailer takes parent notices from the bus, and SES feedback from the default bus, each with a dead-letter queue and retries for a day', () => {
  const rules = mail.resources('AWS::Events::Rule');
  const targetOf = (rule: (typeof rules)[number]) => mail.deref(rule.resource.Properties.Targets[0].Arn)?.path;
  const notices = rules.find((r) => r.resource.Properties.EventPattern.source?.[0] === 'parent-access')!;
  expect(notices.resource.Properties.EventPattern).toEqual({ source: ['parent-access'], 'detail-type': ['parent-notice'] });
  expect(targetOf(notices)).toBe(functionAt('send-notice').path);
  expect(service.deref(mail.parent!.stack.template.Resources[mail.parent!.logicalId]!.Properties.Parameters[notices.resource.Properties.EventBusName.Ref])?.path).toBe('ParentAccess/notices/bus/Resource');
  const feedback = rules.find((r) => r.resource.Properties.EventPattern.source?.[0] === 'aws.ses')!;
  expect(feedback.resource.Properties.EventPattern['detail-type']).toEqual(['Email Bounced', 'Email Complaint Received', 'Email Delivered']);
  expect(targetOf(feedback)).toBe(functionAt('mail-feedback').path);
  for (const rule of [notices, feedback]) {
    const [target] = rule.resource.Properties.Targets;
    expect(target.RetryPolicy).toEqual({ MaximumEventAgeInSeconds: 86400, MaximumRetryAttempts: 50 });
    expect(mail.deref(target.DeadLetterConfig.Arn)?.path).toBe('ParentAccess/mail/mail/dead-letters/Resource');
  }
  // The dead letters are alarmed (in the parent stack, beside the notices' own).
  const alarms = service.resources('AWS::CloudWatch::Alarm').filter((a) => a.stack === service);
  const watched = alarms.flatMap((a) => (a.resource.Properties.Dimensions ?? []).map((d: { Value: unknown }) => service.deref(d.Value)?.path));
  expect(watched).toContain('ParentAccess/mail/mail/dead-letters/Resource');
});

test('the mailer may send only from the identity through the set, and touch only what it declares', () => {
  const statements = mail.statementsOf('ParentAccess/mail/mail/send-notice-role');
  const ses = statements.filter((s) => JSON.stringify(s.Action).includes('ses:'));
  expect(ses).toHaveLength(1);
  expect(ses[0].Action).toBe('ses:SendEmail');
  expect(JSON.stringify(ses[0].Resource)).toMatch(/identity\/schools\.example\.org.*configuration-set\//);
  const tables = Object.keys(functionAt('send-notice').resource.Properties.Environment.Variables).filter((k) => k.startsWith('TABLE_')).sort();
  expect(tables).toEqual(Object.keys(MAIL_FUNCTIONS.sendNotice.tables).map((t) => `TABLE_${t.toUpperCase()}`).sort());
  expect(functionAt('send-notice').resource.Properties.Environment.Variables).toMatchObject({ MAIL_FROM: 'Springfield Schools <no-reply@schools.example.org>' });
  const feedback = mail.statementsOf('ParentAccess/mail/mail/mail-feedback-role');
  expect(feedback.filter((s) => JSON.stringify(s.Action).includes('ses:'))).toEqual([]);
  expect(feedback.filter((s) => JSON.stringify(s.Action).includes('dynamodb:')).map((s) => s.Action).flat().sort()).toEqual(['dynamodb:PutItem', 'dynamodb:UpdateItem']);
});
