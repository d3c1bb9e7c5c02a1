import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Font } from 'fontkit';
// `require`, not `import`: esbuild then picks the packages' CommonJS builds; pdfkit's ES module
// build finds its data files through import.meta.url, which a CommonJS Lambda bundle lacks.
import PDFDocument = require('pdfkit');
import fontkit = require('fontkit');
import { createQr } from '../domain/qr-encoder';

/**
 * Letters home, one page per student, with pdfkit and embedded Noto fonts: Noto Sans for Latin,
 * Greek, Cyrillic and Vietnamese (Zoë, Nguyễn, Łukasz), Noto Sans SC for CJK (李). A name is set
 * in runs, each in the first font that has its glyphs, so mixed names render whole. The PDF
 * embeds only the glyphs it uses (pdfkit subsets), so a page stays a few kilobytes. With a
 * portal address, each letter also carries a QR code that opens the portal's add-a-student form
 * with the school and the code filled in.
 */
export interface LetterSchool {
  schoolId: string;
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

export interface LetterOptions {
  /** The parent portal's address (PORTAL_URL); without it the letters carry no QR code. */
  portalUrl?: string;
}

/**
 * The portal link a letter's QR code opens. School and code go in the fragment (after `#`), on
 * purpose: a browser never sends the fragment to a server, so the code reaches no CloudFront or
 * API access log; the portal reads it from the address and then removes it.
 */
export function portalAddLink(portalUrl: string, schoolId: string, code: string): string {
  return `${portalUrl}#/parent/add?school=${encodeURIComponent(schoolId)}&code=${encodeURIComponent(code)}`;
}

export const QR_CAPTION = 'Or scan this code with your phone to open the portal with the code filled in.';

/** The symbol's side: 1⅓ in, so a 90-character link (version 6, 41 modules) has modules of 0.8 mm, easy for a phone. */
const QR_SIZE = 96;
/** Space between blocks (QR row, contact line): more than the QR's four-module quiet zone. */
const GAP = 20;
/** The school's text shrinks to fit the page (one page per student), from 11 pt down to this. */
const MIN_TEXT_SIZE = 8;
const lineGapAt = (size: number) => (size >= 10 ? 3 : 2);

const MONTHS = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });

export async function codeLettersPdf(school: LetterSchool, students: readonly LetterStudent[], options: LetterOptions = {}): Promise<Buffer> {
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

  /** The largest size, in half points from 11 down to MIN_TEXT_SIZE, at which `text` fits in `room`. */
  const textSize = (text: string, width: number, room: number): number => {
    let size = 11;
    // Measured in the Latin font; a line of slack covers CJK glyphs, which are wider.
    while (size > MIN_TEXT_SIZE && doc.font('regular').fontSize(size).heightOfString(text, { width, lineGap: lineGapAt(size) }) + size * 1.5 > room) size -= 0.5;
    return size;
  };

  /**
   * The QR code as vector rectangles, one per run of dark modules in a row, filled as one path:
   * crisp at any printer's resolution and a few kilobytes, where a PNG would be blurred or large
   * and need an image encoder in the bundle.
   */
  const drawQr = (text: string, x: number, y: number) => {
    const { modules } = createQr(text, { errorCorrectionLevel: 'M' });
    const cell = QR_SIZE / modules.size;
    for (let row = 0; row < modules.size; row++) {
      for (let col = 0; col < modules.size; ) {
        if (!modules.get(row, col)) {
          col++;
          continue;
        }
        const start = col;
        while (col < modules.size && modules.get(row, col)) col++;
        doc.rect(x + start * cell, y + row * cell, (col - start) * cell, cell);
      }
    }
    doc.fillColor('black').fill();
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
    const link = options.portalUrl ? portalAddLink(options.portalUrl, school.schoolId, student.code) : undefined;
    const left = doc.page.margins.left;
    const width = doc.page.width - left - doc.page.margins.right;
    const bottom = doc.page.height - doc.page.margins.bottom;
    const contactHeight = school.contactLine ? GAP + doc.font('regular').fontSize(11).heightOfString(school.contactLine, { width }) : 0;
    const text = school.letterText?.trim() || DEFAULT_LETTER_TEXT;
    const room = Math.max(0, bottom - doc.y - (link ? GAP + QR_SIZE : 0) - contactHeight);
    const size = textSize(text, width, room);
    // A text too long even at the smallest size is cut at its room (no page break: `height`) rather
    // than spill onto a second page, which would pair letters and envelopes wrongly.
    const textTop = doc.y;
    doc.save().rect(left, textTop, width, room).clip();
    write(text, 'regular', size, { lineGap: lineGapAt(size), width, height: room });
    doc.restore();
    doc.x = left;
    doc.y = Math.min(doc.y, textTop + room);
    if (link) {
      const top = doc.y + GAP;
      drawQr(link, left, top);
      const captionX = left + QR_SIZE + GAP;
      const captionWidth = width - QR_SIZE - GAP;
      const captionHeight = doc.font('regular').fontSize(11).heightOfString(QR_CAPTION, { width: captionWidth });
      doc.x = captionX;
      doc.y = top + (QR_SIZE - captionHeight) / 2;
      write(QR_CAPTION, 'regular', 11, { width: captionWidth });
      doc.x = left;
      doc.y = top + QR_SIZE;
    }
    if (school.contactLine) {
      doc.y += GAP;
      write(school.contactLine, 'regular', 11, { width });
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
