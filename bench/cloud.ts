import { rru, wru } from './dynamo-units';
import type { ResetWrites } from './capacity';

/**
 * Reset All of 1,000,000 students in AWS, from AWS's published rules applied to what a real run
 * of the job wrote (bench/capacity.ts: writes per student and per page, their partition keys,
 * the stored items' sizes). Prices are us-east-1, on demand. Sources:
 * - [price] Amazon DynamoDB pricing, on-demand: $0.625 per million write request units, $0.125
 *   per million read request units.
 * - [size] DynamoDB Developer Guide, "Item sizes and formats"; [units] "DynamoDB throughput
 *   capacity": 1 WRU per started KB written, 1 RRU per started 4 KB read strongly (½ eventually);
 *   [txn] "Amazon DynamoDB transactions: Capacity management": twice that in a transaction.
 * - [partition] "Best practices for designing and using partition keys effectively": a partition
 *   serves at most 1,000 WCU/s (and 3,000 RCU/s).
 * - [warm] "DynamoDB warm throughput" and "On-demand capacity mode: initial throughput": a new
 *   on-demand table serves 4,000 WRU/s at once; warm throughput raises that ahead of time.
 * - [quota] "Service, account, and table quotas in Amazon DynamoDB": 40,000 WRU/s per table by
 *   default (on demand).
 * - [sfn] AWS Step Functions pricing, Standard: $0.025 per 1,000 state transitions; "Step
 *   Functions service quotas": Distributed Map child executions run up to the map's
 *   MaxConcurrency; state transitions refill at 5,000/s (us-east-1).
 * - [lambda] AWS Lambda pricing, arm64: $0.0000133334 per GB-second, $0.20 per million requests.
 */
export const PRICES = { wru: 0.625 / 1e6, rru: 0.125 / 1e6, transition: 0.025 / 1000, gbSecond: 0.0000133334, request: 0.2 / 1e6 };
export const LIMITS = { partitionWcu: 1_000, newTableWru: 4_000, newTableRru: 12_000, tableQuotaWru: 40_000, tableQuotaRru: 40_000, transitionsPerSecond: 5_000 };

/** The orchestration as CDK deploys it (infra/constructs/bulk-jobs.ts, shared/domain/jobs.ts). */
export interface Orchestration {
  segments: number;
  /** Items worked on at once in a page (JOB_ITEM_CONCURRENCY). */
  itemConcurrency: number;
  pageSize: number;
  memoryGb: number;
  /** Warm write units per table (context tableWarmWrites); absent: a new table's 4,000. */
  warmWrites: Record<string, number>;
  /** Warm read units per table (the `/reads` of tableWarmWrites); absent: a new table's 12,000. */
  warmReads?: Record<string, number>;
}

/**
 * Latency of one DynamoDB request from Lambda in the same region. An assumption, not a
 * published rule: single-digit milliseconds is what DynamoDB states; we take the upper end.
 */
const LATENCY = { write: 0.008, read: 0.006, lambdaOverhead: 0.02 };

export function resetAllInAws(measured: ResetWrites, orchestration: Orchestration, students = 1_000_000) {
  const { bytes, writes } = measured;
  const pages = Math.ceil(students / orchestration.pageSize);
  // Writes per student: the new lookup and the old one's removal (codes), the switch (students), each single-item.
  const codesWru = writes.perStudent.codes * wru(bytes.lookup);
  const studentsWru = writes.perStudent.students * wru(bytes.student);
  // Per page, in one transaction: the segment's progress and the page's audit event.
  const pageWru = writes.perPage.segmentCommits * wru(bytes.segment, true) + writes.perPage.pageAudits * wru(bytes.pageAudit, true);
  const wruPerStudent = codesWru + studentsWru + pageWru / orchestration.pageSize;
  // Reads: the student (strong) per student; per page the index query (eventual), the job item and the school (strong); the plan reads the index once.
  const rruPerStudent = rru(bytes.student, true) + (rru(orchestration.pageSize * bytes.indexEntry, false) + 2) / orchestration.pageSize + rru(bytes.indexEntry, false) / Math.floor(4096 / bytes.indexEntry);
  // Step Functions: per page the ProcessPage task and the MorePages? choice; per segment the iteration and its end; a few for the job.
  const transitions = pages * 2 + orchestration.segments * 3 + 8;
  // One page: its reads, then each student's read and three writes, itemConcurrency at a time.
  const pageSeconds = LATENCY.lambdaOverhead + 3 * LATENCY.read + Math.ceil(orchestration.pageSize / orchestration.itemConcurrency) * (LATENCY.read + 3 * LATENCY.write) + LATENCY.write;
  const lambdaGbSeconds = pages * pageSeconds * orchestration.memoryGb;
  const cost = {
    writes: students * wruPerStudent * PRICES.wru,
    reads: students * rruPerStudent * PRICES.rru,
    stepFunctions: transitions * PRICES.transition,
    lambda: lambdaGbSeconds * PRICES.gbSecond + pages * PRICES.request,
  };
  const usd = cost.writes + cost.reads + cost.stepFunctions + cost.lambda;
  const simulation = simulate(measured, orchestration, students, pageSeconds);
  return {
    students,
    wruPerStudent,
    rruPerStudent,
    seconds: simulation.seconds,
    usd,
    cost,
    simulation,
    arithmetic: [
      `item sizes as stored [size]: student ${bytes.student} B, code lookup ${bytes.lookup} B, segment progress ${bytes.segment} B, page audit event ${bytes.pageAudit} B, index entry ${bytes.indexEntry} B`,
      `WRU per student [units][txn]: codes ${writes.perStudent.codes} × ${wru(bytes.lookup)} + students ${writes.perStudent.students} × ${wru(bytes.student)} + per page (${writes.perPage.segmentCommits} segment commit × ${wru(bytes.segment, true)} + ${writes.perPage.pageAudits} audit × ${wru(bytes.pageAudit, true)}, in one transaction) / ${orchestration.pageSize} = ${wruPerStudent.toFixed(2)}`,
      `writes $${cost.writes.toFixed(2)} = ${students.toLocaleString()} × ${wruPerStudent.toFixed(2)} WRU × $0.625/M [price]; reads $${cost.reads.toFixed(2)} (${rruPerStudent.toFixed(2)} RRU per student)`,
      `Step Functions $${cost.stepFunctions.toFixed(2)} = ${transitions.toLocaleString()} transitions × $0.025/1,000 [sfn]; Lambda $${cost.lambda.toFixed(2)} = ${pages.toLocaleString()} pages × ${pageSeconds.toFixed(3)} s × ${orchestration.memoryGb} GB [lambda] (page time from ${LATENCY.write * 1000} ms per write, ${LATENCY.read * 1000} ms per read, ${orchestration.itemConcurrency} at a time: an assumption)`,
      `total $${usd.toFixed(2)}`,
      ...simulation.notes,
    ],
  };
}

