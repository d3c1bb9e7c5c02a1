import type { Context } from 'aws-lambda';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { readLocalMail, type LocalMail } from '../../../infra/local/mail-local';
import { startNoticeRelay } from '../../../infra/local/notice-relay';
import { createLocalJobRunner } from '../../../infra/local/job-runner';
import { MAIL_FUNCTIONS } from '../../../infra/mail-functions';
import { localBindings } from '../../../shared/config';
import { dynamo, table } from '../../../shared/data/client';
import { keys } from '../../../shared/data/keys';
import { handler as feedbackHandler } from '../../../functions/mail/mail-feedback';
import { givenSchool, startApi, uniqueId, Api, SchoolWorld } from '../../support/world';

/*
 * Invitations end to end through the API, the outbox, the mailer and the local SMTP server: the
 * guardians the SIS names get a single-use activation link; following it shows the children,
 * masked; accepting activates the account and links every child at once. Resend, revoke, the
 * reminder job, SES feedback, lost-code requests and the refusals.
 */
let api: Api;
const runner = createLocalJobRunner({ retryPauseMs: 0 });
beforeAll(async () => (api = await startApi({ jobs: runner })));
afterAll(() => api.close());

const STRONG = 'lantern-orbit-meadow-42';
const inbox = (address: string) => readLocalMail(process.env.MAIL_DIR!, address);

interface Family {
  world: SchoolWorld;
  email: string;
  userName: string;
  relay: ReturnType<typeof startNoticeRelay>;
  school: string;
}

/** Two siblings (st0, st1) whose SIS names Rosa (with an email) and Seán (without); st2 has none. */
async function givenFamily(): Promise<Family> {
  const world = await givenSchool({ studentCount: 3, parentCount: 0 });
  const email = `${uniqueId('rosa')}@example.org`;
  const userName = uniqueId('rabbiatici');
  const roster = {
    parents: [
      { parentId: 'rosa', firstName: 'Rosa', lastName: 'Abbiatici', userName, email, studentIds: ['st0', 'st1'] },
      { parentId: 'sean', firstName: 'Seán', lastName: 'Brien', userName: `${userName}-noemail`, studentIds: ['st1'] },
    ],
  };
  expect((await api.request('PUT', `/schools/${world.school.schoolId}/roster`, { token: world.adminToken, body: roster })).status).toBe(200);
  return { world, email, userName, school: world.school.schoolId, relay: startNoticeRelay({ districtId: world.districtId, intervalMs: 3_600_000 }) };
}

const invite = (f: Family, parentIds: string[], token = f.world.adminToken) =>
  api.request('POST', `/schools/${f.school}/invitations`, { token, body: { parentIds } });
const guardians = (f: Family, query = '') => api.request('GET', `/schools/${f.school}/guardians${query}`, { token: f.world.adminToken });
const preview = (f: Family, token: string) => api.request('POST', '/auth/invitations/preview', { body: { district: f.world.districtId, school: f.school, token }, ip: uniqueId('ip') });
const accept = (f: Family, token: string, newPassword?: string) =>
  api.request('POST', '/auth/invitations/accept', { body: { district: f.world.districtId, school: f.school, token, ...(newPassword ? { newPassword } : {}) }, ip: uniqueId('ip') });

function activationToken(mail: LocalMail): string {
  const link = /(http\S+#\/parent\/activate\?\S+)/.exec(mail.text)?.[1];
  expect(link).toBeDefined();
  const fragment = new URLSearchParams(new URL(link!).hash.split('?')[1]);
  return fragment.get('token')!;
}

async function mailedTokens(f: Family): Promise<string[]> {
  await f.relay.drain();
  return inbox(f.email).map(activationToken);
}

test('an invitation mails a link; it shows the children masked; accepting sets the password and links both siblings at once, once', async () => {
  const f = await givenFamily();
  const invited = await invite(f, ['rosa', 'sean', 'nobody']);
  expect(invited).toMatchObject({ status: 200, body: { invited: ['rosa'], 'no-email': ['sean'], 'not-named': ['nobody'], 'already-linked': [] } });
  const [token] = await mailedTokens(f);
  const [mail] = inbox(f.email);
  expect(mail!.subject).toBe('Test School invites you to the parent portal');
  expect(mail!.text).toContain('F*** L.');
  expect(mail!.text).not.toContain('First0');
  expect((await guardians(f, '?state=sent')).body).toMatchObject({ total: 1, items: [{ parentId: 'rosa', state: 'sent', students: 2 }] });

  const seen = await preview(f, token!);
  expect(seen).toMatchObject({ status: 200, body: { school: 'Test School', userName: f.userName, hasPassword: false } });
  expect(seen.body.students).toEqual([{ student: 'F*** L.' }, { student: 'F*** L.' }]);

  expect(await accept(f, token!, 'password')).toMatchObject({ status: 400, body: { error: { code: 'WEAK_PASSWORD' } } });
  const accepted = await accept(f, token!, STRONG);
  expect(accepted).toMatchObject({ status: 200, body: { userName: f.userName, linked: 2, token: expect.any(String) } });
  const mine = await api.request('GET', '/me/students', { token: accepted.body.token });
  expect(mine.body.students.map((s: { studentId: string }) => s.studentId).sort()).toEqual(['st0', 'st1']);
  // Single use: the link is spent, and the password works.
  expect((await accept(f, token!, `${STRONG}-x`)).status).toBe(401);
  expect((await preview(f, token!)).status).toBe(401);
  const signIn = await api.request('POST', '/auth/sign-in', { body: { district: f.world.districtId, userName: f.userName, password: STRONG }, ip: uniqueId('ip') });
  expect(signIn.body.token).toBeDefined();

  const status = await guardians(f);
  expect(status.body.counts).toMatchObject({ linked: 1, 'no-email': 1, sent: 0 });
  const csv = await api.request('GET', `/schools/${f.school}/guardians/csv`, { token: f.world.adminToken });
  expect(csv.status).toBe(200);
  expect(String(csv.body)).toMatch(/rosa,Abbiatici,Rosa,true,2,linked/);
  // Already linked: not invited again.
  expect((await invite(f, ['rosa'])).body['already-linked']).toEqual(['rosa']);
  const audit = await api.request('GET', `/schools/${f.school}/audit?parentId=rosa`, { token: f.world.adminToken });
  expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['guardian.invited', 'guardian.invitation-accepted', 'link.created']));
  f.relay.stop();
});

