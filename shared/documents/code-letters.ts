import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Font } from 'fontkit';
// `require`, not `import`: esbuild then picks the packages' CommonJS builds; pdfkit's ES module
// build finds its data files through import.meta.url, which a CommonJS Lambda bundle lacks.
import PDFDocument = require('pdfkit');
import fontkit = require('fontkit');

/**
 * Letters home, one page per student, with pdfkit and embedded Noto fonts: Noto Sans for Latin,
 * Greek, Cyrillic and Vietnamese (Zoë, Nguyễn, Łukasz), Noto Sans SC for CJK (李). A name is set
 * in runs, each in the first font that has its glyphs, so mixed names render whole. The PDF
 * embeds only the glyphs it uses (pdfkit subsets), so a page stays a few kilobytes.
 */
export interface LetterSchool {
  name: string;
  letterText?: string;
  contactLine?: string;
}

export interface LetterStudent {
  firstName: string;
  lastName: string;
  grade?: string;
  homeroom?: string;
  code: string;
  expiresAt?: string;
}

/** The fonts, from the function's bundle (CDK copies them next to the handler) or node_modules. */
const FONTS = {
  regular: { file: 'NotoSans_400Regular.ttf', package: '@expo-google-fonts/noto-sans', folder: '400Regular' },
  bold: { file: 'NotoSans_700Bold.ttf', package: '@expo-google-fonts/noto-sans', folder: '700Bold' },
  cjk: { file: 'NotoSansSC_400Regular.ttf', package: '@expo-google-fonts/noto-sans-sc', folder: '400Regular' },
} as const;

/** Files CDK copies into a letter-writing function's bundle, under `fonts/`. */
export const LETTER_FONT_FILES = Object.values(FONTS).map((font) => join('node_modules', font.package, font.folder, font.file));

type FontName = keyof typeof FONTS;
const loaded = new Map<FontName, Buffer>();
const parsed = new Map<FontName, Font>();

function fontBytes(name: FontName): Buffer {
  let bytes = loaded.get(name);
  if (!bytes) {
    const font = FONTS[name];
    const bundled = join(__dirname, 'fonts', font.file);
    const path = existsSync(bundled) ? bundled : join(dirname(require.resolve(`${font.package}/package.json`)), font.folder, font.file);
    bytes = readFileSync(path);
    loaded.set(name, bytes);
  }
  return bytes;
}

export const DEFAULT_LETTER_TEXT =
  'To see your child in the parent portal, sign in, choose "Add a student" and enter the code above. ' +
  'The portal shows the first letters of your child’s name before it links: if they are not your child’s, do not continue. ' +
  'Keep this code private: anyone who has it can ask to see your child’s records.';

const MONTHS = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });

export async function codeLettersPdf(school: LetterSchool, students: readonly LetterStudent[]): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'LETTER',
    margin: 72,
    // Our font from the start: pdfkit would otherwise load its Helvetica metrics from files a bundle lacks.
    // (pdfkit takes a font's bytes here; its type definitions say only a name.)
    font: fontBytes('regular') as unknown as string,
    autoFirstPage: false,
    info: { Title: `Parent access codes — ${school.name}`, Author: 'Parent Access' },
  });
  doc.registerFont('regular', fontBytes('regular'));
  doc.registerFont('bold', fontBytes('bold'));
  doc.registerFont('cjk', fontBytes('cjk'));
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  /** Writes `text` in runs of the first font (of `base`, then CJK) that has each character. */
  const write = (text: string, base: 'regular' | 'bold', size: number, options: PDFKit.Mixins.TextOptions = {}) => {
    const runs = fontRuns(text, base);
    runs.forEach((run, i) => {
      doc.font(run.font).fontSize(size).text(run.text, { ...options, continued: i < runs.length - 1 });
    });
  };

  for (const student of students) {
    doc.addPage();
    write(school.name, 'bold', 18);
    doc.moveDown(1.5);
    write('Parent access code for', 'regular', 12);
    write(`${student.firstName} ${student.lastName}`, 'bold', 20);
    const placement = [student.grade && `Grade ${student.grade}`, student.homeroom && `Homeroom ${student.homeroom}`].filter(Boolean).join(' · ');
    if (placement) write(placement, 'regular', 12);
    doc.moveDown(1);
    write(student.code, 'bold', 30);
    write(student.expiresAt ? `Use it by ${MONTHS.format(new Date(student.expiresAt))}.` : 'It works until the school issues a new one.', 'regular', 11);
    doc.moveDown(1.5);
    write('How to link your account', 'bold', 13);
    doc.moveDown(0.3);
    write(school.letterText?.trim() || DEFAULT_LETTER_TEXT, 'regular', 11, { lineGap: 3 });
    if (school.contactLine) {
      doc.moveDown(1.5);
      write(school.contactLine, 'regular', 11);
    }
  }
  doc.end();
  return done;
}

interface Run {
  text: string;
  font: 'regular' | 'bold' | 'cjk';
}

/** Splits text into runs by which font has the glyph: the base font first, then CJK. */
function fontRuns(text: string, base: 'regular' | 'bold'): Run[] {
  const has = (name: FontName, char: string) => {
    let font = parsed.get(name);
    if (!font) parsed.set(name, (font = fontkit.create(fontBytes(name)) as Font));
    return font.hasGlyphForCodePoint(char.codePointAt(0)!);
  };
  const runs: Run[] = [];
  for (const char of text) {
    const font = /\s/.test(char) || has(base, char) || !has('cjk', char) ? base : 'cjk';
    const last = runs[runs.length - 1];
    if (last && last.font === font) last.text += char;
    else runs.push({ text: char, font });
  }
  return runs.length ? runs : [{ text: '', font: base }];
}
