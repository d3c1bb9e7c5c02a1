/**
 * Run in a child process with a small heap (test/unit/oneroster-limits.test.ts): builds one
 * hostile users.csv of the shape named in argv[2], reads it as the import's plan does (bytes,
 * not a string) and prints the problems and the heap still in use. A parse that needs more heap
 * than it is given dies, and the test sees a non-zero exit, deterministically on a loaded machine.
 */
import { readOneRoster } from '../../shared/domain/oneroster';

const MB = 1024 * 1024;
const header = 'sourcedId,status,role,givenName,familyName,identifier,username,email,orgSourcedIds,agentSourcedIds,grades\n';
const shapes: Record<string, () => Buffer> = {
  // One row of 50 MB of commas: 50 million empty fields.
  commas: () => Buffer.concat([Buffer.from(header), Buffer.alloc(50 * MB, ',')]),
  // One quoted cell of 50 MB.
  'one-field': () => Buffer.concat([Buffer.from(header + 's1,active,student,"'), Buffer.alloc(50 * MB, 'a'), Buffer.from('",x,1,,,lincoln-ms,,07\n')]),
  // 50 MB of the shortest rows the header allows: the row limit ends it.
  'short-rows': () => Buffer.concat([Buffer.from(header), Buffer.alloc(50 * MB, ',,,,,,,,,,\n')]),
  // The most rows the limit allows, each a whole student: what a legal file may cost.
  'most-rows': () => Buffer.concat([Buffer.from(header), Buffer.alloc(499_999 * 61, 's-000001,active,student,Anna,Lee,700001,alee,,lincoln-ms,,07\n')]),
};

const bytes = shapes[process.argv[2]!]!();
let problems: unknown;
try {
  readOneRoster({ 'users.csv': bytes }, 'lincoln-ms');
} catch (error) {
  problems = (error as { details?: unknown }).details;
}
process.stdout.write(JSON.stringify({ problems, heapUsedMB: Math.round(process.memoryUsage().heapUsed / MB) }));
