// Inline interpreter code (`python -c`, `node -e`, `perl -e`, `ruby -e`, `php -r`, heredocs into interpreters)
// and interpreter script files: what the code runs, reads and deletes becomes shell commands judged by the same
// rules (`subprocess.run(["rm","-rf","src"])` is `rm -rf src`; `open('.env')` is `cat .env`); a dangerous
// function reached through a computed name is unknown code.
import type { SimpleCommand } from '../rules/types';
import { inlineScript } from '../rules/lib/scripts';
import { scanCode } from './code_scan';
import type { Derived } from './types';

const RAW_PATH = /^[A-Za-z0-9._/~*?[\]{},:@%+-]+$/;

function pathWord(p: string): string {
  return RAW_PATH.test(p) ? p : `'${p.replace(/'/g, `'\\''`)}'`;
}

/** What code does, as derived commands with `via` naming where it was found. */
export function codeEffects(code: string, via: string, inline: boolean, out: Derived, template?: SimpleCommand): void {
  const fx = scanCode(code, inline);
  for (const line of fx.shell) out.scripts.push({ text: line, via });
  // Reads keep glob characters unquoted, so `glob.glob('.e*')` expands like `cat .e*` would.
  for (const r of fx.reads) out.scripts.push({ text: `cat -- ${pathWord(r)}`, via });
  for (const d of fx.deletes) out.scripts.push({ text: `rm ${d.recursive ? '-rf ' : ''}-- ${pathWord(d.path)}`, via });
  for (const u of fx.unknown.slice(0, 4)) out.findings.push({ rule: 'shell.unknown-code', detail: `${via}: ${u}`, text: code.length > 200 ? `${code.slice(0, 200)}…` : code });
  if (fx.computedRun && fx.literals.length > 0 && template) {
    // A command built at run time from these strings: judged like any computed program name with these arguments.
    out.commands.push({ ...template, name: undefined, dynamicName: true, args: fx.literals, argDynamic: fx.literals.map(() => false), via: [...template.via, via] });
  }
}

function codeLabel(cmd: SimpleCommand): string {
  const flag = cmd.args.find((a) => /^-/.test(a) && a !== '-');
  return `${cmd.name ?? 'interpreter'}${flag ? ` ${flag.length > 12 ? flag.slice(0, 12) : flag}` : ''}`;
}

export function interpreterEffects(cmd: SimpleCommand, out: Derived): void {
  if (cmd.name === undefined) return;
  const code = inlineScript(cmd);
  if (code === undefined || code.length === 0) return;
  codeEffects(code, codeLabel(cmd), true, out, cmd);
}