/**
 * The run in time steps: every segment works through its pages at the rate the latencies allow,
 * slowed whenever a limit would be exceeded — each table's throughput (warm, else a new table's
 * 4,000, never above the 40,000 quota), the one partition a school's audit trail has, each
 * segment's own progress partition, Step Functions' transition rate — by the factor that keeps
 * every limit. Writes to one key per student spread evenly over the table's partitions, as
 * hashed keys do; the measured run says which keys are shared (writes per distinct key).
 */
function simulate(measured: ResetWrites, orchestration: Orchestration, students: number, pageSeconds: number) {
  const { bytes, writes } = measured;
  const step = 0.1;
  const perSegment = Math.ceil(students / orchestration.segments);
  let done = 0;
  let seconds = 0;
  const binding = new Map<string, number>();
  const tableCap = (name: string) => Math.min(orchestration.warmWrites[name] ?? LIMITS.newTableWru, LIMITS.tableQuotaWru);
  // Plan: one pass over the school's index (1 MB per query, ~50 ms each: an assumption) before any page.
  const planSeconds = Math.ceil((students * bytes.indexEntry) / (1024 * 1024)) * 0.05;
  const studentRate = orchestration.pageSize / pageSeconds; // students per second per segment, unthrottled
  const readCap = (name: string) => Math.min(orchestration.warmReads?.[name] ?? LIMITS.newTableRru, LIMITS.tableQuotaRru);
  while (done < students && seconds < 3_600) {
    // Equal segments progress together: all are busy until the end.
    const active = orchestration.segments;
    const rate = active * studentRate; // students per second wanted
    const pageRate = rate / orchestration.pageSize;
    const demand: Record<string, { wants: number; cap: number }> = {
      'codes table': { wants: rate * writes.perStudent.codes * wru(bytes.lookup), cap: tableCap('codes') },
      'students table': { wants: rate * writes.perStudent.students * wru(bytes.student), cap: tableCap('students') },
      // Each student is read (strongly) before it is reset.
      'students table reads': { wants: rate * rru(bytes.student, true), cap: readCap('students') },
      'audit table': { wants: pageRate * writes.perPage.pageAudits * wru(bytes.pageAudit, true), cap: tableCap('audit') },
      // All of a school's audit events share one partition key (the measured run wrote them under distinctKeys.audit keys).
      'audit partition': { wants: (pageRate * writes.perPage.pageAudits * wru(bytes.pageAudit, true)) / Math.max(1, writes.distinctKeys.audit), cap: LIMITS.partitionWcu },
      'jobs table': { wants: pageRate * writes.perPage.segmentCommits * wru(bytes.segment, true), cap: tableCap('jobs') },
      'segment partition': { wants: (pageRate / active) * wru(bytes.segment, true), cap: LIMITS.partitionWcu },
      'state transitions': { wants: pageRate * 2, cap: LIMITS.transitionsPerSecond },
    };
    let factor = 1;
    let limit = 'latency';
    for (const [name, d] of Object.entries(demand)) {
      if (d.cap / d.wants < factor) {
        factor = d.cap / d.wants;
        limit = name;
      }
    }
    binding.set(limit, (binding.get(limit) ?? 0) + step);
    done += rate * factor * step;
    seconds += step;
  }
  const total = seconds + planSeconds;
  return {
    seconds: total,
    planSeconds,
    boundBy: Object.fromEntries([...binding].map(([k, v]) => [k, Math.round(v)])),
    notes: [
      `time by simulation: plan ${planSeconds.toFixed(0)} s (one pass over the index) + pages ${seconds.toFixed(0)} s = ${total.toFixed(0)} s; ${orchestration.segments} equal segments of ${perSegment.toLocaleString()} students at once, each at ${studentRate.toFixed(0)} students/s unthrottled`,
      `what bound it (seconds): ${[...binding].map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')}; table limits [warm][quota]: ${['codes', 'students', 'audit', 'jobs'].map((t) => `${t} ${tableCap(t).toLocaleString()}`).join(', ')} WRU/s, students ${readCap('students').toLocaleString()} RRU/s; partition 1,000 WCU/s [partition]`,
    ],
  };
}
