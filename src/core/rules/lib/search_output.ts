// What a search prints when it is told to print no line: file names (`-l`, `-L`), counts (`-c`) or only an
// exit status (`-q`). Such a search opens the files but shows none of their text, so it reads no secret.

const GREP_LIKE = new Set(['grep', 'egrep', 'fgrep', 'zgrep', 'rg', 'ag', 'ack', 'ack-grep', 'ugrep', 'pt']);
const LONG = new Set(['--count', '--count-matches', '--quiet', '--silent', '--files-with-matches', '--files-without-match', '--name-only', '--files']);

/** Whether `name args` (a grep-like program, or `git grep`'s own words) prints names, counts or nothing, never a line. */
export function printsNoLines(name: string | undefined, args: readonly string[]): boolean {
  if (name === undefined || !GREP_LIKE.has(name)) return false;
  // rg's -L follows links; everywhere else it lists the files without a match
  const shorts = name === 'rg' ? /^-[a-zA-Z]*[lcq]/ : /^-[a-zA-Z]*[lLcq]/;
  let quiet = false;
  for (const a of args) {
    if (a === '--') break;
    // -o / --only-matching prints matched text; --replace rewrites it; -A/-B/-C never matter once names are printed
    if (a === '--only-matching' || (/^-[a-zA-Z]+$/.test(a) && a.includes('o') && name !== 'rg') || (name === 'rg' && /^-[a-zA-Z]*o/.test(a))) return false;
    if (LONG.has(a) || (/^-[a-zA-Z]+$/.test(a) && shorts.test(a))) quiet = true;
  }
  return quiet;
}
