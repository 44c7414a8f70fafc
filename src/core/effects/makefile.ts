// What `make X` and `just X` run: the recipe lines of the target and of every prerequisite it needs first,
// with simple variables expanded (`$(RM)` is `rm -f`). Conditionals are not evaluated: both branches count,
// so a recipe can only gain lines, never lose one. Bounded in lines, rules and expansion depth.
import { table } from '../table';

export interface Recipe {
  target: string;
  lines: string[];
}

interface MakeRule {
  prereqs: string[];
  lines: string[];
  /** Lines make runs even under -n/-q/-t: a `+` prefix or a `$(MAKE)` in them. */
  forced: boolean[];
}

function forcedLine(raw: string): boolean {
  return /^[@-]*\+/.test(raw) || /\$[({]MAKE[)}]/.test(raw);
}

interface ParsedMake {
  rules: Map<string, MakeRule>;
  first: string | undefined;
  vars: Map<string, string>;
}

const MAX_LINES = 5000;
const MAX_TARGETS = 64;
const MAKE_BUILTINS = table<string>({ RM: 'rm -f', MAKE: 'make', SHELL: '/bin/sh', CC: 'cc', CXX: 'g++', CP: 'cp', MV: 'mv', MKDIR: 'mkdir' });

const ASSIGN = /^\s*(?:export\s+|override\s+)?([A-Za-z_][\w.-]*)\s*(?::{1,3}|\?|\+|!)?=\s*(.*)$/;
const RULE = /^([^:=#\t\s][^:=#]*?)\s*::?(?!=)\s*(.*)$/;

export function parseMakefile(text: string): ParsedMake {
  const raw = text.split('\n').slice(0, MAX_LINES);
  const rules = new Map<string, MakeRule>();
  const vars = new Map<string, string>();
  let first: string | undefined;
  let current: MakeRule[] = [];
  for (let i = 0; i < raw.length; i++) {
    let line = raw[i].replace(/\r$/, '');
    while (line.endsWith('\\') && i + 1 < raw.length) line = `${line.slice(0, -1)} ${raw[++i].replace(/\r$/, '').trimStart()}`;
    if (line.startsWith('\t')) {
      const raw = line.slice(1).trim();
      const cmd = raw.replace(/^[@+-]+\s*/, '');
      if (cmd.length > 0 && !cmd.startsWith('#')) {
        for (const r of current) {
          r.lines.push(cmd);
          r.forced.push(forcedLine(raw));
        }
      }
      continue;
    }
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    if (/^\s*(?:ifeq|ifneq|ifdef|ifndef|else|endif|include|-include|sinclude|define|endef|vpath|unexport)\b/.test(line)) continue;
    const a = ASSIGN.exec(line);
    if (a) {
      if (!vars.has(a[1])) vars.set(a[1], a[2].trim());
      current = [];
      continue;
    }
    const r = RULE.exec(line);
    if (!r) {
      current = [];
      continue;
    }
    const targets = r[1].trim().split(/\s+/);
    const [deps, inline] = splitOnce(r[2], ';');
    const prereqs = deps.replace(/#.*$/, '').replace('|', ' ').trim().split(/\s+/).filter((d) => d.length > 0);
    current = [];
    for (const t of targets) {
      let rule = rules.get(t);
      if (!rule) {
        rule = { prereqs: [], lines: [], forced: [] };
        rules.set(t, rule);
      }
      rule.prereqs.push(...prereqs);
      if (inline !== undefined && inline.trim()) {
        rule.lines.push(inline.trim().replace(/^[@+-]+\s*/, ''));
        rule.forced.push(forcedLine(inline.trim()));
      }
      current.push(rule);
      if (first === undefined && !t.startsWith('.') && !t.includes('%')) first = t;
    }
  }
  return { rules, first, vars };
}

function splitOnce(s: string, sep: string): [string, string | undefined] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}

function expandVars(line: string, vars: Map<string, string>, overrides: Record<string, string>, target: string, prereqs: string[], depth = 0): string {
  if (depth > 4 || !line.includes('$')) return line.replace(/\$\$/g, '$');
  return line.replace(/\$\$|\$\(([^()$]+)\)|\$\{([^{}$]+)\}|\$([@<^*?])/g, (m, p1?: string, p2?: string, auto?: string) => {
    if (m === '$$') return '\u0000';
    if (auto !== undefined) return auto === '@' ? target : auto === '<' ? prereqs[0] ?? '' : prereqs.join(' ');
    const name = (p1 ?? p2 ?? '').trim();
    if (/\s/.test(name)) return m; // a make function: left as written
    const value = (Object.hasOwn(overrides, name) ? overrides[name] : undefined) ?? vars.get(name) ?? MAKE_BUILTINS[name];
    return value === undefined ? '' : expandVars(value, vars, overrides, target, prereqs, depth + 1);
  }).replace(/\u0000/g, '$');
}

/** Recipes `make` runs for these targets (the first target when none), prerequisites first; each target once. */
export function makeRecipes(text: string, targets: readonly string[], overrides: Record<string, string> = {}, dryRun = false): Recipe[] {
  const parsed = parseMakefile(text);
  const wanted = targets.length > 0 ? targets : parsed.first !== undefined ? [parsed.first] : [];
  const out: Recipe[] = [];
  const seen = new Set<string>();
  const visit = (t: string, depth: number): void => {
    if (seen.has(t) || seen.size >= MAX_TARGETS || depth > 16) return;
    seen.add(t);
    const rule = parsed.rules.get(t);
    if (!rule) return;
    for (const p of rule.prereqs) visit(p, depth + 1);
    // `make -n` prints recipes without running them, except lines marked `+` or calling $(MAKE)
    const lines = dryRun ? rule.lines.filter((_, i) => rule.forced[i] === true) : rule.lines;
    if (lines.length > 0) out.push({ target: t, lines: lines.map((l) => expandVars(l, parsed.vars, overrides, t, rule.prereqs)) });
  };
  for (const t of wanted) visit(t, 0);
  return out;
}

const JUST_RECIPE = /^@?([A-Za-z_][\w-]*)((?:\s+[^:]*?)?)\s*:(?!=)\s*(.*)$/;

/** Recipes `just` runs for these recipes (the first when none), dependencies first. */
export function justRecipes(text: string, names: readonly string[]): Recipe[] {
  const raw = text.split('\n').slice(0, MAX_LINES);
  const recipes = new Map<string, MakeRule>();
  let first: string | undefined;
  let current: MakeRule | undefined;
  for (const l of raw) {
    const line = l.replace(/\r$/, '');
    if (/^[ \t]+\S/.test(line)) {
      const cmd = line.trim().replace(/^[@-]+/, '');
      if (current && cmd.length > 0 && !cmd.startsWith('#')) current.lines.push(cmd);
      continue;
    }
    current = undefined;
    if (line.trim() === '' || line.startsWith('#') || /^(?:set|alias|export|import|mod)\s/.test(line) || /^[A-Za-z_][\w-]*\s*:=/.test(line)) continue;
    const m = JUST_RECIPE.exec(line);
    if (!m) continue;
    const deps = m[3].replace(/\([^)]*\)/g, (d) => d.slice(1, -1).trim().split(/\s+/)[0] ?? '').trim().split(/\s+/).filter((d) => /^[A-Za-z_][\w-]*$/.test(d));
    current = { prereqs: deps, lines: [], forced: [] };
    recipes.set(m[1], current);
    first ??= m[1];
  }
  const wanted = names.length > 0 ? names : first !== undefined ? [first] : [];
  const out: Recipe[] = [];
  const seen = new Set<string>();
  const visit = (t: string, depth: number): void => {
    if (seen.has(t) || seen.size >= MAX_TARGETS || depth > 16) return;
    seen.add(t);
    const r = recipes.get(t);
    if (!r) return;
    for (const p of r.prereqs) visit(p, depth + 1);
    // A shebang recipe is a script for another interpreter; its lines still say what it does, read as shell.
    if (r.lines.length > 0) out.push({ target: t, lines: r.lines.filter((x) => !x.startsWith('#!')) });
  };
  for (const t of wanted) visit(t, 0);
  return out;
}
