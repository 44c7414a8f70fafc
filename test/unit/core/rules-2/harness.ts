// Shared by the rules-2 tests: runs a command line through the real shell analyzer and a rule over
// every simple command it yields, with an injected readFile over in-memory fixtures (core does no I/O).
import { analyzeShell } from '../../../../src/core/shell';
import { loadShellParser } from '../../../../src/host/shell_wasm';
import type { RuleContext, RuleMatch, ShellRule } from '../../../../src/core/rules/types';

export const ready = loadShellParser();

export const FIXTURE_FILES: Record<string, string> = {
  'reset.sql': 'BEGIN;\nDROP TABLE IF EXISTS users CASCADE;\nCOMMIT;\n',
  'seed.sql': "INSERT INTO users (email) VALUES ('a@example.com');\n",
  'body.json': '{"query":"mutation { serviceDelete(id: \\"svc_1\\") }"}',
  'query.json': '{"query":"query { me { id email } }"}',
  'cleanup.js': 'db.events.deleteMany({})\n',
  'package.json': JSON.stringify({ scripts: { 'db:reset': 'prisma migrate reset --force && npm run db:seed', 'db:seed': 'tsx prisma/seed.ts', 'db:migrate': 'prisma migrate deploy', test: 'vitest run' } }),
};

export function context(files: Record<string, string> = FIXTURE_FILES): RuleContext {
  return {
    cwd: '/work/app',
    home: '/home/dev',
    workspaceRoots: ['/work/app'],
    isProtectedPath: () => false,
    readFile: (p) => files[p.replace(/^\.\//, '')],
  };
}

export function matchLine(rule: ShellRule, line: string, ctx: RuleContext = context()): RuleMatch | undefined {
  for (const cmd of analyzeShell(line).commands) {
    const m = rule.match(cmd, ctx);
    if (m) return m;
  }
  return undefined;
}
