import { readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

/** The console's budget: what a browser downloads on first visit, gzipped (issue 10). */
export const CONSOLE_BUDGET_GZIP_BYTES = 150 * 1024;
const CONSOLE_DIST = resolve(__dirname, '..', 'console', 'dist');

/**
 * The built console (`npm run console`), file by file: raw bytes and gzip level 9 as CloudFront
 * or a browser would fetch it compressed. Only what the first page load fetches counts: HTML,
 * scripts and styles (the console has no images or fonts).
 */
export function consoleBundleSize(dir = CONSOLE_DIST): { files: Record<string, { bytes: number; gzipBytes: number }>; bytes: number; gzipBytes: number } {
  const files: Record<string, { bytes: number; gzipBytes: number }> = {};
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (['.html', '.js', '.css'].includes(extname(entry.name))) {
        const content = readFileSync(path);
        files[relative(dir, path)] = { bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
      }
    }
  };
  walk(dir);
  const total = (key: 'bytes' | 'gzipBytes') => Object.values(files).reduce((sum, f) => sum + f[key], 0);
  return { files, bytes: total('bytes'), gzipBytes: total('gzipBytes') };
}
