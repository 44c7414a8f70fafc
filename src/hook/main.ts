// `airlock hook --agent <name>`: the program every agent runs before (and after) its tool calls.
// Order: read the payload (capped) -> parse it in the agent's dialect -> lockdown flag (block,
// no socket needed) -> ask the editor window that owns the cwd -> with no answer, decide
// locally from the built-in rules and the last policy the extension wrote (flagged: block,
// benign: allow). Anything unparseable or unknown is blocked with the reason on stderr.
// Kept lean on purpose: the classifier and the shell parser load only when needed.
import type { AgentAction, Verdict } from '../core/action';
import { dialectFor } from '../agents/index';
import type { Dialect, HookAnswer, HookCall, HookOutput } from '../agents/types';
import type { CliIo } from '../cli/types';
import { requestDecision, sendReport, type GateTarget } from '../gate/client';
import { isLockdownEngaged } from '../gate/lockdown';
import { checkPrivateDir, stateDir } from '../gate/state_dir';
import type { GateTrust } from '../gate/trust';
import type { OfflineJudgement } from './offline';
import type { OfflineRecord } from '../gate/offline_log';
import { readStdin } from './read_stdin';
import { loadOffline } from './offline_loader';

export type OfflineDecider = (actions: AgentAction[], root: string) => Promise<Verdict[]>;
export type OfflineJudge = (actions: AgentAction[], root: string) => Promise<OfflineJudgement>;

export interface HookOptions {
  agent: string;
  /** From the installed command line, for agents whose payload does not name the event. */
  event?: string;
}

export interface HookDeps {
  /** Per-user state dir; defaults to ~/.airlock. */
  root?: string;
  decideOffline?: OfflineDecider;
  /** Which registered editor windows to believe (default: the real check in gate/trust.ts). */
  trust?: GateTrust;
  /** Where decisions made without an editor go (default: the offline log in the state dir). */
  record?: (root: string, records: OfflineRecord[]) => Promise<void>;
  /** Where the hook process runs (the project root for most agents). */
  cwd?: string;
}

export const LOCKDOWN_MESSAGE = 'Lockdown is on: every agent action is blocked until a person releases it in the editor (Airlock: Release Lockdown).';
const REPORT_BUDGET_MS = 800;

/** Leave the agent enough time to read our answer: 10% of its timeout, at least 2 s. */
export function hookDeadline(d: Dialect, start: number): number {
  const margin = Math.max(2000, d.hookTimeoutMs / 10);
  return start + Math.max(500, d.hookTimeoutMs - margin);
}

async function defaultJudge(actions: AgentAction[], root: string): Promise<OfflineJudgement> {
  const { judgeOffline } = await loadOffline(root);
  return judgeOffline(actions, root);
}

async function defaultRecord(root: string, records: OfflineRecord[]): Promise<void> {
  (await loadOffline(root)).recordOffline(root, records);
}

function decisionRecords(actions: AgentAction[], answer: HookAnswer, verdicts: Verdict[]): OfflineRecord[] {
  const t = Date.now();
  return actions.map((a, i) => ({
    t,
    type: 'decision',
    agent: a.agent ?? 'unknown',
    event: a.event ?? '',
    action: a,
    decision: answer.decision === 'allow' ? 'allow' : 'deny',
    rules: verdicts[i]?.rules ?? answer.rules ?? [],
    reason: answer.decision === 'allow' ? (verdicts[i]?.reason ?? answer.reason) : answer.reason,
  }));
}

function judgeWith(deps: HookDeps): OfflineJudge {
  const decide = deps.decideOffline;
  if (!decide) return defaultJudge;
  return async (actions, root) => {
    const verdicts = await decide(actions, root);
    return { verdicts, floor: verdicts };
  };
}

/**
 * The hook's own rules are the floor under an editor's answer: a gate's "allow" for something they flag
 * stands only when a person approved it. Same-user code can imitate a gate; it cannot make that rule
 * go away, so at worst it gets what no editor at all would get.
 */
