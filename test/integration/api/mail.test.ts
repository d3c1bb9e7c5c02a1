import type { Context } from 'aws-lambda';
import { readLocalMail } from '../../../infra/local/mail-local';
import { startNoticeRelay } from '../../../infra/local/notice-relay';
import { MAIL_FUNCTIONS } from '../../../infra/mail-functions';
import { localBindings } from '../../../shared/config';
import { useLocalAdapters } from '../../../shared/adapters';
import { addressState } from '../../../shared/data/mail';
import { readOutbox } from '../../../shared/data/outbox';
import { handler as feedbackHandler } from '../../../functions/mail/mail-feedback';
import { givenSchool, startApi, uniqueId, Api, SchoolWorld } from '../../support/world';

/*
 * Notices really sent: the API writes outbox events, the relay (the pipe's local stand-in) hands
 * them to the mailer, the mailer sends over SMTP to the local mail server, and these tests read
 * what that server received. Every test mails addresses of its own.
 */
let api: Api;
beforeAll(async () => (api = await startApi()));
afterAll(() => api.close());

const MAIL_DIR = process.env.MAIL_DIR!;
const inbox = (address: string) => readLocalMail(MAIL_DIR, address);

async function givenFamily(): Promise<{ world: SchoolWorld; email: string; relay: ReturnType<typeof startNoticeRelay> }> {
  const world = await givenSchool({ studentCount: 2, parentCount: 0 });
  const email = `${uniqueId('rosa')}@example.org`;
  const roster = { parents: [{ parentId: 'rosa', firstName: 'Rosa', lastName: 'Abbiatici', userName: uniqueId('rabbiatici'), email }] };
  expect((await api.request('PUT', `/schools/${world.school.schoolId}/roster`, { token: world.adminToken, body: roster })).status).toBe(200);
  // An hour-long interval: the test drains when it wants the notices handed on.
  const relay = startNoticeRelay({ districtId: world.districtId, intervalMs: 3_600_000 });
  return { world, email, relay };
}

const setPassword = (world: SchoolWorld) =>
  api.request('POST', `/schools/${world.school.schoolId}/parents/rosa/password`, { token: world.adminToken, body: { confirm: true } });

test('a staff password reset mails the parent once, without the password; a retried event sends nothing more', async () => {
  const { world, email, relay } = await givenFamily();
  const set = await setPassword(world);
  expect(set.status).toBe(200);
  await relay.drain();
  const mails = inbox(email);
  expect(mails.map((m) => m.subject)).toEqual(['Your parent portal password was reset']);
  const [mail] = mails;
  expect(mail!.text).toContain(world.school.name);
  expect(mail!.html).toContain('The school set a new temporary password');
  expect(mail!.tags).toEqual({ district: world.districtId, notice: 'parent-password-set' });
  // The temporary password (the article's default: last name + first initial) appears nowhere in the mail.
  expect(set.body.policy).toBe('default');
  expect(`${mail!.text}${mail!.html}`).not.toContain('AbbiaticiR');

  // The same events again (a new relay: what a retry after a restart does) send nothing.
  const again = startNoticeRelay({ districtId: world.districtId, intervalMs: 3_600_000 });
  await again.drain();
  again.stop();
  relay.stop();
  expect(inbox(email)).toHaveLength(1);
});

test('a link added by code and removed by the parent are both mailed, naming the child masked', async () => {
  const { world, email, relay } = await givenFamily();
  const code = (await api.request('GET', `/schools/${world.school.schoolId}/students`, { token: world.adminToken })).body.items[0].code;
  const token = await world.parentToken('rosa');
  expect((await api.request('POST', '/me/links', { token, body: { code } })).status).toBe(201);
  expect((await api.request('DELETE', `/me/students/${world.school.schoolId}/st0`, { token })).status).toBe(200);
  await relay.drain();
  relay.stop();
  const mails = inbox(email);
  expect(mails.map((m) => m.subject).sort()).toEqual(['A student was linked to your parent portal account', 'A student was removed from your parent portal account']);
  for (const mail of mails) {
    expect(mail.text).toContain('F*** L.');
    expect(mail.text).not.toContain('First0');
    expect(`${mail.text}${mail.html}`).not.toContain(code);
  }
});

