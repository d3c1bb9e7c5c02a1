/**
 * Reset All of 1,000,000 students on AWS, by arithmetic from the measured capacity and the
 * documented limits and prices (us-east-1, on-demand):
 * - a new on-demand table starts warm at 4,000 WRU/s; a table tops out at 40,000 WRU/s;
 *   a partition at 1,000 WCU/s;
 * - $0.625 per million WRU, $0.125 per million RRU; Step Functions Standard $0.025 per 1,000
 *   state transitions; Lambda arm64 $0.0000133334 per GB-second.
 */
export function capacityArithmetic(capacity: { resetWruPerStudent: number; auditWruPerStudent: number }) {
  const students = 1_000_000;
  const wru = students * capacity.resetWruPerStudent;
  const rru = students * 1 + (students / 100) * 3; // one strong read per student, ~3 RRU per index page of 100
  const warmSeconds = wru / 4_000;
  const tableMaxSeconds = wru / 40_000;
  // Every audit event of a school shares one partition today.
  const auditPartitionSeconds = (students * capacity.auditWruPerStudent) / 1_000;
  const seconds = Math.max(warmSeconds, auditPartitionSeconds);
  const pages = students / 100;
  const transitions = pages * 3 + 16 * 4 + 10;
  const lambdaGbSeconds = pages * 2 * 1.769; // assumes 2 s per page of 100 at 1769 MB
  const usd = (wru / 1e6) * 0.625 + (rru / 1e6) * 0.125 + (transitions / 1000) * 0.025 + lambdaGbSeconds * 0.0000133334;
  return {
    resetAll1M: { seconds, usd, wru, rru },
    arithmetic: [
      `WRU: ${students.toLocaleString()} students × ${capacity.resetWruPerStudent} WRU = ${wru.toLocaleString()} WRU`,
      `time at the 4,000 WRU/s warm start: ${wru.toLocaleString()} / 4,000 = ${warmSeconds.toFixed(0)} s; at the 40,000 WRU/s table maximum: ${tableMaxSeconds.toFixed(0)} s`,
      `audit partition: ${students.toLocaleString()} × ${capacity.auditWruPerStudent} WCU / 1,000 WCU/s per partition = ${auditPartitionSeconds.toFixed(0)} s (the bound today)`,
      `cost: WRU $${((wru / 1e6) * 0.625).toFixed(2)} + RRU $${((rru / 1e6) * 0.125).toFixed(2)} + Step Functions ${transitions.toLocaleString()} transitions $${((transitions / 1000) * 0.025).toFixed(2)} + Lambda ${lambdaGbSeconds.toFixed(0)} GB-s $${(lambdaGbSeconds * 0.0000133334).toFixed(2)} = $${usd.toFixed(2)}`,
    ],
  };
}
