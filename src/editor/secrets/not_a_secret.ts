// "Not a secret": one `fingerprint:` line in .airlockignore, with a comment saying what it silences
// and when, so the silencing is visible to anyone reading the file (and in review). The fingerprint
// hashes rule, file and value; the comment names only the rule and place, never the value.

export interface NotASecretEntry {
  fingerprint: string;
  rule: string;
  file: string;
  line: number;
  /** ISO date, passed in so the function stays pure. */
  date: string;
}

/** The .airlockignore text with the entry added; unchanged when the fingerprint is already listed. */
export function addNotASecret(text: string, entry: NotASecretEntry): string {
  const fp = entry.fingerprint.toLowerCase();
  if (!/^[0-9a-f]{16}$/.test(fp)) throw new Error('a finding fingerprint is 16 hex digits');
  if (text.split(/\r?\n/).some((l) => l.trim().toLowerCase().startsWith(`fingerprint:${fp}`))) return text;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const place = `${entry.file}:${entry.line}`.replace(/[\r\n]/g, ' ');
  const lines = [`# Not a secret (marked in the editor ${entry.date}): ${entry.rule} at ${place}`, `fingerprint:${fp}`];
  const sep = text === '' || text.endsWith('\n') ? '' : eol;
  return `${text}${sep}${lines.join(eol)}${eol}`;
}