/**
 * Findings a person resolves in the editor ("Not a secret", "Move value to .env"): the editor knows, the hook
 * does not, so they are not part of the floor. A window that is not a real editor never gets this far.
 */
const RESOLVED_IN_EDITOR = new Set(['secrets.read-credential-content', 'secrets.open-credential-content']);

function belowFloor(floor: Verdict[]): HookAnswer | undefined {
  const flagged = floor.filter((v) => v.decision !== 'allow' && (v.rules.length === 0 || v.rules.some((r) => !RESOLVED_IN_EDITOR.has(r))));
  if (flagged.length === 0) return undefined;
  const worst = flagged.find((v) => v.decision === 'deny') ?? flagged[0]!;
  return {
    decision: 'deny',
    reason: `${worst.reason} The editor allowed it without a person's approval, which Airlock does not accept for a flagged action. Confirm it in the editor.`,
    rules: [...new Set(flagged.flatMap((v) => v.rules))],
  };
}

function write(io: CliIo, out: HookOutput): number {
  if (out.stdout) io.stdout.write(out.stdout);
  if (out.stderr) io.stderr.write(out.stderr);
  return out.exitCode;
}

function withContext(call: HookCall, fallbackCwd: string): AgentAction[] {
  const cwd = call.cwd ?? call.workspaceRoots[0] ?? fallbackCwd;
  return call.actions.map((a) => ({ ...a, agent: call.agent, event: call.event, cwd: a.cwd ?? cwd, workspaceRoots: call.workspaceRoots.length ? call.workspaceRoots : [cwd] }));
}

function offlineAnswer(verdicts: Verdict[]): HookAnswer {
  const flagged = verdicts.filter((v) => v.decision !== 'allow');
  if (flagged.length === 0) return { decision: 'allow', reason: verdicts[0]?.reason ?? 'No rule matched.', rules: [] };
  const rules = [...new Set(flagged.flatMap((v) => v.rules))];
  const worst = flagged.find((v) => v.decision === 'deny') ?? flagged[0]!;
  const why = worst.decision === 'deny' ? 'Blocked by policy' : 'This needs a person to confirm it, and no Airlock editor window is open for this workspace';
  return { decision: 'deny', reason: `${worst.reason} ${why}. Open this workspace in the editor to approve it.`, rules };
}

