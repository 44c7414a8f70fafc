// `$(<file)` and `$(cat file)` (and their backtick forms) feeding a command: the file's content is what the
// command receives, so it is read (bounded, through the injected facts) and the command judged with it in place.
import { normalizePath } from '../paths';
import type { SimpleCommand } from '../rules/types';
import { type Derived, emptyDerived, type EffectsContext } from './types';
import { clipVia } from './expand';
import { shellQuote } from './words';
import { repositoryRoot } from '../rules/lib/repo';
import { readFile } from './read_file';

const MAX_CONTENT = 16 * 1024;
const MAX_SUBSTITUTIONS = 4;
const FILE_SUBST = /\$\(\s*(?:<\s*|cat\s+(?:--\s+)?)([^\s()<>;&|`$'"]+)\s*\)|`\s*(?:<\s*|cat\s+(?:--\s+)?)([^\s()<>;&|`$'"]+)\s*`/g;

/** Content as bash would splice it in unquoted: word splitting stays, every other special character is literal. */
function literalWords(content: string): string {
  return content.replace(/\s+$/, '').replace(/[\\'"`$;&|<>(){}#!*?[\]~]/g, '\\$&').replace(/\s+/g, ' ');
}

export function substitutionsOf(cmd: SimpleCommand, ctx: EffectsContext, out: Derived): void {
  const text = cmd.text;
  if (!text.includes('$(') && !text.includes('`')) return;
  PLACE_SUBST.lastIndex = 0;
  let replaced = text;
  let n = 0;
  for (const m of text.matchAll(FILE_SUBST)) {
    if (++n > MAX_SUBSTITUTIONS) break;
    const file = m[1] ?? m[2]!;
    const abs = normalizePath(file, { ...(ctx.cwd !== undefined ? { cwd: ctx.cwd } : {}), ...(ctx.home !== undefined ? { home: ctx.home } : {}) });
    if (ctx.isProtectedPath?.(abs) === true) continue;
    // `$(<f)` as the program: bash runs the file's words as the command and its arguments, like a one-line script
    const runsIt = cmd.dynamicName && /^\s*"?$/.test(text.slice(0, m.index));
    // seen through what this action wrote first (`printf 'rm -rf x' > f; $(<f)`), within the file budget
    // (an argument's file that cannot be read is no finding: the command is judged as written)
    const found = abs.startsWith('/') && ctx.facts ? readFile(abs, ctx, runsIt ? out : emptyDerived(), MAX_CONTENT, `$(<${file})`) : undefined;
    if (found === undefined) {
      if (runsIt && !out.findings.some((f) => f.rule === 'shell.unknown-code')) out.findings.push({ rule: 'shell.unknown-code', detail: `runs the words of ${file} as a command, and Airlock cannot read them`, text: m[0] });
      continue;
    }
    const content = found.text;
    // `"$(cat f)"`: one word holding the whole content, newlines included (`ssh host "$(cat job.sh)"` runs it as a script)
    const quoted = `"${m[0]}"`;
    if (replaced.includes(quoted)) replaced = replaced.replace(quoted, () => shellQuote(content.replace(/\n+$/, '')));
    else replaced = replaced.replace(m[0], () => literalWords(content));
  }
  // `$(git rev-parse --show-toplevel)`, `$(pwd)`: the repository root or the directory it runs in, known here
  if (ctx.cwd !== undefined && ctx.facts) {
    replaced = replaced.replace(PLACE_SUBST, (m, a: string | undefined, b: string | undefined) => {
      const what = (a ?? b ?? '').trim().replace(/\s+/g, ' ');
      const place = what === 'pwd' || what === 'pwd -P' || what === 'pwd -L' ? ctx.cwd : repositoryRoot(ctx.cwd!, ctx.facts!);
      return place === undefined ? m : shellQuote(place);
    });
  }
  if (replaced !== text) out.scripts.push({ text: replaced, via: clipVia(text) });
}

const PLACE_SUBST = /\$\(\s*(pwd(?:\s+-[LP])?|git\s+rev-parse\s+--show-toplevel)\s*\)|`\s*(pwd(?:\s+-[LP])?|git\s+rev-parse\s+--show-toplevel)\s*`/g;
