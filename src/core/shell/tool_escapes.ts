// Tools that run a command they are given as an option or a word, besides their own work: `rsync -e CMD`,
// `tar --checkpoint-action=exec=CMD` / `--to-command` / `-I CMD`, `zip -TT CMD`, GNU sed's `e` command,
// `entr -s`, `nodemon --exec`, `concurrently 'cmd' 'npm:x'`, `npm-run-all x y`, and remote runners that name
// their hosts their own way (`pdsh -w`, `fab -H … --`, `multipass exec VM --`, `fly machine exec`, `eb ssh
// --command`). Each is judged as the wrapper itself plus what it runs.
import { rest, type Step, type Wrapper } from './steps';
import type { Extracted } from './state';

function valueOf(args: readonly string[], names: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    for (const n of names) {
      if (a === n && args[i + 1] !== undefined) out.push(args[i + 1]!);
      else if (n.startsWith('--') && a.startsWith(`${n}=`)) out.push(a.slice(n.length + 1));
      else if (!n.startsWith('--') && n.length === 2 && a.startsWith(n) && a.length > 2) out.push(a.slice(2));
    }
  }
  return out;
}

const scripts = (values: string[], label: string): Step[] => values.filter((v) => v.trim() !== '').slice(0, 8).map((script) => ({ script, label }));

/** `rsync -e 'ssh -p 2222'`: the "remote shell" is a program run here, with the host and rsync's words after it. */
const rsync: Wrapper = (cmd) => [{ self: true }, ...scripts(valueOf(cmd.args, ['-e', '--rsh', '--rsync-path']).slice(0, 1), 'rsync -e')];

/** GNU tar runs commands for checkpoints, for each extracted file, and as its compressor. */
const tar: Wrapper = (cmd) => {
  const out: Step[] = [{ self: true }];
  for (const v of valueOf(cmd.args, ['--checkpoint-action'])) {
    const m = /^(?:exec|run)=(.*)$/s.exec(v);
    if (m) out.push({ script: m[1]!, label: 'tar --checkpoint-action=exec' });
  }
  out.push(...scripts(valueOf(cmd.args, ['--to-command', '--use-compress-program', '--info-script', '--new-volume-script', '--rsh-command', '-I', '-F']), 'tar runs a command'));
  return out;
};

/** `zip -TT CMD` tests the archive with CMD; `--unzip-command` the same. */
const zip: Wrapper = (cmd) => [{ self: true }, ...scripts(valueOf(cmd.args, ['-TT', '--unzip-command']), 'zip -TT')];

/** GNU sed's `e COMMAND` runs COMMAND; the `e` flag of `s///e` runs the pattern space, which nobody can see in advance. */
const sed: Wrapper = (cmd) => {
  const exprs = [...valueOf(cmd.args, ['-e', '--expression'])];
  if (exprs.length === 0) {
    const first = cmd.args.find((a) => !a.startsWith('-'));
    if (first !== undefined) exprs.push(first);
  }
  const out: Step[] = [{ self: true }];
  for (const e of exprs) {
    for (const m of e.matchAll(/(?:^|[;\n{])\s*(?:\d+|\$|\/(?:[^/\\]|\\.)*\/)?(?:,\s*(?:\d+|\$|\/(?:[^/\\]|\\.)*\/))?\s*!?\s*e\s+([^;\n}]+)/g)) out.push({ script: m[1]!, label: 'sed e' });
    if (/(?:^|[;\n{])\s*(?:\d+|\$|\/(?:[^/\\]|\\.)*\/)?(?:,\s*(?:\d+|\$|\/(?:[^/\\]|\\.)*\/))?\s*s([^\w\s\\])(?:(?!\1)[^\\]|\\.)*\1(?:(?!\1)[^\\]|\\.)*\1[gpiImMw0-9]*e[gpiImM0-9]*\s*(?:$|[;}\n])/.test(e)) out.push({ unknown: 'sed s///e runs each line it rewrites as a shell command' });
  }
  return out;
};

/** `entr -s 'cmd'` runs its argument through a shell; `entr cmd args` runs it directly. */
const entr: Wrapper = (cmd) => {
  let i = 0;
  let shell = false;
  while (i < cmd.args.length && cmd.args[i]!.startsWith('-')) {
    if (/s/.test(cmd.args[i]!)) shell = true;
    i++;
  }
  if (i >= cmd.args.length) return [{ self: true }];
  return shell ? [{ self: true }, { script: cmd.args[i]!, label: 'entr -s' }] : [{ self: true }, { exec: rest(cmd, i), label: 'entr' }];
};

/** `nodemon --exec 'cmd'`: the command is run on every change. */
const nodemon: Wrapper = (cmd) => [{ self: true }, ...scripts(valueOf(cmd.args, ['--exec', '-x']), 'nodemon --exec')];

/** `concurrently 'cmd' 'npm:x'`: every word is a command; `npm:x` is a package script. */
const concurrently: Wrapper = (cmd) => {
  const out: Step[] = [{ self: true }];
  const valued = new Set(['-n', '--names', '-c', '--prefix-colors', '-p', '--prefix', '-k', '--kill-others-on-fail', '--max-processes', '-m', '--success', '-s', '--restart-tries', '--restart-after', '--default-input-target', '--timestamp-format', '-t', '--handle-input', '-P', '--passthrough-arguments']);
  for (let i = 0; i < cmd.args.length && out.length < 12; i++) {
    const a = cmd.args[i]!;
    if (a.startsWith('-')) {
      if (valued.has(a)) i++;
      continue;
    }
    const npm = /^(npm|yarn|pnpm|bun):(.+)$/.exec(a);
    out.push({ script: npm ? `${npm[1]} run ${npm[2]}` : a, label: 'concurrently' });
  }
  return out;
};