test('a changed email is told to the old address and the new one', async () => {
  const { world, email, relay } = await givenFamily();
  const moved = `${uniqueId('moved')}@example.org`;
  const roster = { parents: [{ parentId: 'rosa', firstName: 'Rosa', lastName: 'Abbiatici', userName: uniqueId('rosa-new'), email: moved }] };
  expect((await api.request('PUT', `/schools/${world.school.schoolId}/roster`, { token: world.adminToken, body: roster })).status).toBe(200);
  await relay.drain();
  relay.stop();
  expect(inbox(email).map((m) => m.subject)).toEqual(['Your parent portal contact details changed']);
  expect(inbox(email)[0]!.text).toContain('Mail for it now goes to the new address');
  expect(inbox(moved).map((m) => m.subject)).toEqual(['Your parent portal contact details changed']);
});

test('a permanent bounce reported by SES stops mail to the address; a transient one does not', async () => {
  const { world, email, relay } = await givenFamily();
  const sesEvent = (bounceType: string) => ({
    version: '0', id: uniqueId('ses'), 'detail-type': 'Email Bounced', source: 'aws.ses', account: '000000000000', time: new Date().toISOString(), region: 'us-east-1', resources: [],
    detail: {
      eventType: 'Bounce',
      mail: { timestamp: new Date().toISOString(), tags: { district: [world.districtId], notice: ['parent-password-set'] }, destination: [email] },
      bounce: { bounceType, bounceSubType: 'General', timestamp: new Date().toISOString(), bouncedRecipients: [{ emailAddress: email.toUpperCase() }] },
    },
  });
  const feedback = (event: ReturnType<typeof sesEvent>) =>
    localBindings.run({ functionName: MAIL_FUNCTIONS.mailFeedback.name, tables: MAIL_FUNCTIONS.mailFeedback.tables }, () => feedbackHandler(event as never, {} as Context));

  expect(await feedback(sesEvent('Transient'))).toEqual({ marked: 0 });
  expect(await addressState(world.districtId, email)).toBeUndefined();
  expect(await feedback(sesEvent('Permanent'))).toEqual({ marked: 1 });
  expect((await addressState(world.districtId, email))?.state).toBe('bounced');
  // Another district's same address is not touched.
  expect(await addressState(uniqueId('other-district'), email)).toBeUndefined();

  expect((await setPassword(world)).status).toBe(200);
  await relay.drain();
  relay.stop();
  expect(inbox(email)).toEqual([]);
});

test('a send that fails is retried and then sent once', async () => {
  const { world, email, relay } = await givenFamily();
  let calls = 0;
  const { smtpMailSender } = await import('../../../shared/adapters/smtp-mail-sender');
  const smtp = smtpMailSender({ url: process.env.MAIL_SMTP_URL!, from: process.env.MAIL_FROM! });
  // The one fault a real server will not produce on demand: SES throttling the first send.
  useLocalAdapters({
    mailSender: {
      send: async (mail) => {
        calls += 1;
        if (calls === 1) throw Object.assign(new Error('Maximum sending rate exceeded.'), { name: 'TooManyRequestsException' });
        return smtp.send(mail);
      },
    },
  });
  try {
    expect((await setPassword(world)).status).toBe(200);
    await relay.drain();
    expect(inbox(email)).toEqual([]);
    await relay.drain();
    await relay.drain();
  } finally {
    useLocalAdapters({ mailSender: undefined });
    relay.stop();
  }
  expect(calls).toBe(2);
  expect(inbox(email)).toHaveLength(1);
  expect((await readOutbox({ districtId: world.districtId })).filter((e) => e.type === 'parent.password-set')).toHaveLength(1);
});