test('a resend replaces the link (the first stops working); revoke ends the invitation; a guessed or malformed token is 401', async () => {
  const f = await givenFamily();
  await invite(f, ['rosa']);
  const [first] = await mailedTokens(f);
  await invite(f, ['rosa']);
  const [, second] = await mailedTokens(f);
  expect(second).toBeDefined();
  expect((await preview(f, first!)).status).toBe(401);
  expect((await preview(f, second!)).status).toBe(200);
  expect((await api.request('DELETE', `/schools/${f.school}/invitations/rosa`, { token: f.world.adminToken })).body).toEqual({ parentId: 'rosa', revoked: true });
  expect((await preview(f, second!)).status).toBe(401);
  expect((await api.request('DELETE', `/schools/${f.school}/invitations/rosa`, { token: f.world.adminToken })).status).toBe(400);
  expect((await guardians(f, '?state=revoked')).body.total).toBe(1);
  for (const bad of ['x', `${Buffer.from('rosa').toString('base64url')}.${'A'.repeat(43)}`]) {
    expect(await preview(f, bad)).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHENTICATED' } } });
  }
  // The link names its school: another school (or district) of the same ids is refused.
  const other = await api.request('POST', '/auth/invitations/preview', { body: { district: f.world.districtId, school: 'elsewhere', token: second }, ip: uniqueId('ip') });
  expect(other.status).toBe(401);
  f.relay.stop();
});

test('staff without guardians:invite, or of another school, cannot invite or revoke', async () => {
  const f = await givenFamily();
  const lookUpOnly = await f.world.tokenFor(['parents:read']);
  expect((await invite(f, ['rosa'], lookUpOnly)).status).toBe(403);
  // Another school's staff learn nothing of this school: 404, as for every school-scoped route.
  const elsewhere = await f.world.tokenFor(['guardians:invite'], ['other-school']);
  expect((await invite(f, ['rosa'], elsewhere)).status).toBe(404);
  expect((await api.request('DELETE', `/schools/${f.school}/invitations/rosa`, { token: elsewhere })).status).toBe(404);
  expect((await guardians(f)).body.counts['not-invited']).toBe(1);
  f.relay.stop();
});

