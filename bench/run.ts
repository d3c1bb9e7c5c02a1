/**
 * `npm run bench`: every figure is measured in this run next to a baseline measured in the same
 * run on the same machine, in turns with it (medians over interleaved pairs, after a warm-up),
 * and written to bench/latest.json.
 *
 *   BENCH_STUDENTS (default 20000)  students in the Reset All school
 *   BENCH_REQUESTS (default 400)    requests per latency measurement
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { ephemeralLocalKeys } from '../infra/local/local-keys';
import { ensureTables, localEnvironment, startDynamoLocal } from '../infra/local/dynamodb-local';
import { resetAllInAws } from './cloud';
import { measureBundlesAndColdStart } from './bundles';
import { CONSOLE_BUDGET_GZIP_BYTES, consoleBundleSize } from './console-bundle';
import { execFileSync } from 'node:child_process';
import { ROUTES } from '../shared/contract/routes';
import { JOB_TASKS } from '../infra/job-tasks';
import { BUNDLE_LIMIT_BYTES, LETTER_BUNDLE_LIMIT_BYTES } from '../infra/bundle-settings';

const STUDENTS = Number(process.env.BENCH_STUDENTS ?? 20_000);
/** The pre-warming docs/runbook.md#deploy advises for a Reset All of about a million students (context tableWarmWrites). */
const WARM_WRITES = { codes: 40_000, students: 20_000, audit: 4_000, jobs: 4_000 };
const WARM_READS = { students: 24_000 };
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 400);

