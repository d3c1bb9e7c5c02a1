import { createQr } from '../domain/qr-encoder';

/**
 * A QR code as an HTML table of dark and light cells, for mails: every mail client draws tables,
 * while images are blocked by default in many and data: URLs are refused by most (Gmail). A run
 * of cells of one colour is one cell (`colspan`), which keeps a 49-module code near 12 KB. The
 * four-module quiet zone scanners need is white padding around it.
 */
export function qrTable(text: string, modulePx = 4): string {
  const qr = createQr(text, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const dark = (row: number, col: number) => qr.modules.get(row, col) === 1;
  const rows: string[] = [];
  for (let row = 0; row < size; row++) {
    const cells: string[] = [];
    for (let col = 0; col < size; ) {
      const colour = dark(row, col);
      let run = 1;
      while (col + run < size && dark(row, col + run) === colour) run++;
      cells.push(`<td${run > 1 ? ` colspan="${run}"` : ''} style="width:${run * modulePx}px;height:${modulePx}px;padding:0;background:${colour ? '#000000' : '#ffffff'}"></td>`);
      col += run;
    }
    rows.push(`<tr>${cells.join('')}</tr>`);
  }
  return (
    `<table role="img" aria-label="QR code of the link above" cellpadding="0" cellspacing="0" border="0" ` +
    `style="border-collapse:collapse;table-layout:fixed;background:#ffffff;border:${4 * modulePx}px solid #ffffff">` +
    rows.join('') + '</table>'
  );
}
