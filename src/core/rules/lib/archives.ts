// How a command reads an archive's members out: `tar xzf a.tgz`, `tar -xzOf a.tgz` (to stdout), `unzip -o a.zip -d
// dir`, `unzip -p`, `zipgrep`, `zcat a.tgz`, `7z x`, `python3 -m zipfile -e`. One reader for the rules that ask what
// an extraction writes over (uncommitted.ts) and what members it exposes (tree_readers.ts).
import { isKnownArg, operands } from '../../shell/argv';
import type { SimpleCommand } from '../types';
import { optionValue, tarFileOption } from './words';

export interface ArchiveRead {
  archive: string;
  /** Members named on the command line; empty = every member. */
  members: string[];
  /** Where the members are written; undefined when they are printed (`tar -O`, `unzip -p`, `zipgrep`, `zcat`). */
  dest?: string;
  /** Leading path components dropped (`--strip-components`). */
  strip: number;
  /** Files already at the destination are kept (`tar -k`, `unzip -n`, 7z without `-y`/`-aoa`, which would ask). */
  keepsExisting: boolean;
}

const TAR_VALUED = ['-f', '--file', '-C', '--directory', '--exclude', '-T', '--files-from', '-X', '--exclude-from', '--strip-components'];

/** tar's one-letter options, from the old style first word (`czf`) and every dash cluster (`-xzf`, `-t`). */
export function tarLetters(args: readonly string[]): string {
  const first = args[0] ?? '';
  return `${!first.startsWith('-') && /^[A-Za-z]+$/.test(first) ? first : ''}${args.filter((x) => /^-[A-Za-z]+$/.test(x)).join('')}`;
}

function tarRead(cmd: SimpleCommand): ArchiveRead | undefined {
  const a = cmd.args;
  const first = a[0] ?? '';
  const oldStyle = !first.startsWith('-') && /^[A-Za-z]+$/.test(first);
  const letters = tarLetters(a);
  // creating or listing reads no member out
  if (letters.includes('c') || letters.includes('t') || a.includes('--list') || a.includes('--create')) return undefined;
  const extract = letters.includes('x') || a.includes('--extract') || a.includes('--get');
  const toStdout = letters.includes('O') || a.includes('--to-stdout');
  if (!extract && !toStdout) return undefined;
  // `gunzip -c a.tgz | tar -x`, `zcat a.tgz | tar xv`: the archive arrives on stdin from that file
  const piped = cmd.pipedFrom?.length === 1 && /^(?:gunzip|zcat|gzip|cat|pigz|unpigz)$/.test(cmd.pipedFrom[0]!.name ?? '') ? cmd.pipedFrom[0]!.args.filter((x) => !x.startsWith('-'))[0] : undefined;
  const archive = tarFileOption(a) ?? piped;
  if (archive === undefined) return undefined;
  const members = operands(oldStyle ? a.slice(1) : a, TAR_VALUED).map((o) => o.value).filter((v) => v !== archive);
  const keepsExisting = letters.includes('k') || a.some((x) => x === '--keep-old-files' || x === '--skip-old-files' || x === '--keep-newer-files');
  return { archive, members, ...(toStdout ? {} : { dest: optionValue(a, ['--directory'], ['-C']) ?? '.' }), strip: Number(optionValue(a, ['--strip-components']) ?? '0') || 0, keepsExisting };
}

export function archiveRead(cmd: SimpleCommand): ArchiveRead | undefined {
  const a = cmd.args;
  const n = cmd.name;
  if (n === 'tar' || n === 'gtar' || n === 'bsdtar') return tarRead(cmd);
  if (n === 'unzip' || n === 'zipgrep' || n === 'funzip') {
    // `unzip -l`, `-Z`, `-t`, `-v` list or test; `-p`/`-c` print; `-n` never overwrites
    if (n === 'unzip' && a.some((x) => /^-[A-Za-z]*[ltvZ]/.test(x))) return undefined;
    const ops = operands(a, ['-d', '-x', '-P']).filter((o) => isKnownArg(a, cmd.argDynamic, o.index) && o.value !== '').map((o) => o.value);
    const archive = n === 'zipgrep' ? ops[1] : ops[0];
    if (archive === undefined) return undefined;
    const prints = n !== 'unzip' || a.some((x) => /^-[A-Za-z]*[pc]/.test(x));
    return { archive, members: n === 'zipgrep' ? ops.slice(2) : ops.slice(1), ...(prints ? {} : { dest: optionValue(a, [], ['-d']) ?? '.' }), strip: 0, keepsExisting: a.some((x) => /^-[A-Za-z]*n/.test(x)) };
  }
  // `zcat a.tar.gz`, `gzip -dc a.tgz`: a tarball's members come out as they are, one after another
  if (n === 'zcat' || n === 'gzcat' || ((n === 'gzip' || n === 'gunzip' || n === 'pigz') && a.some((x) => x === '--stdout' || x === '--to-stdout' || /^-[A-Za-z]*c/.test(x)))) {
    const archive = operands(a).map((o) => o.value).find((v) => /\.(?:tar\.gz|tgz)$/i.test(v));
    return archive === undefined ? undefined : { archive, members: [], strip: 0, keepsExisting: false };
  }
  if ((n === '7z' || n === '7za' || n === '7zz') && (a[0] === 'x' || a[0] === 'e')) {
    const ops = a.slice(1).filter((x) => !x.startsWith('-'));
    const o = a.find((x) => x.startsWith('-o'));
    return ops[0] === undefined ? undefined : { archive: ops[0], members: ops.slice(1), dest: o !== undefined ? o.slice(2) : '.', strip: 0, keepsExisting: !a.some((x) => x === '-y' || x === '-aoa') };
  }
  if (/^python[\d.]*$/.test(n ?? '') && a[0] === '-m' && (a[1] === 'zipfile' || a[1] === 'tarfile') && (a[2] === '-e' || a[2] === '--extract')) {
    return a[3] === undefined ? undefined : { archive: a[3], members: [], dest: a[4] ?? '.', strip: 0, keepsExisting: false };
  }
  return undefined;
}
