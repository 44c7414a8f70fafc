// Spellings that bash on Linux does not run as the command they resemble, but that run it somewhere else or
// after a corrected retry, so the command they resemble is judged as well (the written form still is too):
// - upper case: macOS's default file system is case-insensitive, so `GIT` runs git and `git CHECKOUT` finds
//   git-checkout in git's exec path. Other sub-commands and long options are read in lower case when written
//   in capitals (`kubectl DELETE`, `--HARD`: caps lock, not an identifier like `publishToMavenLocal`);
// - a word that looks like an assignment but names no variable (`1A=2 git …`, `A-B=2 git …`, `=2 git …`):
//   bash runs it as a program, another shell or an agent's retry without the typo runs the rest;
// - Unicode dashes where an option starts (`‐‐hard` with U+2010, `—hard` from a typographic autocorrect).
// Every reading but a bare upper-case program name is in doubt (`doubt`): its hits ask, never deny.
import type { Extracted } from './state';
import { programName } from './words';

/** A word bash takes as an assignment before the command name. */
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*\+?=/;
const UPPER = /[A-Z]/;
/** A sub-command word (`CHECKOUT`, `DELETE`, `s3`): letters, digits and hyphens only, so no path or file name. */
const SUBCOMMAND = /^[A-Za-z][A-Za-z0-9-]*$/;
/** Written in capitals: upper-case letters (at least one), digits and hyphens. */
const CAPITALS = /^[A-Z0-9-]*[A-Z][A-Z0-9-]*$/;
/** How many words after the program (and git's global options) are read as sub-commands: `aws s3 rm`. */
const MAX_SUBCOMMANDS = 3;
/** Hyphens, dashes and the minus sign (U+2010–U+2015, U+2212) at the start of a word, with ASCII hyphens. */
const LEADING_DASHES = /^[-\u2010-\u2015\u2212]+/;
/** En dash, em dash, horizontal bar: what a typographic autocorrect makes of `--`. */
const LONG_DASH = /^[\u2013-\u2015]$/;
const NON_ASCII_DASH = /[\u2010-\u2015\u2212]/;
/** A character without which none of the spellings above applies. */
const MAY_RESPELL = /[A-Z=\u2010-\u2015\u2212]/;
const GIT_VALUED_GLOBALS = new Set(['-C', '-c', '--git-dir', '--work-tree', '--namespace', '--super-prefix', '--exec-path', '--config-env']);

/** `‐‐hard` -> `--hard`, `—hard` -> `--hard`, `−rf` -> `-rf`; undefined when the word starts with no Unicode dash. */
export function asciiDashes(word: string): string | undefined {
  const m = LEADING_DASHES.exec(word);
  if (!m || !NON_ASCII_DASH.test(m[0])) return undefined;
  const rest = word.slice(m[0].length);
  const dashes = LONG_DASH.test(m[0]) && rest.length >= 2 ? '--' : '-'.repeat(m[0].length);
  return dashes + rest;
}

/**
 * The command `cmd` resembles when one of the spellings above applies, with `doubt` set unless only the
 * program name's case changed; undefined when it is spelled plainly (the result is spelled plainly too).
 */
export function respell(cmd: Extracted): Extracted | undefined {
  if (cmd.name === undefined) return undefined;
  // Most commands have none of these characters: no copies for them.
  if (!MAY_RESPELL.test(cmd.name) && !cmd.args.some((a) => MAY_RESPELL.test(a))) return undefined;
  let name: string | undefined = cmd.name;
  let dynamicName = false;
  let args = cmd.args;
  let dyn = cmd.argDynamic;
  let assignments = cmd.assignments;
  const doubts: string[] = [];

  // Words before the program that look like assignments but are none: bash runs the first as the program.
  const skipped: string[] = [];
  while (name !== undefined && name.includes('=') && args.length > 0) {
    skipped.push(name);
    if (ASSIGNMENT.test(name)) {
      const eq = name.indexOf('=');
      assignments = { ...assignments, [name.slice(0, eq).replace(/\+$/, '')]: name.slice(eq + 1) };
    }
    dynamicName = dyn[0] === true;
    name = dynamicName ? undefined : programName(args[0]);
    args = args.slice(1);
    dyn = dyn.slice(1);
  }
  if (skipped.length > 0) doubts.push(`bash runs \`${skipped[0]}\` as a program, as it names no variable, but another shell or a retry without it runs the rest`);

  const nameFolded = name !== undefined && UPPER.test(name);
  if (name !== undefined) name = name.toLowerCase();

  const out = [...args];
  const dashed: string[] = [];
  for (let i = 0; i < out.length; i++) {
    if (dyn[i]) continue;
    const a = asciiDashes(out[i]);
    if (a !== undefined) {
      if (dashed.length === 0) dashed.push(`${out[i]} as ${a}`);
      out[i] = a;
    }
    if (out[i] === '--') break;
  }
  if (dashed.length > 0) doubts.push(`Unicode dashes are read as ASCII hyphens (${dashed[0]})`);

  let folded: string | undefined;
  const fold = (i: number, to: string): void => {
    folded ??= `${out[i]} as ${to}`;
    out[i] = to;
  };
  let first = 0;
  if (name === 'git') while (first < out.length && out[first].startsWith('-')) first += GIT_VALUED_GLOBALS.has(out[first]) ? 2 : 1;
  for (let i = first; i < out.length && i < first + MAX_SUBCOMMANDS && !dyn[i] && SUBCOMMAND.test(out[i]); i++) {
    // git's own sub-command is looked up as a file (git-checkout), in any case; other words only in capitals.
    if (CAPITALS.test(out[i]) || (i === first && name === 'git' && UPPER.test(out[i]))) fold(i, out[i].toLowerCase());
  }
  for (let i = 0; i < out.length && out[i] !== '--'; i++) {
    const a = out[i];
    if (dyn[i] || !a.startsWith('--')) continue;
    const eq = a.indexOf('=');
    const key = eq >= 0 ? a.slice(0, eq) : a;
    if (CAPITALS.test(key.slice(2))) fold(i, key.toLowerCase() + (eq >= 0 ? a.slice(eq) : ''));
  }
  if (folded !== undefined) doubts.push(`upper-case sub-commands and options are read in lower case (${folded})`);

  if (doubts.length === 0 && !nameFolded) return undefined;
  const alt: Extracted = { ...cmd, name, dynamicName, args: out, argDynamic: dyn, assignments };
  if (doubts.length > 0) {
    alt.doubt = cmd.doubt !== undefined ? `${cmd.doubt}; ${doubts.join('; ')}` : doubts.join('; ');
    alt.via = [...cmd.via, 'respelled'];
  } else {
    alt.via = [...cmd.via, `${cmd.name} as ${name} (case-insensitive file system)`];
  }
  return alt;
}
