/**
 * How names compare. Searching and ordering ignore case and accents ("Zoë" finds "zoe", "Ñúñez"
 * sorts with "Nunez"); user names are unique per district whatever their case or Unicode form.
 */

/** Case- and accent-insensitive form of a person's name, for search prefixes and name order. */
export function foldName(name: string): string {
  return name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().trim();
}

/** The order key of a person: folded last name, then first name, then id for ties. */
export function nameOrderKey(lastName: string, firstName: string, id: string): string {
  return `${foldName(lastName)}|${foldName(firstName)}|${id}`;
}

/** The same parts first-name first (`first|last|id`): the key of the first-name indexes, so a search can start from either name. */
export function firstNameOrderKey(firstName: string, lastName: string, id: string): string {
  return `${foldName(firstName)}|${foldName(lastName)}|${id}`;
}

/** User names compare case-insensitively, composed accents equal to decomposed ones. */
export function foldUserName(userName: string): string {
  return userName.normalize('NFC').toLowerCase();
}

/** Email addresses are matched case-insensitively. */
export function foldEmail(email: string): string {
  return email.toLowerCase();
}

/**
 * A student as a parent may see them before linking: the first letter of the first name and the
 * initial of the last name ("Elena Santos" → "E*** S."), enough to recognize one's own child and
 * too little to learn a stranger's.
 */
export function maskedName(firstName: string, lastName: string): string {
  const initial = (name: string) => [...new Intl.Segmenter('und', { granularity: 'grapheme' }).segment(name.trim())][0]?.segment ?? '';
  return `${initial(firstName)}*** ${initial(lastName)}.`;
}
