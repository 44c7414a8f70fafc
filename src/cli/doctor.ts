// `airlock doctor [--workspace DIR] [--json]`: which agents are guarded, watched, or not connected, and why.
import { existingDir, parseOptions, usageError, wantsHelp } from './options';
import type { CliCommand } from './types';

const USAGE = `Usage: airlock doctor [--workspace DIR] [--json]

Shows, per agent, whether it is guarded, watched only, or not connected, and why; whether an editor
answers for the workspace, whether the hook shim works, and whether lockdown is on.
  --workspace   an existing folder (default: the current directory)
  --json        the same report as JSON
`;

export const doctorCommand: CliCommand = {
  name: 'doctor',
  summary: 'show, per agent, whether it is guarded, watched only, or not connected, and why',
  async run(args, io) {
    if (wantsHelp(args)) {
      io.stdout.write(USAGE);
      return 0;
    }
    const opts = parseOptions(args, { values: ['--workspace'], flags: ['--json'] });
    if (typeof opts === 'string') return usageError(io, 'doctor', opts);
    if (opts.positional.length > 0) return usageError(io, 'doctor', `unexpected argument '${opts.positional[0]}'`);
    const ws = existingDir(opts.values.get('--workspace') ?? process.cwd());
    if ('error' in ws) return usageError(io, 'doctor', `--workspace ${ws.error}`);
    const { doctor } = await import('../agents/doctor.js');
    const report = await doctor(ws.dir);
    if (opts.flags.has('--json')) {
      io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      return 0;
    }
    const lines = [
      `workspace  ${report.workspace}`,
      `editor     ${report.gate.ok ? 'answering' : 'not answering'} (${report.gate.detail})`,
      `hook shim  ${report.shim.ok ? 'ok' : 'broken'} (${report.shim.detail})`,
      ...(report.lockdown ? ['lockdown   ON: every agent action is blocked'] : []),
      '',
      ...report.agents.map(
        (a) =>
          `${a.agent.padEnd(9)} ${a.state.padEnd(14)} ${a.why}` +
          (a.trust && a.state !== 'not-connected' ? `\n${' '.repeat(24)}warning: ${a.trust.problem}. Fix: ${a.trust.fix}` : '') +
          (a.note ? `\n${' '.repeat(24)}note: ${a.note}` : ''),
      ),
    ];
    io.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  },
};
