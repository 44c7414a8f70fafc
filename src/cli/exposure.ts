// `airlock exposure [DIR] --format text|json|sarif`: every credential an agent working in DIR could
// reach (workspace files, protected files, credential variables, CLI stores in the home), what it can
// do, who can reach it today, and how to take it away. No network; values are never printed.
// Exit 0: nothing open to an agent; 1: something is; 2: error.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { exposureJsonSchema, isProductionWide, summaryLine, type ExposureItem, type ExposureReport } from '../core/exposure/report';
import { collectExposure } from '../exposure/collect';
import { VERSION } from '../version';
import { parseOptions, usageError, wantsHelp } from './options';
import type { CliCommand, CliIo } from './types';

const FORMATS = ['text', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

const USAGE = `Usage: airlock exposure [DIR] [--format text|json|sarif] [--home DIR] [--schema]

Lists every credential an agent working in DIR (default: the current directory) could reach: files with
live credentials and protected files in DIR, credential-named environment variables (names only), and
CLI credential stores in your home (AWS, gcloud, kube, Docker, npm, netrc, git, GitHub CLI, PostgreSQL,
MySQL, Terraform, Railway, Fly, Vercel, Netlify, Heroku, Supabase, Doppler). For each: what it can do
(account-wide or scoped, production-looking), which agents can reach it today, and how to fix it.
No network, no secret values. Exit 0: nothing open to an agent; 1: something is; 2: error.
--schema prints the JSON Schema of --format json.
`;

function openTo(i: ExposureItem): string[] {
  return i.reach.filter((r) => r.how === 'open').map((r) => r.agent);
}

export function textReport(r: ExposureReport): string {
  const lines = [`Airlock exposure for ${r.workspace}`, summaryLine(r.summary), ''];
  for (const i of r.items) {
    const flags = [i.scope !== 'unknown' ? i.scope : '', i.infrastructure ? 'INFRASTRUCTURE (the incident\'s kind)' : '', i.production ? 'PRODUCTION' : ''].filter(Boolean).join(', ');
    lines.push(`${isProductionWide(i) ? '!!' : '- '} ${i.label}${flags ? ` [${flags}]` : ''}`);
    lines.push(`   at ${i.location}${i.preview ? ` (${i.preview})` : ''}${i.detail ? `: ${i.detail}` : ''}`);
    const open = openTo(i);
    const guarded = i.reach.filter((x) => x.how === 'guarded').map((x) => x.agent);
    lines.push(`   reach: ${guarded.length ? `guarded for ${guarded.join(', ')}` : 'no agent is guarded'}${open.length ? `; open to ${open.join(', ')}` : ''}`);
    for (const f of i.fixes) lines.push(`   fix (${f.action}): ${f.label}${f.url ? ` ${f.url}` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

export function sarifReport(r: ExposureReport): Record<string, unknown> {
  const rules = [...new Set(r.items.map((i) => i.source))].map((s) => ({ id: `exposure.${s}`, shortDescription: { text: `Credential reachable by agents (${s})` } }));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'airlock-exposure', version: VERSION, informationUri: 'https://github.com/airlock-dev/airlock', rules } },
        results: r.items.map((i) => ({
          ruleId: `exposure.${i.source}`,
          level: isProductionWide(i) ? 'error' : openTo(i).length ? 'warning' : 'note',
          message: { text: `${i.label}${i.preview ? ` (${i.preview})` : ''}: ${i.scope}${i.infrastructure ? ', account-wide infrastructure token' : ''}${openTo(i).length ? `; open to ${openTo(i).join(', ')}` : ''}` },
          ...(i.source === 'workspace-file' || i.source === 'protected-file'
            ? { locations: [{ physicalLocation: { artifactLocation: { uri: i.location.split(':')[0] } } }] }
            : {}),
        })),
      },
    ],
  };
}

async function write(io: CliIo, text: string): Promise<void> {
  await new Promise<void>((resolve) => (io.stdout.write(text) ? resolve() : io.stdout.once('drain', () => resolve())));
}

export const exposureCommand: CliCommand = {
  name: 'exposure',
  summary: 'list the credentials agents could reach from here, what they can do, and how to take them away',
  async run(args, io) {
    if (wantsHelp(args)) {
      io.stdout.write(USAGE);
      return 0;
    }
    const parsed = parseOptions(args, { values: ['--format', '-f', '--home'], flags: ['--schema'] });
    if (typeof parsed === 'string') return usageError(io, 'exposure', parsed);
    if (parsed.flags.has('--schema')) {
      await write(io, `${JSON.stringify(exposureJsonSchema(), null, 2)}\n`);
      return 0;
    }
    const format = (parsed.values.get('--format') ?? parsed.values.get('-f') ?? 'text') as Format;
    if (!FORMATS.includes(format)) return usageError(io, 'exposure', `--format must be one of ${FORMATS.join(', ')}`);
    if (parsed.positional.length > 1) return usageError(io, 'exposure', `only one DIR (got ${parsed.positional.join(', ')})`);
    const dir = path.resolve(parsed.positional[0] ?? '.');
    const home = path.resolve(parsed.values.get('--home') ?? os.homedir());
    for (const [what, p] of [['DIR', dir], ['--home', home]] as const) {
      try {
        if (!fs.statSync(p).isDirectory()) return usageError(io, 'exposure', `${what} ${p} is not a directory`);
      } catch {
        return usageError(io, 'exposure', `${what} ${p} does not exist`);
      }
    }
    const report = await collectExposure({ workspace: dir, home, env: process.env });
    if (format === 'json') await write(io, `${JSON.stringify(report, null, 2)}\n`);
    else if (format === 'sarif') await write(io, `${JSON.stringify(sarifReport(report), null, 2)}\n`);
    else await write(io, textReport(report));
    return report.summary.open > 0 ? 1 : 0;
  },
};
