/**
 * Spreadsheet programs run a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return
 * as a formula (OWASP, "CSV Injection"). Such cells get a leading apostrophe, which spreadsheets
 * show as text and hide; everything else is left exactly as it is.
 */
export function spreadsheetSafe(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}
