// Helpers the extension's own integration tests reach through the extension's
// exports. Display-only: they add synthetic "observed" rows and read state; none
// can answer a request, release lockdown or change a decision.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { ActivityHub } from './activity/hub';
import type { ActivityView } from './activity/activityView';
import type { KillSwitch } from './lockdown/killSwitch';
import type { ModalApprovals } from './approvals/modalApprovals';
import type { StatusShield } from './status/statusBar';
import type { GateEvent } from '../gate/contract';
import type { Rendered } from './activity/activityView';
import type { AuditLog } from '../gate/audit';

export interface DriftReport {
  /** Longest time the extension host's event loop was blocked by work in this process, ms. */
  maxBlockMs: number;
  /** Longest raw timer lateness (includes time the machine did not schedule this process), ms. */
  maxGapMs: number;
  samples: number;
}

export interface AirlockTestApi {
  /** Add n synthetic observed events (not written to the audit log), spread over ticks like real traffic. */
  injectEvents(n: number, opts?: { agent?: string; prefix?: string; chunk?: number }): Promise<string[]>;
  /** Start measuring event-loop blocking; the returned function stops and reports. */
  startDriftProbe(intervalMs?: number): () => DriftReport;
  /** What the activity webview last reported rendering. */
  rendered(): Rendered | undefined;
  onRendered(listener: (r: Rendered) => void): { dispose(): void };
  /** Ask the webview to apply a filter. */
  setFilter(filter: { agent?: string; decision?: string; text?: string }): void;
  state(): { lockdown: boolean; waiting: number; status: string; rows: number; blanked: string[] };
  /** Re-read the environment and re-apply credential blanking (it can only blank more). */
  refreshEnvBlanking(): string[];
  /** The row the sidebar holds for an action whose full text contains `text`, newest first. */
  findRow(text: string): { id: string; time: number; badge: string; full: string; rules: string[] } | undefined;
  /** Where this window's audit log is, after everything queued is written. */
  auditFile(): Promise<string>;
  /** How many files under `dir` the mass-deletion watcher knows of. */
  knownFilesUnder(dir: string): number;
}

export interface TestApiDeps {
  hub: ActivityHub;
  view: ActivityView;
  killSwitch: KillSwitch;
  approvals: ModalApprovals;
  status: StatusShield;
  blanked(): string[];
  reblank(): string[];
  audit: AuditLog;
  knownFilesUnder(dir: string): number;
}

const KINDS = ['rm -rf build', 'git push --force origin main', 'cat .env', 'terraform destroy -auto-approve', 'ls -la', 'npm test'];

export function testApi(d: TestApiDeps): AirlockTestApi {
  return {
    async injectEvents(n, opts = {}) {
      const ids: string[] = [];
      const chunk = opts.chunk ?? 100;
      const prefix = opts.prefix ?? 'synthetic';
      for (let i = 0; i < n; i++) {
        const id = randomUUID();
        ids.push(id);
        const e: GateEvent = {
          id,
          time: Date.now(),
          agent: (opts.agent ?? (i % 3 === 0 ? 'claude' : i % 3 === 1 ? 'cursor' : 'copilot')) as GateEvent['agent'],
          phase: 'observed',
          action: { kind: 'shell', command: `${KINDS[i % KINDS.length]} # ${prefix}-${i}`, cwd: '/tmp/synthetic', tool: 'airlock-test' },
          verdict: { decision: i % 5 === 0 ? 'ask' : 'allow', rules: i % 5 === 0 ? ['test.synthetic'] : [], reason: 'Synthetic test event.', severity: i % 5 === 0 ? 'high' : 'none', environment: 'unknown' },
          outcome: 'observed',
          decidedBy: 'none',
        };
        d.hub.show(e);
        if ((i + 1) % chunk === 0) await new Promise((r) => setImmediate(r));
      }
      return ids;
    },
    startDriftProbe(intervalMs = 5) {
      // A timer that fires late means the loop was busy, or the whole process was not
      // scheduled (the machine is loaded). To tell them apart, each gap is also measured
      // as event-loop active time and as CPU time this process used: a real block by our
      // code shows up in all three; a loaded machine only in the wall-clock gap.
      let lastWall = performance.now();
      let lastElu = performance.eventLoopUtilization();
      let lastCpu = process.cpuUsage();
      let maxGap = 0;
      let maxBlock = 0;
      let samples = 0;
      const timer = setInterval(() => {
        const now = performance.now();
        const elu = performance.eventLoopUtilization();
        const cpu = process.cpuUsage();
        const gap = now - lastWall - intervalMs;
        const active = performance.eventLoopUtilization(elu, lastElu).active;
        const cpuMs = (cpu.user - lastCpu.user + cpu.system - lastCpu.system) / 1000;
        maxGap = Math.max(maxGap, gap);
        maxBlock = Math.max(maxBlock, Math.min(gap, active, cpuMs));
        lastWall = now;
        lastElu = elu;
        lastCpu = cpu;
        samples++;
      }, intervalMs);
      const round = (n: number) => Math.max(0, Math.round(n * 10) / 10);
      return () => {
        clearInterval(timer);
        return { maxBlockMs: round(maxBlock), maxGapMs: round(maxGap), samples };
      };
    },
    rendered: () => d.view.lastRendered,
    onRendered: (l) => d.view.onRendered(l),
    refreshEnvBlanking: () => d.reblank(),
    findRow: (text) => {
      const rows = d.hub.rows();
      for (let i = rows.length - 1; i >= 0; i--) {
        const r = rows[i];
        if (r && r.full.includes(text)) return { id: r.id, time: r.time, badge: r.badge, full: r.full, rules: r.rules };
      }
      return undefined;
    },
    auditFile: async () => {
      await d.audit.flush();
      return d.audit.file;
    },
    knownFilesUnder: (dir) => d.knownFilesUnder(dir),
    setFilter: (filter) => d.view.post({ type: 'setFilter', filter: filter as never }),
    state: () => ({
      lockdown: d.killSwitch.isEngaged,
      waiting: d.approvals.waiting().length,
      status: d.status.text,
      rows: d.hub.rows().length,
      blanked: d.blanked(),
    }),
  };
}
