// Project and environment runners that run the command after their own words: `poetry run rm -rf src`,
// `doppler run -- git reset --hard`, `bundle exec rake db:drop`, `nix develop -c …`, `conda run -n env …`,
// `watchexec -- …`, `sshpass -p x ssh host …`, `vagrant ssh -c '…'`, `lxc exec box -- …`, `kubectl run … -- …`.
// The command they run is judged like any other (the runner itself is judged too).
import type { Extracted } from './state';
import { skipOptions } from './options';
import { execFrom, type Step, type Wrapper } from './steps';

/**
 * `NAME SUB [options] [--] CMD…`: with `sub` the runner only runs something after that word (`poetry run`);
 * `short`/`long` are its options that take a value.
 */
function runAfter(sub: readonly string[] | undefined, short: string, long: string[] = [], operands = 0): Wrapper {
  return (cmd: Extracted): Step[] => {
    let from = 0;
    if (sub !== undefined) {
      // Global options may come before the verb (`doppler --project x run -- …`).
      const { index } = skipOptions(cmd.args, { short, long });
      if (!sub.includes(cmd.args[index] ?? '')) return [{ self: true }];
      from = index + 1;
    }
    const rest = cmd.args.slice(from);
    const dd = rest.indexOf('--');
    if (dd >= 0) return [{ self: true }, ...execFrom(cmd, from + dd + 1, `${cmd.name} ${sub?.[0] ?? ''}`.trim())];
    const { index } = skipOptions(rest, { short, long });
    return [{ self: true }, ...execFrom(cmd, from + index + operands, `${cmd.name} ${sub?.[0] ?? ''}`.trim())];
  };
}

/** `uv run job.py`, `pdm run job.py`: a Python file is run with the project's interpreter. */
function pythonFiles(w: Wrapper): Wrapper {
  return (cmd) =>
    w(cmd).map((st) => {
      if (!('exec' in st)) return st;
      const first = st.exec.args[0] ?? '';
      return /\.pyw?$/.test(first) && !st.exec.dyn[0] ? { ...st, exec: { args: ['python3', ...st.exec.args], dyn: [false, ...st.exec.dyn] } } : st;
    });
}

/** `RUNNER … -c 'script'` (or `--run`, `--command`): the value is shell code. */
function scriptAfter(flags: readonly string[], label: string, fallback?: Wrapper): Wrapper {
  return (cmd) => {
    for (let i = 0; i < cmd.args.length; i++) {
      const a = cmd.args[i]!;
      const eq = flags.find((f) => f.startsWith('--') && a.startsWith(`${f}=`));
      if (eq) return [{ self: true }, { script: a.slice(eq.length + 1), label }];
      if (flags.includes(a) && i + 1 < cmd.args.length) {
        // `nix develop -c CMD ARGS…` takes argv, `nix-shell --run 'script'` one string: both read as a script.
        return [{ self: true }, { script: cmd.args.slice(i + 1).join(' '), label }];
      }
    }
    return fallback ? fallback(cmd) : [{ self: true }];
  };
}

/** `salt '*' cmd.run 'rm -rf /srv'`: the minions run the script. */
const salt: Wrapper = (cmd) => {
  const i = cmd.args.findIndex((a) => /^cmd\.(?:run|shell|run_all|run_stdout|exec_code)$/.test(a));
  return i >= 0 && cmd.args[i + 1] !== undefined ? [{ self: true }, { script: cmd.args[i + 1]!, label: 'salt cmd.run' }] : [{ self: true }];
};

/** `pssh -h hosts -i 'cmd'`: every host runs the command line. */
const pssh: Wrapper = (cmd) => {
  const { index } = skipOptions(cmd.args, { short: 'hHlpoetOxX', long: ['--hosts', '--host', '--user', '--par', '--outdir', '--errdir', '--timeout', '--option', '--extra-args', '--extra-arg'] });
  return index < cmd.args.length ? [{ self: true }, { script: cmd.args.slice(index).join(' '), label: 'pssh' }] : [{ self: true }];
};

/**
 * `ansible all -m shell -a 'rm -rf /srv/app'` runs the module's argument; `-m file -a 'path=/srv/app
 * state=absent'` deletes the path on every host.
 */
