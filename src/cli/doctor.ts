// `airlock doctor [--workspace DIR] [--json]`: which agents are guarded, watched, or not connected, and why.
import * as path from 'node:path';
import { flag } from './install';
import type { CliCommand } from './types';

export const doctorCommand: CliCommand = {
  name: 'doctor',
  summary: 'show, per agent, whether it is guarded, watched only, or not connected, and why',
  async run(args, io) {
    const { doctor } = await import('../agents/doctor.js');
    const workspace = path.resolve(flag(args, '--workspace') ?? process.cwd());
    const report = await doctor(workspace);
    if (args.includes('--json')) {
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
