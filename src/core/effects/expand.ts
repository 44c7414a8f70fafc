// Brace, tilde and glob expansion of a simple command against the real file system at decision time
// (`cat .en?`, `/???/r? -rf src`, `rm -rf {src,lib}`): the expanded command is judged as bash would run
// it. When the disk cannot say (no facts, no cwd, a bound cut the walk), the pattern is judged by what it
// could match: a pattern that can match `.env` reads a secret, one that can match `rm` is rm.
import type { SimpleCommand } from '../rules/types';
import { hasGlobChars, segmentMatcher } from './pattern';
import type { Derived, EffectsContext } from './types';
import { braceExpand, commandLine, tildeExpand, unquotedMeta } from './words';

/** Whole expanded commands longer than this are cut and judged as uncertain. */
const MAX_WORDS = 512;
/** A globbed program name that could be more than this many known programs is unknown. */
const MAX_NAME_GUESSES = 8;

/**
 * Representative secret files for "could this pattern match one": each stands for a class in the default
 * policy (core/policy/defaults.ts), concrete so the rules judge them like any path.
 */
const SECRET_SAMPLES: readonly string[] = [
  '.env', '.env.local', '.env.production', '.envrc', '.dev.vars', '.ssh/id_rsa', '.ssh/id_ed25519', '.ssh/id_ecdsa', 'id_rsa', 'id_ed25519',
  '.aws/credentials', '.kube/config', '.docker/config.json', '.netrc', '.npmrc', '.pypirc', '.pgpass', '.my.cnf', '.git-credentials',
  '.vault-token', '.htpasswd', 'credentials.json', 'secrets.json', 'secrets.yml', 'secrets.yaml', '.secrets', 'master.key',
  'terraform.tfstate', 'terraform.tfvars', '.config/gcloud/credentials.db', '.config/gh/hosts.yml', '.azure/accessTokens.json',
  // Shell and REPL histories hold tokens typed on command lines (`~/.*_history`, `~/.*hist*`).
  '.bash_history', '.zsh_history', '.sh_history', '.histfile', '.python_history', '.node_repl_history', '.psql_history', '.mysql_history',
  '.config/google-chrome/Default/Login Data', '.config/google-chrome/Default/Cookies', '.mozilla/firefox/default/logins.json',
  '.mozilla/firefox/default/key4.db', 'Library/Keychains/login.keychain-db',
];

function isAbsolute(p: string): boolean {
  return p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p);
}

/** The name word as written (`/???/r?`), found in the command's source; the analyzer keeps only the basename. */
function nameWord(cmd: SimpleCommand): string | undefined {
  const name = cmd.name;
  if (name === undefined) return undefined;
  const esc = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`(?:^|[\\s;&|(])((?:[^\\s;&|()<>'"]*/)?${esc})(?=[\\s;&|)<>]|$)`).exec(cmd.text);
  return m?.[1] ?? name;
}

/** Secret samples a path pattern could match, placed where the pattern puts them. */
export function couldMatchSecrets(pattern: string, dotglob: boolean): string[] {
  const segs = pattern.split('/');
  const star = segs.lastIndexOf('**');
  const out: string[] = [];
  for (const sample of SECRET_SAMPLES) {
    const parts = sample.split('/');
    // `~/.aws/*`, `~/.aws/**`, `find ~/.aws | xargs cat`: everything in a folder that holds credentials aims at them
    const dir = parts.slice(0, -1);
    const last = segs[segs.length - 1];
    if (dir.length > 0 && (last === '*' || last === '**') && segs.length > dir.length) {
      const before = segs.slice(segs.length - 1 - dir.length, -1);
      // `~/.ss?/*`, `~/.a*/*`: a folder pattern that names the credential folder counts as naming it
      if (before.every((seg, i) => seg === dir[i] || (hasGlobChars(seg) && /[^*?[\]]/.test(seg) && segmentMatcher(seg, { dotglob })(dir[i])))) {
        out.push([...segs.slice(0, segs.length - 1 - dir.length), ...parts].join('/'));
        continue;
      }
    }
    // `a/**/x`: only the part after `**` has to line up with the sample's tail
    const tail = star >= 0 ? segs.slice(star + 1) : segs;
    if (parts.length > tail.length && star < 0) continue;
    const k = Math.min(parts.length, tail.length);
    if (k === 0) continue;
    const pTail = tail.slice(tail.length - k);
    const sTail = parts.slice(parts.length - k);
    if (!pTail.some(hasGlobChars)) continue;
    // A bare `*` could be any file at all: only a pattern that says something about the name (`.en?`, `id_*`) is read as aiming at it.
    if (!/[^*?[\]]/.test(pTail[pTail.length - 1].replace(/\[[^\]]*\]/g, ''))) continue;
    if (!pTail.every((seg, i) => segmentMatcher(seg, { dotglob })(sTail[i]))) continue;
    const prefix = segs.slice(0, segs.length - k);
    out.push([...prefix, ...sTail].join('/'));
  }
  return out;
}