const ansible: Wrapper = (cmd) => {
  const a = cmd.args;
  // No -m: ansible's default module is `command`
  const mi = a.findIndex((x) => x === '-m' || x === '--module-name');
  const mod = mi >= 0 ? a[mi + 1] : a.find((x) => x.startsWith('--module-name='))?.slice(14);
  const arg = a[a.findIndex((x) => x === '-a' || x === '--args') + 1] ?? a.find((x) => x.startsWith('--args='))?.slice(7);
  if (arg === undefined || !a.some((x) => x === '-a' || x === '--args' || x.startsWith('--args='))) return [{ self: true }];
  if (mod === undefined || /^(?:ansible\.builtin\.)?(?:shell|command|raw)$/.test(mod)) return [{ self: true }, { script: arg, label: 'ansible -m shell' }];
  if (/^(?:ansible\.builtin\.)?file$/.test(mod) && /\bstate=absent\b/.test(arg)) {
    const path = /\b(?:path|dest|name)=(\S+)/.exec(arg)?.[1];
    if (path !== undefined) return [{ self: true }, { exec: { args: ['rm', '-rf', path], dyn: [false, false, false] }, label: 'ansible -m file state=absent' }];
  }
  // `-m community.postgresql.postgresql_db -a 'name=shop state=absent'` drops the database on every host;
  // `-m user -a 'name=deploy state=absent'` deletes the account (with `remove=yes`, its home too)
  const db = /^(?:community\.(?:mysql|postgresql)\.)?(mysql_db|postgresql_db)$/.exec(mod);
  const name = /\b(?:name|db)=([^\s'"]+)/.exec(arg)?.[1];
  if (db && name !== undefined && /\bstate=absent\b/.test(arg)) {
    const client = db[1] === 'mysql_db' ? ['mysql', '-e'] : ['psql', '-c'];
    return [{ self: true }, { exec: { args: [...client, `DROP DATABASE ${name}`], dyn: [false, false, false] }, label: `ansible -m ${mod} state=absent` }];
  }
  if (/^(?:ansible\.builtin\.)?user$/.test(mod) && name !== undefined && /\bstate=absent\b/.test(arg)) {
    const args = /\bremove=(?:yes|true)\b/.test(arg) ? ['userdel', '-r', name] : ['userdel', name];
    return [{ self: true }, { exec: { args, dyn: args.map(() => false) }, label: 'ansible -m user state=absent' }];
  }
  return [{ self: true }];
};

/** `aws ssm send-command … --parameters 'commands=["…"]'`, `aws ecs execute-command --command "…"`: run on the instances. */
const awsRemote: Wrapper = (cmd) => {
  const a = cmd.args;
  const ops = a.filter((x) => !x.startsWith('-'));
  if (ops[0] === 'ecs' && ops[1] === 'execute-command') {
    const c = a[a.indexOf('--command') + 1] ?? a.find((x) => x.startsWith('--command='))?.slice(10);
    return c !== undefined && a.some((x) => x === '--command' || x.startsWith('--command=')) ? [{ self: true }, { script: c, label: 'aws ecs execute-command' }] : [{ self: true }];
  }
  if (ops[0] === 'ssm' && ops[1] === 'send-command') {
    const p = a[a.indexOf('--parameters') + 1] ?? a.find((x) => x.startsWith('--parameters='))?.slice(13) ?? '';
    const lines = [...p.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]!).filter((x) => x !== 'commands');
    const bare = /commands=\[?([^\]"]+)\]?/.exec(p)?.[1];
    const script = lines.length > 0 ? lines.join('\n') : bare;
    return script !== undefined ? [{ self: true }, { script, label: 'aws ssm send-command' }] : [{ self: true }];
  }
  return [{ self: true }];
};

/**
 * `az vm run-command invoke … --scripts 'X' ['Y' …]` (also `vmss`, `create --script`), `az aks command invoke
 * --command 'kubectl …'`: the scripts run on the VMs or against the cluster.
 */
export const azRemote: Wrapper = (cmd) => {
  const a = cmd.args;
  const ops = a.filter((x) => !x.startsWith('-'));
  const lines: string[] = [];
  if ((ops[0] === 'vm' || ops[0] === 'vmss') && ops[1] === 'run-command') {
    for (let i = 0; i < a.length; i++) {
      if (a[i] === '--scripts' || a[i] === '--script') for (let k = i + 1; k < a.length && !a[k]!.startsWith('--'); k++) lines.push(a[k]!);
      else if (a[i]!.startsWith('--scripts=') || a[i]!.startsWith('--script=')) lines.push(a[i]!.slice(a[i]!.indexOf('=') + 1));
    }
  } else if (ops[0] === 'aks' && ops[1] === 'command' && ops[2] === 'invoke') {
    const c = a[a.findIndex((x) => x === '--command' || x === '-c') + 1] ?? a.find((x) => x.startsWith('--command='))?.slice(10);
    if (c !== undefined && a.some((x) => x === '--command' || x === '-c' || x.startsWith('--command='))) lines.push(c);
  }
  const script = lines.filter((l) => !l.startsWith('@')).join('\n');
  return script.length > 0 ? [{ self: true }, { script, label: `az ${ops.slice(0, 3).join(' ')}` }] : [{ self: true }];
};

export const RUNNER_WRAPPERS: Record<string, Wrapper> = {
  salt,
  'salt-ssh': salt,
  pssh,
  'parallel-ssh': pssh,
  ansible,
  aws: awsRemote,
  poetry: runAfter(['run'], 'C', ['--directory', '-C']),
  uv: pythonFiles(runAfter(['run'], 'p', ['--with', '--python', '--project', '--directory', '--env-file', '--package', '--extra', '--group'])),
  pipenv: runAfter(['run'], ''),
  pdm: pythonFiles(runAfter(['run'], 'p', ['--project'])),
  hatch: runAfter(['run'], 'e', ['--env']),
  rye: runAfter(['run'], ''),
  bundle: runAfter(['exec'], '', ['--gemfile']),
  be: runAfter(undefined, ''),
  doppler: runAfter(['run'], 'pc', ['--project', '--config', '--token', '--name-transformer', '--fallback', '--mount']),
  op: runAfter(['run'], '', ['--env-file', '--account']),
  infisical: runAfter(['run'], '', ['--env', '--path', '--projectId', '--token', '--domain']),
  railway: runAfter(['run'], 'se', ['--service', '--environment']),
  dotenvx: runAfter(['run'], 'f', ['--env-file', '--env', '--convention']),
  dotenv: runAfter(undefined, 'ecv', ['--path']),
  'dotenv-cli': runAfter(undefined, 'ecv'),
  'env-cmd': runAfter(undefined, 'fre', ['--file', '--rc-file', '--environments']),
  'cross-env': runAfter(undefined, ''),
  // `corepack pnpm run clean`, `corepack yarn@4 install`: corepack runs the package manager it names
  corepack: (cmd) => (/^(?:npm|npx|pnpm|pnpx|yarn)(?:@\S+)?$/.test(cmd.args[0] ?? '') ? [{ exec: { args: [cmd.args[0]!.replace(/@.*$/, ''), ...cmd.args.slice(1)], dyn: [false, ...cmd.argDynamic.slice(1)] }, label: 'corepack' }] : [{ self: true }]),
  'with-env': runAfter(undefined, ''),
  teller: runAfter(['run'], 'c', ['--config']),
  chamber: runAfter(['exec'], 'b', ['--backend']),
  mise: runAfter(['exec', 'x'], 'C', ['--cd', '--env', '--jobs']),
  asdf: runAfter(['exec'], ''),
  direnv: runAfter(['exec'], '', [], 1),
  conda: runAfter(['run'], 'np', ['--name', '--prefix', '--cwd']),
  mamba: runAfter(['run'], 'np', ['--name', '--prefix', '--cwd']),
  micromamba: runAfter(['run'], 'np', ['--name', '--prefix', '--cwd']),
  pixi: runAfter(['run', 'exec'], 'e', ['--environment', '--manifest-path']),
  foreman: runAfter(['run'], 'efd', ['--env', '--procfile', '--root']),
  honcho: runAfter(['run'], 'ef', ['--env', '--procfile', '--app-root']),
  forego: runAfter(['run'], 'ef'),
  watchexec: runAfter(undefined, 'wefd', ['--watch', '--exts', '--filter', '--ignore', '--debounce', '--signal', '--shell', '--restart-signal', '--project-origin', '--workdir']),
  nodemon: runAfter(undefined, 'wexd', ['--watch', '--ext', '--exec', '--delay', '--ignore', '--signal']),
  sshpass: runAfter(undefined, 'pfde'),
  nix: scriptAfter(['-c', '--command'], 'nix -c'),
  'nix-shell': scriptAfter(['--run', '--command'], 'nix-shell --run'),
  vagrant: (cmd) => (cmd.args[0] === 'ssh' ? scriptAfter(['-c', '--command'], 'vagrant ssh -c')(cmd) : [{ self: true }]),
  lxc: (cmd) => (cmd.args[0] === 'exec' ? runAfter(['exec'], '', ['--env', '--user', '--group', '--cwd', '--project'])(cmd) : [{ self: true }]),
  incus: (cmd) => (cmd.args[0] === 'exec' ? runAfter(['exec'], '', ['--env', '--user', '--group', '--cwd', '--project'])(cmd) : [{ self: true }]),
};
