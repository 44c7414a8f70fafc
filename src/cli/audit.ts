// `airlock audit verify <file>`: checks the hash chain of an audit log and names
// the first entry that no longer fits. Exit 0 intact (a torn last line is only
// noted), 1 tampered, 2 usage or read error.
import * as fs from 'node:fs';
import { parseHead, verifyAuditLog } from '../gate/audit';
import { existingFile, parseOptions, usageError, wantsHelp } from './options';
import type { CliCommand, CliIo } from './types';

const USAGE = `Usage: airlock audit verify <file> [--head <file.head>] [--json]

Checks the hash chain of an Airlock audit log and names the first entry that no longer fits.
Exit 0: intact (a torn last line is only noted); 1: tampered; 2: usage or read error.
  --head   the head file to check the end against (default: <file>.head when it exists)
  --json   the report as JSON
`;

async function verify(args: string[], io: CliIo): Promise<number> {
  const opts = parseOptions(args, { values: ['--head'], flags: ['--json'] });
  if (typeof opts === 'string') return usageError(io, 'audit', opts);
  const [file, extra] = opts.positional;
  if (!file) return usageError(io, 'audit', 'give the audit log to verify: airlock audit verify <file>');
  if (extra !== undefined) return usageError(io, 'audit', `unexpected argument '${extra}'`);
  const json = opts.flags.has('--json');
  const headPath = opts.values.get('--head');
  if (headPath !== undefined) {
    const head = existingFile(headPath);
    if ('error' in head) return usageError(io, 'audit', `--head ${head.error}`);
  }
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    io.stderr.write(`airlock audit: cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}\n`);
    return 2;
  }
  // The writer keeps `<file>.head` next to the log; use it when present so a cut-off end is caught too.
  const headFile = headPath ?? `${file}.head`;
  const head = fs.existsSync(headFile) ? parseHead(fs.readFileSync(headFile, 'utf8')) : undefined;
  const report = verifyAuditLog(text, head);
  if (json) {
    io.stdout.write(`${JSON.stringify(report)}\n`);
  } else if (report.ok) {
    io.stdout.write(`ok: ${report.entries} entries, chain intact${head ? ', matches head' : ''}\n`);
  } else if (report.broken) {
    const which = report.broken.seq !== undefined ? `entry #${report.broken.seq}` : 'an entry';
    io.stdout.write(`BROKEN at line ${report.broken.line} (${which}): ${report.broken.reason}\n`);
    io.stdout.write(`the ${report.entries} entries before it are intact\n`);
  } else {
    io.stdout.write(`BROKEN: ${report.headMismatch ?? 'unknown'}\n`);
  }
  if (!json && report.tornTail) {
    io.stdout.write(`note: line ${report.tornTail.line} is a torn tail (${report.tornTail.bytes} bytes, a write interrupted by a crash), not tampering\n`);
  }
  if (!json && report.sealedTornLines.length) {
    io.stdout.write(`note: torn lines sealed by a later writer: ${report.sealedTornLines.join(', ')}\n`);
  }
  return report.ok ? 0 : 1;
}

export const auditCommand: CliCommand = {
  name: 'audit',
  summary: 'verify an audit log: airlock audit verify <file>',
  async run(args, io) {
    if (wantsHelp(args)) {
      io.stdout.write(USAGE);
      return 0;
    }
    const [sub, ...rest] = args;
    if (sub === 'verify') return verify(rest, io);
    if (sub === undefined) return usageError(io, 'audit', 'missing subcommand: airlock audit verify <file>');
    return usageError(io, 'audit', sub.startsWith('-') ? `unknown option '${sub}'` : `unknown subcommand '${sub}' (expected verify)`);
  },
};
