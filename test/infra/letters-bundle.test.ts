import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { buildSync } from 'esbuild';
import { LETTER_FONT_FILES } from '../../shared/documents/code-letters';

const root = join(__dirname, '..', '..');

// The letters function as Lambda runs it: bundled the way ServiceFunction bundles (CommonJS,
// minified, Node 22), fonts copied beside it as the CDK hook does, run from a folder with no
// node_modules above it. pdfkit's ES build would fail here (it finds data files through
// import.meta.url); so would a font left out of the bundle.
test('the bundled letter code makes a PDF with only its bundle and its fonts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'letters-bundle-'));
  try {
    buildSync({
      entryPoints: [join(root, 'shared/documents/code-letters.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node22',
      minify: true,
      external: ['@aws-sdk/*'],
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
