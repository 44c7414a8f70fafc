// Whether emptying or overwriting a file loses anything. `: > notes.md` on a new file is how people create files;
// on an existing one it is a delete without rm. When the host injected file-system facts the answer comes from the
// real file; without them it comes from the name (source, config, docs and data files matter; logs, scratch
// output and build products do not).
import { isRegenerable, normalizePath } from '../../paths';
import type { RuleContext } from '../types';

/** Names whose content a person wrote or cannot regenerate: source, config, docs, data. */
const IMPORTANT_EXT =
  /\.(?:[cm]?[jt]sx?|py|rb|go|rs|java|kt|kts|scala|swift|m|mm|c|cc|cpp|cxx|h|hh|hpp|cs|fs|php|pl|pm|lua|r|jl|dart|ex|exs|erl|hs|clj|vue|svelte|astro|sh|bash|zsh|fish|ps1|sql|prisma|graphql|gql|proto|json|jsonc|json5|ya?ml|toml|ini|cfg|conf|env|properties|xml|plist|html?|css|scss|sass|less|md|mdx|rst|adoc|tex|csv|tsv|parquet|ipynb|db|sqlite3?|tfstate|tf|hcl|lock|gradle|pem|key|crt|kdbx)$/i;
const IMPORTANT_NAME = /^(?:makefile|dockerfile|containerfile|gemfile|rakefile|procfile|vagrantfile|justfile|jenkinsfile|license|licence|readme|changelog|authors|codeowners|go\.mod|go\.sum|cargo\.toml|\.[a-z][\w.-]*)$/i;

export function looksImportant(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return !isRegenerable(path) && (IMPORTANT_EXT.test(base) || IMPORTANT_NAME.test(base));
}

/** The path made absolute against the rule's cwd and home, or undefined when it stays relative. */
export function absolute(path: string, ctx: RuleContext): string | undefined {
  const p = normalizePath(path, { ...(ctx.cwd ? { cwd: ctx.cwd } : {}), ...(ctx.home ? { home: ctx.home } : {}) });
  return p.startsWith('/') ? p : undefined;
}

/**
 * Would emptying or overwriting `path` lose data? The real file when facts are injected (a missing or empty
 * file loses nothing; a link, directory or unreadable state is treated as data), else the name.
 */
export function overwriteLosesData(path: string, ctx: RuleContext): boolean {
  if (isRegenerable(normalizePath(path, ctx.home ? { home: ctx.home } : {}))) return false;
  const abs = ctx.facts ? absolute(path, ctx) : undefined;
  // `DIR/**`: every file under a folder (what `find DIR -exec … {}` reaches): a folder that exists holds data
  if (ctx.facts && abs !== undefined && abs.endsWith('/**') && !/[*?[]/.test(abs.slice(0, -3))) return ctx.facts.stat(abs.slice(0, -3))?.kind === 'dir';
  if (ctx.facts && abs !== undefined && !/[*?[]/.test(path)) {
    const f = ctx.facts.lstat(abs);
    if (f === undefined) {
      // Missing: the write creates it. lstat has no other common failure here (an unreadable parent makes the
      // write fail too), so this does not turn an unknown into an allow for anything that exists.
      return false;
    }
    return !(f.kind === 'file' && f.size === 0);
  }
  return looksImportant(path);
}

/** Operating-system files: what the machine runs on, restorable by no repository. */
export const SYSTEM_FILE = /^\/(?:etc|boot|bin|sbin|lib|lib32|lib64|usr\/(?!local\/)[^/]+|var\/lib|System|Library|private\/etc)\/|^\/C:\/Windows\//i;
