import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { readLocalMail, type LocalMail } from '../../../infra/local/mail-local';
import { startNoticeRelay } from '../../../infra/local/notice-relay';
import { dynamo, table } from '../../../shared/data/client';
import { keys } from '../../../shared/data/keys';
import { givenSchool, startApi, uniqueId, Api, SchoolWorld } from '../../support/world';

/*
 * Self-service recovery by mail, end to end through the API, the outbox, the mailer and the
 * local SMTP server: the user name and a single-use reset link go only to the address on file,
 * and the requester learns nothing from the answer.
 */
let api: Api;
beforeAll(async () => (api = await startApi()));
afterAll(() => api.close());

const STRONG = 'lantern-orbit-meadow-42';
const inbox = (address: string) => readLocalMail(process.env.MAIL_DIR!, address);

interface Family {
  world: SchoolWorld;
  email: string;
  userName: string;
  relay: ReturnType<typeof startNoticeRelay>;
}

async function givenFamily(): Promise<Family> {
  const world = await givenSchool({ studentCount: 1, parentCount: 0 });
  const email = `${uniqueId('rosa')}@example.org`;
  const userName = uniqueId('rabbiatici');
  const roster = {
    parents: [
      { parentId: 'rosa', firstName: 'Rosa', lastName: 'Abbiatici', userName, email },
      { parentId: 'sean', firstName: 'Seán', lastName: 'Brien', userName: `${userName}-noemail` },
    ],
  };
  expect((await api.request('PUT', `/schools/${world.school.schoolId}/roster`, { token: world.adminToken, body: roster })).status).toBe(200);
  return { world, email, userName, relay: startNoticeRelay({ districtId: world.districtId, intervalMs: 3_600_000 }) };
}

const askUserName = (f: Family, email: string, ip = uniqueId('ip')) => api.request('POST', '/auth/recovery/user-name', { body: { district: f.world.districtId, email }, ip });
const askReset = (f: Family, userName: string, ip = uniqueId('ip')) => api.request('POST', '/auth/recovery/password', { body: { district: f.world.districtId, userName }, ip });
const complete = (f: Family, token: string, newPassword: string) =>
  api.request('POST', '/auth/recovery/password/complete', { body: { district: f.world.districtId, token, newPassword }, ip: uniqueId('ip') });

function resetToken(mail: LocalMail): string {
  const link = /(http\S+#\/parent\/reset\?\S+)/.exec(mail.text)?.[1];
  expect(link).toBeDefined();
  const fragment = new URLSearchParams(new URL(link!).hash.split('?')[1]);
  return fragment.get('token')!;
}

test('a forgotten user name is mailed to the address on file; an unknown address gets the same answer and no mail', async () => {
  const f = await givenFamily();
  const known = await askUserName(f, f.email.toUpperCase());
  const unknown = await askUserName(f, `${uniqueId('nobody')}@example.org`);
  expect(known.status).toBe(202);
  expect(unknown).toMatchObject({ status: known.status, body: known.body });
  await f.relay.drain();
  f.relay.stop();
  const mails = inbox(f.email);
  expect(mails.map((m) => m.subject)).toEqual(['Your parent portal user name']);
  expect(mails[0]!.text).toContain(f.userName);
  const audit = await api.request('GET', `/districts/${f.world.districtId}/audit?action=parent.recovery-requested`, { token: await f.world.tokenFor(['audit:read'], '*') });
  expect(audit.status).toBe(200);
  expect(audit.body.items.map((e: { details: { matched: boolean } }) => e.details.matched).sort()).toEqual([false, true]);
});

test('a reset link works once, ends every session and device trust, and the parent is told', async () => {
  const f = await givenFamily();
  const session = await f.world.parentToken('rosa');
  expect((await api.request('GET', '/me/students', { token: session })).status).toBe(200);
  expect((await askReset(f, f.userName.toUpperCase())).status).toBe(202);
  await f.relay.drain();
  const [mail] = inbox(f.email);
  expect(mail!.subject).toBe('Reset your parent portal password');
  expect(mail!.text).toContain('The link works once, for 30 minutes.');
  const token = resetToken(mail!);

  const weak = await complete(f, token, 'password');
  expect(weak).toMatchObject({ status: 400, body: { error: { code: 'WEAK_PASSWORD' } } });
  const done = await complete(f, token, STRONG);
  expect(done).toMatchObject({ status: 200, body: { userName: f.userName, passwordChanged: true } });
  // Spent: a second use is refused, and the session from before the reset is over.
  expect((await complete(f, token, `${STRONG}-again`)).status).toBe(401);
  expect((await api.request('GET', '/me/students', { token: session })).status).toBe(401);
  const signedIn = await api.request('POST', '/auth/sign-in', { body: { district: f.world.districtId, userName: f.userName, password: STRONG }, ip: uniqueId('ip') });
  expect(signedIn.status).toBe(200);
  expect(signedIn.body.token).toBeDefined();

  await f.relay.drain();
  f.relay.stop();
  expect(inbox(f.email).map((m) => m.subject)).toEqual(['Reset your parent portal password', 'Your parent portal password was changed']);
});

test('a newer link replaces an older one; an expired, forged or other district link is refused', async () => {
  const f = await givenFamily();
  await askReset(f, f.userName);
  await f.relay.drain();
  await askReset(f, f.userName);
  await f.relay.drain();
  const [first, second] = inbox(f.email);
  expect((await complete(f, resetToken(first!), STRONG)).status).toBe(401);
  const current = resetToken(second!);
  // The same link in another district names no account there.
  const other = await givenFamily();
  other.relay.stop();
  expect((await complete(other, current, STRONG)).status).toBe(401);
  // A forged secret for the right account.
  const forged = `${current.split('.')[0]}.${'A'.repeat(43)}`;
  expect((await complete(f, forged, STRONG)).status).toBe(401);
  expect((await complete(f, 'not-a-token', STRONG)).status).toBe(401);
  // Past its 30 minutes.
  await dynamo.send(
    new UpdateCommand({
      TableName: table('parents'), Key: keys.parent(f.world.districtId, 'rosa'),
      UpdateExpression: 'SET passwordReset.expiresAt = :past', ExpressionAttributeValues: { ':past': new Date(Date.now() - 1000).toISOString() },
    }),
  );
  expect((await complete(f, current, STRONG)).status).toBe(401);
  f.relay.stop();
});

test('an account with no email, or no account, answers as a match does; requests are limited per account whatever exists', async () => {
  const f = await givenFamily();
  const matched = await askReset(f, f.userName);
  for (const userName of [`${f.userName}-noemail`, uniqueId('nobody')]) {
    expect(await askReset(f, userName)).toMatchObject({ status: matched.status, body: matched.body });
  }
  await f.relay.drain();
  f.relay.stop();
  expect(inbox(f.email)).toHaveLength(1);

  // Three per account and window (RECOVERY_MAX_PER_ACCOUNT), from any address; the limit is
  // keyed by what was typed, so an unknown name is limited just the same.
  for (const userName of [f.userName, uniqueId('nobody')]) {
    const answers = [];
    for (let i = 0; i < 4; i += 1) answers.push((await askReset(f, userName)).status);
    expect(answers.slice(-1)).toEqual([429]);
  }
});