/** `npm-run-all clean build`, `run-s a b`, `run-p a b`: each word is a package script name. */
const npmRunAll: Wrapper = (cmd) => {
  const out: Step[] = [{ self: true }];
  for (const a of cmd.args) if (!a.startsWith('-') && out.length < 12) out.push({ script: `npm run ${a}`, label: cmd.name ?? 'npm-run-all' });
  return out;
};

/** The words after the first `--`, run on the remote side. */
function afterDashes(cmd: Extracted, label: string): Step[] {
  const d = cmd.args.indexOf('--');
  return d >= 0 && d + 1 < cmd.args.length ? [{ self: true }, { script: cmd.args.slice(d + 1).join(' '), label }] : [{ self: true }];
}

/** `pdsh -w hosts 'cmd'`: the words after the options run on every host. */
const pdsh: Wrapper = (cmd) => {
  const valued = new Set(['-w', '-x', '-g', '-X', '-l', '-R', '-f', '-t', '-u', '-N']);
  let i = 0;
  while (i < cmd.args.length && cmd.args[i]!.startsWith('-')) i += valued.has(cmd.args[i]!) ? 2 : 1;
  return i < cmd.args.length ? [{ self: true }, { script: cmd.args.slice(i).join(' '), label: 'pdsh' }] : [{ self: true }];
};

/** `cpulimit -l 50 -- cmd`, `cpulimit -l 50 cmd`: the command runs under the limit (with -p/-e it watches a process). */
const cpulimit: Wrapper = (cmd) => {
  const a = cmd.args;
  if (a.some((x) => /^-(?:p|e|P)$|^--(?:pid|exe|path)/.test(x))) return [{ self: true }];
  const dd = a.indexOf('--');
  let i = dd >= 0 ? dd + 1 : 0;
  if (dd < 0) while (i < a.length && a[i]!.startsWith('-')) i += /^-(?:l|c)$|^--(?:limit|cpu)$/.test(a[i]!) ? 2 : 1;
  return i < a.length ? [{ self: true }, { exec: rest(cmd, i), label: 'cpulimit' }] : [{ self: true }];
};

/** `ssh-agent cmd args…` runs the command with an agent; `man -P 'cmd' page` runs the pager command. */
const sshAgent: Wrapper = (cmd) => {
  let i = 0;
  while (i < cmd.args.length && cmd.args[i]!.startsWith('-')) i += /^-[aEPt]$/.test(cmd.args[i]!) ? 2 : 1;
  return i < cmd.args.length ? [{ self: true }, { exec: rest(cmd, i), label: 'ssh-agent' }] : [{ self: true }];
};

/** `deno run -A npm:rimraf data`, `bunx`-style `npm:` specifiers: the package's binary runs with the rest. */
const deno: Wrapper = (cmd) => {
  if (cmd.args[0] !== 'run' && cmd.args[0] !== 'x') return [{ self: true }];
  const i = cmd.args.findIndex((a, k) => k > 0 && /^(?:npm|jsr):/.test(a));
  if (i < 0) return [{ self: true }];
  const pkg = cmd.args[i]!.replace(/^(?:npm|jsr):(?:@[^/]+\/)?/, '').replace(/@[^/]*$/, '');
  return [{ self: true }, { exec: { args: [pkg, ...cmd.args.slice(i + 1)], dyn: [false, ...cmd.argDynamic.slice(i + 1)] }, label: `deno ${cmd.args[0]} npm:` }];
};

export const TOOL_ESCAPES: Record<string, Wrapper> = {
  deno,
  cpulimit,
  'ssh-agent': sshAgent,
  tsp: (cmd) => (cmd.args.length > 0 && !cmd.args[0]!.startsWith('-') ? [{ self: true }, { exec: rest(cmd, 0), label: 'tsp' }] : [{ self: true }]),
  man: (cmd) => [{ self: true }, ...scripts(valueOf(cmd.args, ['-P', '--pager', '-H', '--html']), 'man -P')],
  rsync,
  tar,
  gtar: tar,
  zip,
  sed,
  gsed: sed,
  entr,
  nodemon,
  concurrently,
  'npm-run-all': npmRunAll,
  'run-s': npmRunAll,
  'run-p': npmRunAll,
  pdsh,
  fab: (cmd) => afterDashes(cmd, 'fab'),
  multipass: (cmd) => (cmd.args[0] === 'exec' ? afterDashes(cmd, 'multipass exec') : [{ self: true }]),
  eb: (cmd) => (cmd.args[0] === 'ssh' ? [{ self: true }, ...scripts(valueOf(cmd.args, ['--command', '-c']), 'eb ssh')] : [{ self: true }]),
};

/** `fly machine exec ID 'cmd'` (fly's ssh console is cloudSshWrapper's). */
export function flyMachineExec(cmd: Extracted): Step[] | undefined {
  const a = cmd.args;
  if (a[0] !== 'machine' && a[0] !== 'machines' && a[0] !== 'm') return undefined;
  if (a[1] !== 'exec') return undefined;
  const words = a.slice(2).filter((x, i, all) => !x.startsWith('-') && !['-a', '--app', '--timeout', '--region', '-r'].includes(all[i - 1] ?? ''));
  return words.length >= 2 ? [{ self: true }, { script: words.slice(1).join(' '), label: `${cmd.name} machine exec` }] : [{ self: true }];
}
