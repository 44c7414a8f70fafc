// An in-memory file system behind FsFacts, for rule examples that depend on what files hold or are
// (content checks, hard links, tree readers). The workspace is /w: a .env, a config file holding a
// Railway-style token (built from pieces here, so no token-shaped literal is committed in one piece),
// a hard link to .env.production under an innocent name, and a src/ tree with no secrets.
import type { FileFacts, FsFacts } from '../../../src/core/facts';
import { activeFindings, scanText } from '../../../src/core/secrets/scan';

export const FAKE_RAILWAY_TOKEN = ['a1f0c4e2', '7b3d', '4c8e', '9f1a', '692f09e2e8c6'].join('-');

interface Node {
  kind: FileFacts['kind'];
  text?: string;
  ino: number;
  nlink: number;
}

const FILES: Record<string, { text: string; ino?: number }> = {
  '/w/.env': { text: `RAILWAY_TOKEN=${FAKE_RAILWAY_TOKEN}\nPORT=3000\n` },
  '/w/.env.production': { text: 'DB_NAME=shop\n', ino: 77 },
  '/w/notes.txt': { text: 'DB_NAME=shop\n', ino: 77 },
  '/w/.gitignore': { text: '.env*\nnode_modules/\nbin/\n' },
  // an ignored build output folder (Go-style bin/)
  '/w/bin/server': { text: 'ELF' },
  '/w/.git/refs/heads/main': { text: '0123456789abcdef0123456789abcdef01234567\n' },
  // A deploy token in the origin URL, as CI checkouts and `git clone https://TOKEN@…` leave it.
  '/w/.git/config': { text: `[remote "origin"]\n\turl = https://deploy:${FAKE_RAILWAY_TOKEN}@git.example.com/shop.git\n` },
  '/w/package.json': { text: '{"name":"shop","scripts":{"test":"node --test"}}\n' },
  '/w/config/legacy-deploy.json': { text: `{\n  "deploy": {\n    "railwayToken": "${FAKE_RAILWAY_TOKEN}"\n  }\n}\n` },
  '/w/config/app.json': { text: '{"port": 3000}\n' },
  '/w/deploy/values.yaml': { text: `image: shop\nreplicas: 2\nsecrets:\n  railwayToken: ${FAKE_RAILWAY_TOKEN}\n` },
  '/w/src/app.ts': { text: 'export const port = process.env.PORT;\n' },
  // A token pasted into source, a TODO on the line above it (tree searches print matching lines only)
  '/w/tools/deploy.ts': { text: `// TODO: read this from the environment\nexport const RAILWAY_TOKEN = '${FAKE_RAILWAY_TOKEN}';\nexport const region = 'us-west';\n` },
  '/w/src/util/format.ts': { text: 'export const f = (x: string) => x.trim();\n' },
  '/w/docs/guide.md': { text: '# Guide\nSet RAILWAY_TOKEN in your shell.\n' },
  '/w/certs/server.key': { text: 'not a real key\n' },
  // Files the data-loss examples empty or overwrite (fs.overwrite-empty, fs.redirect-truncate): they hold data.
  '/w/important.txt': { text: 'the only copy\n' },
  '/w/notes.md': { text: '# notes\n' },
  '/w/backups/db-2024-06-10.sql': { text: 'CREATE TABLE invoices (id int);\n' },
  '/w/src/index.ts': { text: 'export {};\n' },
  '/w/data/app.db': { text: 'SQLite format 3\n' },
  '/w/data/users.csv': { text: 'id,name\n1,a\n' },
  '/home/u/.bashrc': { text: 'export PS1=x\n' },
  // fs.discard-uncommitted: what git can give back (see GIT_STATE below)
  '/w/README.md': { text: '# shop\n' },
  '/w/src/draft.ts': { text: 'export const draft = 1;\n' },
  '/w/notes/todo.md': { text: '- ship it\n' },
  '/home/u/Documents/q3-report.md': { text: '# Q3\n' },
  '/tmp/scratch/x.txt': { text: 'x\n' },
  '/etc/hosts': { text: '127.0.0.1 localhost\n' },
};
/** Git's view of /w (a repository): these differ from the index or are not in it; every other file is clean. */
const GIT_STATE: Record<string, 'modified' | 'untracked'> = {
  '/w/src/index.ts': 'modified',
  '/w/src/draft.ts': 'untracked',
  '/w/notes/todo.md': 'untracked',
  '/w/notes.md': 'untracked',
  '/w/bin/server': 'untracked',
};
const DIRS = ['/', '/etc', '/w', '/w/.git', '/w/.git/refs', '/w/.git/refs/heads', '/w/config', '/w/src', '/w/src/util', '/w/docs', '/w/certs', '/w/data', '/w/migrations', '/home', '/home/u', '/home/u/Documents', '/tmp', '/w/notes', '/w/tools', '/w/history', '/w/deploy', '/w/bin', '/w/backups'];
const LINKS: Record<string, string> = { '/tmp/w': '/w', '/tmp/scratch-link': '/tmp/scratch' };
DIRS.push('/tmp/scratch');

