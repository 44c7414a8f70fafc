// `airlock audit verify <file>`: checks the hash chain of an audit log and names
// the first entry that no longer fits. Exit 0 intact (a torn last line is only
// noted), 1 tampered, 2 usage or read error.
import * as fs from 'node:fs';
import { parseHead, verifyAuditLog } from '../gate/audit';
import type { CliCommand, CliIo } from './types';

const USAGE = 'usage: airlock audit verify <file> [--head <file.head>] [--json]\n';

async function verify(args: string[], io: CliIo): Promise<number> {
  const json = args.includes('--json');
  const headIdx = args.indexOf('--head');
  const headPath = headIdx >= 0 ? args[headIdx + 1] : undefined;
  const positional = args.filter((a, i) => !a.startsWith('--') && (headIdx < 0 || i !== headIdx + 1));
  const file = positional[0];
  if (!file || positional.length > 1 || (headIdx >= 0 && !headPath)) {
    io.stderr.write(USAGE);
    return 2;
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
    const [sub, ...rest] = args;
    if (sub === 'verify') return verify(rest, io);
    io.stderr.write(USAGE);
    return 2;
  },
};
