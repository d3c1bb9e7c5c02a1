/**
 * What a name or a line of free text may hold. Names reach the console, CSV exports and printed
 * letters: a NUL, an ESC (terminal escape sequences), a BEL or any other C0/C1 control, DEL, and
 * the bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069, the "Trojan Source"
 * characters, CVE-2021-42574) that make "Ana" display as another name are refused everywhere they
 * enter. Single-line text (names, user names, ids' neighbours) refuses tab, line breaks and the
 * Unicode line and paragraph separators too; multi-line text (a letter) keeps tab, LF and CR.
 */
const ALWAYS = '\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\u202A-\\u202E\\u2066-\\u2069';
const SINGLE_LINE = new RegExp(`[${ALWAYS}\\t\\n\\r\\u2028\\u2029]`, 'u');
const MULTI_LINE = new RegExp(`[${ALWAYS}]`, 'u');

/** The first character the text may not hold, as U+XXXX, or undefined when it is plain. */
export function forbiddenCharacter(text: string, options: { multiline?: boolean } = {}): string | undefined {
  const found = (options.multiline ? MULTI_LINE : SINGLE_LINE).exec(text);
  return found ? `U+${found[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` : undefined;
}

/** The message every boundary gives for it (the API names the field, an import its file, line and column). */
export function forbiddenCharacterMessage(character: string): string {
  return `must not contain control characters or bidirectional overrides (found ${character}).`;
}

/**
 * A value quoted in a message, cut to `max` characters with an ellipsis, with its controls shown
 * as `\uXXXX`: a problem list echoes cells of a hostile file, and must stay small and printable.
 */
export function quoted(value: string, max = 80): string {
  const chars = [...value];
  const cut = chars.length > max ? `${chars.slice(0, max).join('')}…` : value;
  return JSON.stringify(cut).replace(/[\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