/** Known program names a globbed name could be. */
function couldBePrograms(pattern: string, names: ReadonlySet<string>): string[] {
  const base = pattern.slice(pattern.lastIndexOf('/') + 1);
  const m = segmentMatcher(base);
  const out: string[] = [];
  for (const n of names) if (m(n)) out.push(n);
  return out;
}

/**
 * What a command becomes after brace, tilde and glob expansion, when that differs from how it is written.
 * Commands with nothing unquoted to expand return quickly with nothing.
 */
export function expansionsOf(cmd: SimpleCommand, ctx: EffectsContext, out: Derived): void {
  if (cmd.name === undefined) return;
  const meta = unquotedMeta(cmd.text);
  if (!meta.glob && !meta.brace) return;
  const first = nameWord(cmd)!;
  const words = [first, ...cmd.args];
  const dyn = [false, ...cmd.argDynamic];
  const precise: string[] = [];
  /** Per word: what it could stand for when the disk did not settle it (undefined = settled). */
  const guesses: (string[] | undefined)[] = [];
  let changed = false;
  let uncertain = false;
  /** A globbed program name's matches: bash runs the first with the rest as arguments; each is judged as the program. */
  let nameMatches: string[] = [];
  // find's matches reach xargs and -exec as `START/**/NAME` (pipes.ts findMatch): any depth, START itself and dotfiles
  // included, which is bash's globstar and dotglob reading of that pattern.
  const fromFind = cmd.via.some((v) => v === 'xargs' || /^find\b/.test(v));
  const opts = { dotglob: ctx.dotglob || fromFind, globstar: ctx.globstar || fromFind };

  for (let k = 0; k < words.length; k++) {
    let w = words[k];
    // `$HOME/.aws/cred*`, `${HOME}/.ssh/id_*`: the home directory is known (unless this command line rebinds it)
    if (dyn[k] && ctx.home !== undefined && !(cmd.rebound ?? []).includes('HOME')) {
      const h = /^(?:\$HOME|\$\{HOME\})(?=\/)/.exec(w);
      const restOf = h ? w.slice(h[0].length) : '';
      if (h && !/[$`]/.test(restOf) && hasGlobChars(restOf)) {
        w = `${ctx.home.replace(/\/+$/, '')}${restOf}`;
        dyn[k] = false;
      }
    }
    if (dyn[k] || (!w.includes('{') && !hasGlobChars(w))) {
      precise.push(w);
      guesses.push(undefined);
      continue;
    }
    const braced = meta.brace ? braceExpand(w) : { words: [w], complete: true };
    if (!braced.complete) uncertain = true;
    if (braced.words.length > 1) changed = true;
    const wordGuesses: string[] = [];
    let wordUncertain = false;
    for (const bw of braced.words) {
      const glob = meta.glob && hasGlobChars(bw);
      const t = glob || braced.words.length > 1 ? tildeExpand(bw, ctx.home) : bw;
      if (!glob) {
        precise.push(t);
        wordGuesses.push(t);
        continue;
      }
      const abs = isAbsolute(t);
      const g = ctx.facts && (abs || ctx.cwd !== undefined) ? ctx.facts.glob(t, ctx.cwd ?? '/', opts) : undefined;
      if (g && g.matches.length > 0) {
        changed = true;
        const prefix = ctx.cwd !== undefined ? `${ctx.cwd.replace(/\/+$/, '')}/` : undefined;
        const found = g.matches.map((m) => (!abs && prefix !== undefined && m.startsWith(prefix) ? m.slice(prefix.length) : m));
        if (k === 0) nameMatches = found;
        precise.push(...found);
      } else precise.push(t); // no match: bash passes the pattern as written
      if (!g || !g.complete) {
        wordUncertain = true;
        wordGuesses.push(...(k === 0 ? couldBePrograms(t, ctx.programNames) : couldMatchSecrets(t, ctx.dotglob)));
      } else if (k > 0 && g.matches.length === 0) {
        // Nothing matches now, so bash passes the pattern as written; what it aims at still counts: the file may
        // appear before the command runs, and many programs (scp, rsync, find, a script) glob the word themselves.
        // `grep token ~/.*_history` in a home without histories is still a search of shell histories for tokens.
        // Only a pattern that names something (`_history`, `.ss?`, `*.key`) aims; `*.*` or `?` aims at nothing.
        const aimed = t.split('/').some((seg) => hasGlobChars(seg) && /[A-Za-z0-9]{2}/.test(seg.replace(/\[[^\]]*\]/g, '*'))) ? couldMatchSecrets(t, ctx.dotglob) : [];
        if (aimed.length > 0) {
          wordUncertain = true;
          wordGuesses.push(...aimed);
        }
      }
    }
    guesses.push(wordUncertain ? wordGuesses : undefined);
    if (wordUncertain) uncertain = true;
    if (precise.length > MAX_WORDS) {
      uncertain = true;
      break;
    }
  }

  if (changed) out.scripts.push({ text: commandLine(precise.slice(0, MAX_WORDS)), via: clipVia(cmd.text) });
  // Only brace lists replace the words as written: a glob's matches are judged besides the pattern, which says more
  // (`rm -f *` deletes whatever is there when it runs, `*.*` in SQL is no file at all).
  if (changed && !uncertain && !meta.glob && nameMatches.length <= 1 && !dyn.some(Boolean) && cmd.redirects.every((r) => r.target === '/dev/null' || (/^\d*[<>]&$/.test(r.op) && /^(?:\d+-?|-)$/.test(r.target))) && cmd.stdin === undefined && !cmd.pipedIn && cmd.pipedTo === undefined && Object.keys(cmd.assignments).every((k) => /^(?:LC_\w+|LANG|LANGUAGE|TZ|TERM|COLUMNS|NO_COLOR)$/.test(k))) out.exact = true;
  if (nameMatches.length > 1) {
    // Bash runs the first match; the program a glob was aimed at may be any of them, so each is judged as the
    // program, and past a handful the name is unknown (judged on its arguments like any computed name).
    const rest = precise.slice(nameMatches.length, MAX_WORDS);
    if (nameMatches.length <= MAX_NAME_GUESSES) {
      for (const n of nameMatches.slice(1)) out.scripts.push({ text: commandLine([n, ...rest]), via: clipVia(cmd.text) });
    } else {
      const known = nameMatches.map((m) => m.slice(m.lastIndexOf('/') + 1)).filter((n) => ctx.programNames.has(n));
      for (const n of known.slice(0, MAX_NAME_GUESSES)) out.scripts.push({ text: commandLine([n, ...rest]), via: clipVia(cmd.text) });
      out.commands.push({ ...cmd, name: undefined, dynamicName: true, args: rest, argDynamic: rest.map(() => false), via: [...cmd.via, clipVia(cmd.text)] });
    }
  }
  if (!uncertain) return;
  // Judged by what it could match: each guessed program in the name's place, every guessed secret among the arguments.
  const args: string[] = [];
  for (let k = 1; k < words.length; k++) {
    const g = guesses[k];
    if (g && g.length > 0) args.push(...g.slice(0, 16));
    args.push(words[k]);
  }
  const nameGuesses = guesses[0];
  if (nameGuesses === undefined) {
    out.scripts.push({ text: commandLine([first, ...args]), via: clipVia(cmd.text) });
    return;
  }
  if (nameGuesses.length > 0 && nameGuesses.length <= MAX_NAME_GUESSES) {
    for (const n of nameGuesses) out.scripts.push({ text: commandLine([n, ...args]), via: clipVia(cmd.text) });
    return;
  }
  // `/*/* -rf src`: any program at all. Unknown, and judged on its arguments like any computed name.
  out.commands.push({ ...cmd, name: undefined, dynamicName: true, args, argDynamic: args.map(() => false), via: [...cmd.via, clipVia(cmd.text)] });
}

export function clipVia(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > 80 ? `${one.slice(0, 80)}…` : one;
}
