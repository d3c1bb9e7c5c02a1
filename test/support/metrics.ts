/** The embedded-metric-format records among captured log lines that carry the named metric. */
export function metricLines(logs: string, name: string): Record<string, unknown>[] {
  return logs
    .split('\n')
    .filter((line) => line.startsWith('{"_aws"'))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((record) => name in record);
}
