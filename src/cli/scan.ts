// `airlock scan [DIR] --format jsonl|sarif|text`: find live credentials in a tree, for CI and
// pre-commit. Exit 0 clean, 1 findings, 2 error. Output is always redacted.
import fs from 'node:fs';
import path from 'node:path';
import { jsonlLine, textReport, toSarif } from '../scan/report';
import { createScanner, type Scanner, type ScanSummary } from '../scan/scanner';
import { usageError, wantsHelp } from './options';
import type { CliCommand, CliIo } from './types';

const FORMATS = ['text', 'jsonl', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

const USAGE = `Usage: airlock scan [DIR|FILE] [--format text|jsonl|sarif] [--include-silenced] [--no-gitignore]
                    [--max-file-size BYTES|NkB|NMB] [--workers N]

Finds credentials in DIR (default: the current directory), or in one FILE (scanned even when gitignored).
Exit 0: none found; 1: found; 2: error.
Findings are silenced with an "airlock:allow" comment on (or above) the line, or in .airlockignore.
`;

interface ScanArgs {
  dir: string;
  format: Format;
  includeSilenced: boolean;
  gitignore: boolean;
  maxFileBytes?: number;
  workers?: number;
}

function parseSize(s: string): number | undefined {
  const m = /^(\d+)\s*(b|kb|k|mb|m)?$/i.exec(s);
  if (!m) return undefined;
  const unit = (m[2] ?? 'b').toLowerCase();
  return Number(m[1]) * (unit.startsWith('m') ? 1024 * 1024 : unit.startsWith('k') ? 1024 : 1);
}

function parseArgs(args: string[]): ScanArgs | string {
  const out: ScanArgs = { dir: '.', format: 'text', includeSilenced: false, gitignore: true };
  let dirSet = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = (): string | undefined => inline ?? args[++i];
    if (flag === '--format' || flag === '-f') {
      const v = value();
      if (!FORMATS.includes(v as Format)) return `--format must be one of ${FORMATS.join(', ')}`;
      out.format = v as Format;
    } else if (flag === '--include-silenced') out.includeSilenced = true;
    else if (flag === '--no-gitignore') out.gitignore = false;
    else if (flag === '--max-file-size') {
      const n = parseSize(value() ?? '');
      if (n === undefined || n <= 0) return '--max-file-size needs a size like 1048576, 512kB or 2MB';
      out.maxFileBytes = n;
    } else if (flag === '--workers') {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1 || n > 64) return '--workers needs a whole number from 1 to 64';
      out.workers = n;
    } else if (a.startsWith('-')) return `unknown option '${a}'`;
    else if (dirSet) return `only one DIR can be scanned (got '${out.dir}' and '${a}')`;
    else {
      out.dir = a;
      dirSet = true;
    }
  }
  return out;
}

function write(io: CliIo, s: string): Promise<void> {
  return new Promise((resolve) => {
    if (io.stdout.write(s)) resolve();
    else io.stdout.once('drain', () => resolve());
  });
}

async function scanOne(scanner: Scanner, root: string, file: string): Promise<ScanSummary> {
  const started = performance.now();
  const r = await scanner.scanFile(file);
  const skipped = r.outcome === 'too-large' || r.outcome === 'unreadable';
  return {
    root,
    filesScanned: skipped ? 0 : 1,
    binaryFiles: r.outcome === 'binary' ? 1 : 0,
    bytesScanned: skipped ? 0 : r.bytes,
    findings: r.findings,
    skipped: skipped
      ? [{ file: r.file, reason: r.outcome as 'too-large' | 'unreadable', bytes: r.bytes, ...(r.message !== undefined ? { message: r.message } : {}) }]
      : [],
    durationMs: performance.now() - started,
    cancelled: false,
  };
}

export const scanCommand: CliCommand = {
  name: 'scan',
  summary: 'find credentials in a directory (text, jsonl or sarif); exit 1 when any are found',
  async run(args, io) {
    if (wantsHelp(args)) {
      io.stdout.write(USAGE);
      return 0;
    }
    const parsed = parseArgs(args);
    if (typeof parsed === 'string') {
      return usageError(io, 'scan', parsed);
    }
    let root = path.resolve(parsed.dir);
    // A single named file is scanned from its folder (so .airlockignore there still applies), on this thread.
    let single: string | undefined;
    try {
      const st = fs.statSync(root);
      if (st.isFile()) {
        single = path.basename(root);
        root = path.dirname(root);
      } else if (!st.isDirectory()) throw new Error('neither a directory nor a regular file');
      else fs.readdirSync(root);
    } catch (err) {
      const why = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
      io.stderr.write(`airlock scan: cannot read '${parsed.dir}' (${why})\n`);
      return 2;
    }
    const scanner = createScanner({
      root,
      gitignore: parsed.gitignore,
      ...(parsed.maxFileBytes !== undefined ? { maxFileBytes: parsed.maxFileBytes } : {}),
      ...(single !== undefined ? { workers: 0 } : parsed.workers !== undefined ? { workers: parsed.workers } : {}),
    });
    try {
      const summary = single !== undefined ? await scanOne(scanner, root, single) : await scanner.scanAll();
      const active = summary.findings.filter((f) => !f.silenced);
      const shown = parsed.includeSilenced ? summary.findings : active;
      if (parsed.format === 'jsonl') {
        await write(io, shown.map((f) => `${jsonlLine(f)}\n`).join(''));
        for (const s of summary.skipped) io.stderr.write(`airlock scan: skipped ${s.file} (${s.reason})\n`);
      } else if (parsed.format === 'sarif') {
        // SARIF carries silenced findings as suppressed results, which code-scanning tools understand.
        await write(io, `${JSON.stringify(toSarif(summary.findings, root), null, 2)}\n`);
      } else {
        await write(io, textReport(summary, parsed.includeSilenced));
      }
      return active.length > 0 ? 1 : 0;
    } finally {
      await scanner.dispose();
    }
  },
};
