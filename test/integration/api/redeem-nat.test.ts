import '../../support/metrics-on';
import { config } from '../../../shared/config';
import { captureLogs } from '../../support/capture-logs';
import { metricLines } from '../../support/metrics';
import { currentCode, givenSchool, startApi, uniqueId, Api, SchoolWorld } from '../../support/world';

// Its own file: the metrics it reads are silenced for every other test file.
let api: Api;
beforeAll(async () => (api = await startApi()));
afterAll(() => api.close());

const codeOf = (world: SchoolWorld, studentId: string) => currentCode(api, world, studentId);
const redeem = (token: string, code: string, ip = uniqueId('ip')) => api.request('POST', '/me/links', { token, body: { code }, ip });

// Finding: "per-address limits (30 failed redeems) lock out a whole school behind one NAT".
test('per-address limits lock out a whole school behind one NAT: 31 parents failing once from one address do not stop a 32nd', async () => {
  const world = await givenSchool({ parentCount: 32 });
  const ip = uniqueId('nat');
  const { logs } = await captureLogs(async () => {
    for (let i = 0; i < 31; i++) expect((await redeem(await world.parentToken(`p${i}`), 'ZZZZ-ZZZZ-ZZZZ', ip)).status).toBe(400);
  });
  expect((await redeem(await world.parentToken('p31'), await codeOf(world, 'st0'), ip)).status).toBe(201);

  // The address failing for many parents is not blocked but raised as a metric for alarms.
  const alerts = metricLines(logs, 'RedeemFailuresFromOneAddress');
  expect(alerts).toHaveLength(31 - config.REDEEM_ADDRESS_ALERT_FAILURES + 1);
  expect(alerts[0]).toMatchObject({ districtId: world.districtId });
  // Each failure counts for the district and for each school that rosters the parent, so a
  // guessing alarm can name the school.
  const failed = metricLines(logs, 'RedeemFailed');
  expect(failed.filter((line) => !('schoolId' in line))).toHaveLength(31);
  expect(failed.filter((line) => line.schoolId === world.school.schoolId)).toHaveLength(31);
  expect(failed.find((line) => 'schoolId' in line)).toMatchObject({ districtId: world.districtId, RedeemFailed: 1 });
  expect(logs).not.toContain(ip);
});