const nodes = new Map<string, Node>();
let nextIno = 1000;
for (const d of DIRS) nodes.set(d, { kind: 'dir', ino: nextIno++, nlink: 2 });
const inoCount = new Map<number, number>();
for (const f of Object.values(FILES)) if (f.ino !== undefined) inoCount.set(f.ino, (inoCount.get(f.ino) ?? 0) + 1);
for (const [p, f] of Object.entries(FILES)) nodes.set(p, { kind: 'file', text: f.text, ino: f.ino ?? nextIno++, nlink: f.ino !== undefined ? inoCount.get(f.ino)! : 1 });
for (const p of Object.keys(LINKS)) nodes.set(p, { kind: 'symlink', ino: nextIno++, nlink: 1 });

function resolve(p: string): string {
  for (let hop = 0; hop < 8; hop++) {
    const link = Object.keys(LINKS).find((l) => p === l || p.startsWith(`${l}/`));
    if (!link) return p;
    p = LINKS[link] + p.slice(link.length);
  }
  return p;
}

function facts(n: Node | undefined): FileFacts | undefined {
  return n && { kind: n.kind, size: n.text?.length ?? 0, mtimeMs: 0, dev: 1, ino: n.ino, nlink: n.nlink };
}

function globToRegExp(glob: string): RegExp {
  let re = '';
  for (const c of glob) re += c === '*' ? '[^/]*' : c === '?' ? '[^/]' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${re}$`);
}

export const EXAMPLE_FACTS: FsFacts = {
  lstat: (p) => facts(nodes.get(p)),
  stat: (p) => facts(nodes.get(resolve(p))),
  realPath: (p) => resolve(p),
  listDir(p) {
    const dir = resolve(p);
    if (nodes.get(dir)?.kind !== 'dir') return undefined;
    const prefix = dir === '/' ? '/' : `${dir}/`;
    const names = [...nodes.keys()].filter((k) => k.startsWith(prefix) && k.length > prefix.length && !k.slice(prefix.length).includes('/')).map((k) => k.slice(prefix.length)).sort();
    return { names, complete: true, kinds: names.map((n) => nodes.get(prefix + n)!.kind) };
  },
  glob(pattern, cwd) {
    const abs = pattern.startsWith('/') ? pattern : `${cwd}/${pattern}`;
    const re = globToRegExp(abs);
    const matches = [...nodes.keys()].filter((k) => re.test(k) && !/\/\.[^/]*$/.test(k.slice(k.lastIndexOf('/'))) === !/\/\.[^/]*$/.test(abs.slice(abs.lastIndexOf('/')))).sort();
    return { matches, complete: true };
  },
  readText: (p) => nodes.get(resolve(p))?.text,
  secretsIn(p) {
    const n = nodes.get(resolve(p));
    if (n?.kind !== 'file' || n.text === undefined) return undefined;
    return activeFindings(scanText(p.replace(/^\/+/, ''), n.text)).map((f) => ({ detector: f.rule, preview: f.secret, line: f.line }));
  },
  // History readers in /w/history only (the other examples judge history by names): a deploy script's old token
  gitRead(dir, args) {
    if (dir !== '/w/history') return undefined;
    // (a log without its own count is read capped, as the rule asks for it)
    const line = args.join(' ').replace(/^log --max-count=500 (?=-p )/, 'log ');
    if (line === 'show HEAD~3:deploy.sh' || line === 'show HEAD~3:./deploy.sh' || line === 'log -p -- deploy.sh') return `export RAILWAY_TOKEN=${FAKE_RAILWAY_TOKEN}\nrailway up\n`;
    if (line === 'show HEAD:./deploy.sh') return 'railway up\n';
    if (line === 'show HEAD' || line === 'log -p -- docs') return 'diff --git a/docs/guide.md b/docs/guide.md\n+Run deploy.sh.\n';
    if (line === 'show HEAD~1') return 'diff --git a/.env b/.env\n-PORT=3000\n';
    // a token pasted into a commit message, which a plain `git log` prints
    if (line === 'log --max-count=500' || line === 'show HEAD~4 --stat') return `commit 4b1f\n\n    deploy: set RAILWAY_TOKEN=${FAKE_RAILWAY_TOKEN} in CI\n`;
    if (line === 'log --max-count=500 --oneline') return '4b1f deploy: set the token in CI\n';
    return undefined;
  },
  // Archives' member names (the files themselves are not in the tree)
  archiveEntries(p) {
    if (p === '/w/backup/env.tgz') return { names: ['.env.production', 'vercel.json'], complete: true };
    if (p === '/w/backup/bundle.zip') return { names: ['app/', 'app/.env.local', 'app/next.config.js'], complete: true };
    return undefined;
  },
  gitState(p) {
    if (nodes.get(p) === undefined) return undefined;
    if (!p.startsWith('/w/')) return 'no-repo';
    return GIT_STATE[p] ?? 'clean';
  },
};
