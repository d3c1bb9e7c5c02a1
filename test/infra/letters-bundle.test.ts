import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { buildSync } from 'esbuild';
import { brotliCompressSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { LETTER_FONT_FILES } from '../../shared/documents/code-letters';
import { ESBUILD_OPTIONS } from '../../infra/bundle-settings';

const root = join(__dirname, '..', '..');

// The letters function as Lambda runs it: bundled the way ServiceFunction bundles (CommonJS,
// minified, Node 22, brotli swapped for zlib), fonts copied beside it as the CDK hook does, run
// from a folder with no node_modules above it. pdfkit's ES build would fail here (it finds data files through
// import.meta.url); so would a font left out of the bundle.
test('the bundled letter code makes a PDF with only its bundle and its fonts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'letters-bundle-'));
  try {
    buildSync({
      ...ESBUILD_OPTIONS,
      entryPoints: [join(root, 'shared/documents/code-letters.ts')],
      outfile: join(dir, 'index.js'),
      logLevel: 'silent',
    });
    mkdirSync(join(dir, 'fonts'));
    for (const file of LETTER_FONT_FILES) copyFileSync(join(root, file), join(dir, 'fonts', basename(file)));
    const script = "require('./index.js').codeLettersPdf({ name: 'S' }, [{ firstName: '李', lastName: 'Nguyễn', code: 'AAAA-BBBB-CCCC' }]).then((pdf) => process.stdout.write(pdf.subarray(0, 5).toString() + ' ' + pdf.length))";
    const out = execFileSync(process.execPath, ['-e', script], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH } });
    const [magic, size] = out.split(' ');
    expect(magic).toBe('%PDF-');
    // The CJK font is subset: a page embeds only its glyphs, not 10 MB.
    expect(Number(size)).toBeLessThan(100_000);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// The bundles swap the brotli package's decoder for Node's zlib (infra/bundle-settings.ts): both
// must give fontkit the same bytes, as a Uint8Array.
test("zlib's brotli stands in for the brotli package's decoder", () => {
  const shim = require('../../shared/documents/shims/brotli-decompress.js') as (buffer: Uint8Array, size?: number) => Uint8Array;
  const original = require('brotli/decompress.js') as (buffer: Uint8Array, size?: number) => Uint8Array;
  const text = Buffer.from('fontkit glyph tables '.repeat(500));
  for (const data of [text, randomBytes(4096), Buffer.alloc(0)]) {
    const compressed = brotliCompressSync(data);
    const ours = shim(compressed, data.length);
    expect(ours).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(ours).equals(data)).toBe(true);
    expect(Buffer.from(ours).equals(Buffer.from(original(compressed, data.length)))).toBe(true);
  }
});