export async function runHook(opts: HookOptions, io: CliIo, deps: HookDeps = {}): Promise<number> {
  const start = Date.now();
  const dialect = dialectFor(opts.agent);
  if (!dialect) {
    io.stderr.write(`Airlock blocked this: unknown agent '${String(opts.agent).slice(0, 40)}' (expected cursor, claude, copilot, codex, gemini, windsurf or cline).\n`);
    return 2;
  }
  try {
    const input = await readStdin(io.stdin);
    if (!input.ok) return write(io, dialect.renderRefusal(input.error));
    let payload: unknown;
    try {
      payload = JSON.parse(input.text);
    } catch {
      return write(io, dialect.renderRefusal(input.text.trim() ? 'the hook payload is not valid JSON' : 'the hook payload is empty'));
    }
    const parsed = dialect.parse(payload, opts.event);
    if (!parsed.ok) return write(io, dialect.renderRefusal(parsed.error));
    const call = parsed.call;
    const root = deps.root ?? stateDir();
    const processCwd = deps.cwd ?? process.cwd();
    const actions = withContext(call, processCwd);
    const ignored: string[] = [];
    const target: GateTarget = {
      root,
      cwd: actions[0]?.cwd ?? call.cwd ?? processCwd,
      deadline: hookDeadline(dialect, start),
      ...(deps.trust ? { trust: deps.trust } : {}),
      onIgnored: (_entry, why) => ignored.push(why),
    };
    // A state dir someone else controls cannot be trusted for sockets or policy: decide alone.
    let trusted = true;
    try {
      checkPrivateDir(root);
    } catch {
      trusted = false;
    }

    if (isLockdownEngaged(root)) {
      const answer: HookAnswer = { decision: 'deny', reason: LOCKDOWN_MESSAGE, rules: ['airlock.lockdown'], lockdown: true };
      if (trusted && actions.length) {
        const told = await sendReport({ ...target, deadline: Date.now() + REPORT_BUDGET_MS }, call.agent, call.event, actions, {
          phase: call.phase === 'post' ? 'post' : 'pre',
          outcome: 'blocked',
          decidedBy: 'lockdown',
          reason: LOCKDOWN_MESSAGE,
        }).catch(() => false);
        // No editor heard it: on record for the next one that starts.
        if (!told && call.phase === 'pre') await (deps.record ?? defaultRecord)(root, decisionRecords(actions, answer, [])).catch(() => undefined);
      }
      return write(io, dialect.render(call, answer));
    }

    if (call.phase === 'post' || call.phase === 'stop') {
      if (trusted && actions.length) {
        const fields = { phase: 'post' as const, ...(call.exitCode !== undefined ? { exitCode: call.exitCode } : {}), ...(call.durationMs !== undefined ? { durationMs: call.durationMs } : {}) };
        await sendReport({ ...target, deadline: Date.now() + REPORT_BUDGET_MS }, call.agent, call.event, actions, fields).catch(() => false);
      }
      return write(io, dialect.render(call, { decision: 'allow', reason: 'Reported.' }));
    }

    if (actions.length === 0) return write(io, dialect.render(call, { decision: 'allow', reason: 'Nothing to decide.' }));

    const asking = trusted ? requestDecision(target, call.agent, call.event, actions).catch(() => undefined) : Promise.resolve(undefined);
    // Judged while the gate thinks: every answer needs it, the offline one and the floor under the gate's.
    const judged = judgeWith(deps)(actions, trusted ? root : '');
    judged.catch(() => undefined);
    const fromGate = await asking;
    // Recorded for the editor to import on its next start (only in a state dir that passed the checks).
    const record = async (answer: HookAnswer, verdicts: Verdict[], withDecisions: boolean): Promise<void> => {
      if (!trusted) return;
      const t = Date.now();
      const records: OfflineRecord[] = ignored.map((why) => ({ t, type: 'ignored-gate', agent: call.agent, event: call.event, reason: `Ignored a registered Airlock window that is not a real editor: ${why}` }));
      if (withDecisions) records.push(...decisionRecords(actions, answer, verdicts));
      if (records.length) await (deps.record ?? defaultRecord)(root, records).catch(() => undefined);
    };
    if (fromGate) {
      const person = fromGate.decision === 'allow' && fromGate.decidedBy === 'person';
      if (fromGate.decision === 'allow' && !person) {
        const { floor: floorVerdicts } = await judged;
        const floor = belowFloor(floorVerdicts);
        // The editor logged its own "allowed": the hook's overruling must be on record too.
        if (floor) {
          await record(floor, floorVerdicts, true);
          return write(io, dialect.render(call, floor));
        }
      }
      await record({ decision: 'allow', reason: '' }, [], false);
      return write(
        io,
        dialect.render(call, {
          decision: fromGate.decision,
          reason: fromGate.reason,
          rules: fromGate.rules,
          lockdown: fromGate.decidedBy === 'lockdown',
          approvedByPerson: person,
        }),
      );
    }
    const { verdicts } = await judged;
    const answer = offlineAnswer(verdicts);
    await record(answer, verdicts, true);
    return write(io, dialect.render(call, answer));
  } catch (err) {
    // In doubt, blocked and explained; never a stack trace.
    return write(io, dialect.renderRefusal(`internal error (${err instanceof Error ? err.message : String(err)})`));
  }
}