test('the reminder job mails invitations about to expire once; SES delivery and bounce events show on the status page', async () => {
  const f = await givenFamily();
  await invite(f, ['rosa']);
  const [first] = await mailedTokens(f);
  const runReminders = async () => {
    const started = await api.request('POST', `/schools/${f.school}/jobs`, { token: f.world.adminToken, body: { type: 'remind-invitations' } });
    expect(started.status).toBe(202);
    await runner.wait(started.body.jobId);
    return (await api.request('GET', `/schools/${f.school}/jobs/${started.body.jobId}`, { token: f.world.adminToken })).body;
  };
  // Not due yet (14 days left): nothing.
  expect(await runReminders()).toMatchObject({ status: 'SUCCEEDED', effects: 0 });
  // The clock moves on: one day left.
  await dynamo.send(new UpdateCommand({
    TableName: table('guardians'), Key: keys.guardian(f.world.school, 'rosa'),
    UpdateExpression: 'SET invitation.expiresAt = :soon', ExpressionAttributeValues: { ':soon': new Date(Date.now() + 86_400_000).toISOString() },
  }));
  expect(await runReminders()).toMatchObject({ status: 'SUCCEEDED', effects: 1 });
  expect(await runReminders()).toMatchObject({ status: 'SUCCEEDED', effects: 0 });
  const tokens = await mailedTokens(f);
  expect(inbox(f.email).map((m) => m.subject)).toEqual(['Test School invites you to the parent portal', 'Reminder: your parent portal invitation from Test School ends soon']);
  // Both links work until one is used.
  expect((await preview(f, first!)).status).toBe(200);
  expect((await preview(f, tokens[1]!)).status).toBe(200);

  // SES's feedback: the mail's tags name the invitation.
  const guardian = (await guardians(f)).body.items.find((g: { parentId: string }) => g.parentId === 'rosa');
  const { Item } = await dynamo.send(new (await import('@aws-sdk/lib-dynamodb')).GetCommand({ TableName: table('guardians'), Key: keys.guardian(f.world.school, 'rosa') }));
  const tags = { district: [f.world.districtId], school: [f.school], parent: ['rosa'], invitation: [Item!.invitation.id] };
  const feedback = (detail: object) =>
    localBindings.run({ functionName: MAIL_FUNCTIONS.mailFeedback.name, tables: MAIL_FUNCTIONS.mailFeedback.tables }, () =>
      feedbackHandler({ 'detail-type': 'x', source: 'aws.ses', detail: { mail: { timestamp: new Date().toISOString(), tags }, ...detail } } as never, {} as Context));
  expect(guardian.state).toBe('sent');
  await feedback({ eventType: 'Delivery', delivery: { timestamp: new Date().toISOString() } });
  expect((await guardians(f, '?state=delivered')).body.total).toBe(1);
  await feedback({ eventType: 'Bounce', bounce: { bounceType: 'Permanent', timestamp: new Date().toISOString(), bouncedRecipients: [{ emailAddress: f.email }] } });
  expect((await guardians(f, '?state=bounced')).body.total).toBe(1);
  // The address is stopped: a resend is queued but no mail goes, and the guardian shows bounced.
  await invite(f, ['rosa']);
  await f.relay.drain();
  expect(inbox(f.email)).toHaveLength(2);
  expect((await guardians(f, '?state=bounced')).body.total).toBe(1);
  f.relay.stop();
});

test('the invite job invites a grade or the whole school, each guardian once however many of its children are in scope', async () => {
  const f = await givenFamily();
  const run = async (body: object) => {
    const started = await api.request('POST', `/schools/${f.school}/jobs`, { token: f.world.adminToken, body: { type: 'invite-guardians', ...body } });
    expect(started.status).toBe(202);
    await runner.wait(started.body.jobId);
    return (await api.request('GET', `/schools/${f.school}/jobs/${started.body.jobId}`, { token: f.world.adminToken })).body;
  };
  expect(await run({ dryRun: true })).toMatchObject({ status: 'SUCCEEDED', total: 3, effects: 1, tally: { invited: 1, noEmail: 1 } });
  expect(await run({})).toMatchObject({ status: 'SUCCEEDED', total: 3, processed: 3, effects: 1, tally: { invited: 1, noEmail: 1 } });
  expect(await mailedTokens(f)).toHaveLength(1);
  expect(await run({ parentIds: ['rosa'], idempotencyKey: 'again' })).toMatchObject({ status: 'SUCCEEDED', effects: 1 });
  expect(await mailedTokens(f)).toHaveLength(2);
  f.relay.stop();
});

test('a lost-code request mails a fresh invitation only to the address on file; any other request gets the same answer and nothing', async () => {
  const f = await givenFamily();
  const ask = (body: Partial<Record<string, string>>, ip = uniqueId('ip')) =>
    api.request('POST', '/auth/lost-code', { body: { district: f.world.districtId, school: f.school, firstName: 'first1', lastName: 'LAST001', studentNumber: '100001', ...body }, ip });
  const matched = await ask({});
  expect(matched.status).toBe(202);
  for (const other of [{ studentNumber: '999999' }, { firstName: 'Someone' }, { studentNumber: '100002', firstName: 'First2', lastName: 'Last002' }, { school: 'nowhere' }]) {
    expect(await ask(other)).toMatchObject({ status: matched.status, body: matched.body });
  }
  await f.relay.drain();
  expect(inbox(f.email).map((m) => m.subject)).toEqual(['Test School invites you to the parent portal']);
  // Limited per student, whatever the address.
  await ask({});
  await ask({});
  expect((await ask({})).status).toBe(429);
  // The school turns it off: the same answer, nothing sent.
  const off = await api.request('PUT', `/districts/${f.world.districtId}/schools/${f.school}`, { token: await f.world.tokenFor(['schools:write'], '*'), body: { name: 'Test School', lostCodeRequests: 'off' } });
  expect(off.status).toBe(200);
  expect(await ask({ studentNumber: '100000', firstName: 'First0', lastName: 'Last000' })).toMatchObject({ status: 202, body: matched.body });
  await f.relay.drain();
  // Two more invitations were queued before the relay ran: the older is superseded and not sent, only the newest link goes.
  expect(inbox(f.email)).toHaveLength(2);
  const audit = await api.request('GET', `/schools/${f.school}/audit?action=code.lost-requested`, { token: f.world.adminToken });
  expect(audit.body.items.length).toBeGreaterThanOrEqual(5);
  f.relay.stop();
});
