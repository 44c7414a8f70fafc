// Git MCP servers (the reference `mcp-server-git` and look-alikes) run git for the agent: `git_show` with a
// revision prints that commit's patch or a file as it was, `git_log` can print patches, `git_diff` prints the
// difference to a revision. They read history exactly like the git commands they wrap, so they are judged as
// those commands (`git -C <repo_path> show <revision>`), history readers and discards included.
import { quoteWord } from '../shell/argv';

const MAX_WORD = 4096;

function str(input: Record<string, unknown>, ...keys: string[]): string | undefined {
  for (const k of keys) {
    const v = input[k];
    if (typeof v === 'string' && v.length > 0 && v.length <= MAX_WORD) return v;
  }
  return undefined;
}

/** The git command lines an MCP tool call amounts to, or [] when it is not a git tool. */
export function mcpGitCommands(tool: string, input: unknown): string[] {
  const m = /(?:^|[._/-])git[_-]([a-z][a-z_]*)$/i.exec(tool);
  if (!m || !input || typeof input !== 'object' || Array.isArray(input)) return [];
  const verb = m[1]!.toLowerCase();
  const args = input as Record<string, unknown>;
  const repo = str(args, 'repo_path', 'repoPath', 'repository', 'path', 'cwd');
  const git = repo === undefined ? 'git' : `git -C ${quoteWord(repo)}`;
  const rev = str(args, 'revision', 'rev', 'ref', 'commit', 'target', 'sha');
  const patch = args.patch === true || args.p === true || args.show_patch === true || args.include_diff === true;
  const file = str(args, 'file', 'file_path', 'filepath');
  const pathspec = file === undefined ? '' : ` -- ${quoteWord(file)}`;
  switch (verb) {
    case 'show':
      return [`${git} show ${quoteWord(rev ?? 'HEAD')}${pathspec}`];
    case 'diff':
      return [`${git} diff${rev === undefined ? '' : ` ${quoteWord(rev)}`}${pathspec}`];
    case 'diff_unstaged':
      return [`${git} diff${pathspec}`];
    case 'diff_staged':
      return [`${git} diff --cached${pathspec}`];
    case 'log':
      return [`${git} log${patch ? ' -p' : ' --oneline'}${rev === undefined ? '' : ` ${quoteWord(rev)}`}${pathspec}`];
    case 'checkout': {
      const branch = str(args, 'branch_name', 'branch', 'revision', 'ref');
      return branch === undefined ? [] : [`${git} checkout ${quoteWord(branch)}${pathspec}`];
    }
    case 'reset':
      return [`${git} reset${str(args, 'mode') === 'hard' ? ' --hard' : ''}`];
    case 'clean':
      return [`${git} clean -f${args.directories === true ? 'd' : ''}`];
    case 'stash_drop':
    case 'stash_clear':
      return [`${git} stash ${verb === 'stash_drop' ? 'drop' : 'clear'}`];
    default:
      return [];
  }
}
