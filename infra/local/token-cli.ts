import { parseArgs } from 'node:util';
import { persistentLocalKeys } from './local-keys';
import { mintParentToken, mintStaffToken } from './dev-auth';
import { PERMISSIONS } from '../../shared/domain/principal';

const usage = `Mint a local dev token (accepted only by the local server).
  npm run token -- staff [--school ID ...|--all-schools] [--permissions a,b] [--district ID] [--sub ID]
  npm run token -- parent --parent ID [--district ID] [--session-version N]
(A parent token is valid only for the account's current session version: 0 until a password
reset, change, unlock or sign-out; afterwards sign in through POST /auth/sign-in instead.)
Permissions: ${PERMISSIONS.join(', ')} (default: all)`;

async function main() {
  // Sign with the keys `npm start` keeps, which its server trusts.
  Object.assign(process.env, { ...(await persistentLocalKeys()), ...process.env });
  // Config is read when first imported: only now may modules that read it load.
  const { DEMO_DISTRICT, DEMO_SCHOOL } = await import('./demo-data');
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      school: { type: 'string', multiple: true },
      'all-schools': { type: 'boolean', default: false },
      permissions: { type: 'string' },
      district: { type: 'string', default: DEMO_DISTRICT },
      parent: { type: 'string' },
      'session-version': { type: 'string', default: '0' },
      sub: { type: 'string', default: 'dev-staff' },
      help: { type: 'boolean', default: false },
    },
  });
  const kind = positionals[0];
  if (values.help || !kind) return console.log(usage);
  if (kind === 'parent') {
    if (!values.parent) throw new Error('--parent is required');
    return console.log(await mintParentToken({ sub: values.parent, district: values.district, sessionVersion: Number(values['session-version']) }));
  }
  if (kind === 'staff') {
    const permissions = values.permissions ? values.permissions.split(',') : [...PERMISSIONS];
    const schools = values['all-schools'] ? '*' : (values.school ?? [DEMO_SCHOOL]);
    return console.log(await mintStaffToken({ sub: values.sub, district: values.district, schools, permissions }));
  }
  throw new Error(usage);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