async function main() {
  const dynamo = await startDynamoLocal();
  await ensureTables(dynamo.endpoint, 'bench');
  Object.assign(process.env, localEnvironment(dynamo.endpoint, 'bench'), {
    CODE_PEPPER: 'bench-pepper-0123456789abcdef0123456789abcdef',
    CODE_VAULT_KEY: randomBytes(32).toString('hex'),
    ...(await ephemeralLocalKeys()),
    POWERTOOLS_LOG_LEVEL: 'SILENT',
  });
  try {
    const { benchResetAll } = await import('./reset-all');
    const { benchApiLatency } = await import('./latency');
    const { measureResetWrites } = await import('./capacity');
    const { measureReads } = await import('./round-trips');
    const { PAGE_SIZE } = await import('../shared/domain/jobs');
    const { SEGMENT_CONCURRENCY } = await import('../infra/constructs/bulk-jobs');
    const { config } = await import('../shared/config');
    console.log(`Machine: ${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
    const resetAll = await benchResetAll(STUDENTS);
    const api = await benchApiLatency(REQUESTS);
    const capacity = await measureResetWrites();
    const reads = await measureReads();
    const { bundles, coldStart } = await measureBundlesAndColdStart(dynamo.endpoint);
    // Segments in flight: 64 segments of a school, 32 of them at a time (each then takes a second).
    const orchestration = { segments: SEGMENT_CONCURRENCY, itemConcurrency: config.JOB_ITEM_CONCURRENCY, pageSize: PAGE_SIZE, memoryGb: 1.769 };
    // As deployed by default (a new table's 4,000 WRU/s), and pre-warmed as docs/runbook.md#deploy advises for a million students.
    const cold = resetAllInAws(capacity, { ...orchestration, warmWrites: {} });
    const warm = resetAllInAws(capacity, { ...orchestration, warmWrites: WARM_WRITES, warmReads: WARM_READS });
    const cloud = { resetAll1M: { seconds: warm.seconds, usd: warm.usd, wruPerStudent: warm.wruPerStudent, warmWrites: WARM_WRITES, warmReads: WARM_READS }, unwarmed: { seconds: cold.seconds, usd: cold.usd }, arithmetic: warm.arithmetic, unwarmedNotes: cold.simulation.notes };
    execFileSync('npm', ['run', '--silent', 'console'], { cwd: resolve(__dirname, '..'), stdio: 'inherit' });
    const consoleBundle = consoleBundleSize();

    const results = {
      machine: { cpus: cpus().length, model: cpus()[0]?.model.trim(), memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
      at: new Date().toISOString(),
      resetAll: { ...resetAll, wruPerStudent: warm.wruPerStudent },
      api,
      reads,
      bundles,
      consoleBundle,
      coldStart,
      capacity,
      cloud,
    };
    mkdirSync(resolve(__dirname), { recursive: true });
    writeFileSync(join(__dirname, 'latest.json'), JSON.stringify(results, null, 2));
    printTable(results);
  } finally {
    await dynamo.stop();
  }
}

function printTable(r: any) {
  const row = (name: string, value: string, baseline: string, ratio: string, target: string) =>
    console.log(`${name.padEnd(34)}${value.padStart(14)}${baseline.padStart(14)}${ratio.padStart(9)}   ${target}`);
  console.log('\n' + 'measure'.padEnd(34) + 'ours'.padStart(14) + 'baseline'.padStart(14) + 'ratio'.padStart(9) + '   target');
  row(`Reset All (${r.resetAll.students} students), students/s`, r.resetAll.studentsPerSecond.toFixed(0), r.resetAll.rawWritesPerSecond.toFixed(0), `${(r.resetAll.ratio * 100).toFixed(0)}%`, '≥ 80% of raw');
  console.log(`  (medians of ${r.resetAll.pairs.length} interleaved pairs; baseline at its best concurrency, ${r.resetAll.baselineConcurrency}, of ${Object.keys(r.resetAll.concurrencyRates).join('/')})`);
  for (const [route, m] of Object.entries<any>(r.api)) {
    row(`${route} p50 ms`, m.p50Ms.toFixed(1), m.rawP50Ms.toFixed(1), `${(m.p50Ms / m.rawP50Ms).toFixed(2)}×`, '');
    row(`${route} p99 ms`, m.p99Ms.toFixed(1), m.rawP99Ms.toFixed(1), `${m.p99Ratio.toFixed(2)}×`, '≤ 1.3×');
  }
  // The two letter writers carry pdfkit and fontkit and have their own limit (infra/bundle-settings.ts).
  const sorted = Object.entries<any>(r.bundles).sort((a, b) => b[1].bytes - a[1].bytes);
  const letters = new Set([...ROUTES, ...JOB_TASKS].filter((f) => f.bundledFiles === 'letter-fonts').map((f) => ('id' in f ? f.id : `job-${f.state}`)));
  const biggest = sorted.find(([id]) => !letters.has(id))!;
  const biggestLetters = sorted.find(([id]) => letters.has(id))!;
  row(`largest bundle (${biggest[0]}), KB`, (biggest[1].bytes / 1024).toFixed(0), '', '', `≤ ${BUNDLE_LIMIT_BYTES / 1024} KB each`);
  row(`largest letter writer (${biggestLetters[0]}), KB`, (biggestLetters[1].bytes / 1024).toFixed(0), '', '', `≤ ${LETTER_BUNDLE_LIMIT_BYTES / 1024} KB`);
  row('console (first load), KB gzipped', (r.consoleBundle.gzipBytes / 1024).toFixed(1), '', '', `≤ ${CONSOLE_BUDGET_GZIP_BYTES / 1024} KB`);
  row('cold start ms (list-students)', r.coldStart.ms.toFixed(0), r.coldStart.sameCallsMs.toFixed(0), `${r.coldStart.ratioSameCalls.toFixed(2)}×`, '≤ 1.3× the same calls raw');
  row('  import of the bundle alone, ms', r.coldStart.importMs.toFixed(0), r.coldStart.bareImportMs.toFixed(0), '', '');
  row('list-students round trips per page', String(r.reads.listStudents.roundTripsPerPage), '', '', '≤ 4');
  row('audit request, max round trips', String(r.reads.audit.maxRoundTripsPerRequest), '', '', 'a fixed cap');
  row('Reset All WRU per student (AWS rules)', r.cloud.resetAll1M.wruPerStudent.toFixed(2), '', '', '');
  row('Reset All 1M on AWS, seconds', r.cloud.resetAll1M.seconds.toFixed(0), '', '', '< 120 s');
  row('Reset All 1M on AWS, USD', r.cloud.resetAll1M.usd.toFixed(2), '', '', '< $3');
  row('  the same on unwarmed tables, seconds', r.cloud.unwarmed.seconds.toFixed(0), '', '', '');
  console.log('\nCloud arithmetic (pre-warmed: ' + JSON.stringify(r.cloud.resetAll1M.warmWrites) + '):\n  ' + r.cloud.arithmetic.join('\n  '));
  console.log('Unwarmed:\n  ' + r.cloud.unwarmedNotes.join('\n  '));
  console.log('\nBundles (minified, AWS SDK external): ' + Object.entries<any>(r.bundles).map(([k, v]) => `${k} ${(v.bytes / 1024).toFixed(0)} KB`).join(', '));
  console.log('\nWritten to bench/latest.json');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
