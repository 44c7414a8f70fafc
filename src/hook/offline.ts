// The hook's own decision when no editor window answers: the real classifier, with the built-in
// defaults and the last policy the extension wrote. Loaded lazily by hook/main.ts, and the shell
// parser's wasm only when a command is not plain words (the analyzer's exact fast path needs no
// parser). The snapshot sits in a directory an agent (same user) could write, so it can only
// tighten: each verdict is the stricter of "defaults" and "defaults + snapshot".
import * as fs from 'node:fs';
import * as os from 'node:os';
import { severityRank, stricter, type AgentAction, type Verdict } from '../core/action';
import { classify, type ClassifyContext } from '../core/classify';
import type { Policy } from '../core/policy/schema';
import { isTrivial } from '../core/shell/fastpath';
import { isShellReady } from '../core/shell/parser';
import { redactText } from '../gate/audit';
import { appendOffline, minimalAction, type OfflineRecord } from '../gate/offline_log';
import { readPolicySnapshot } from '../gate/policy_file';
import { createHostFacts } from '../host/facts';
import { realPathOf } from '../host/real_path';
import { enableLinearRegex } from '../host/regex_engine';

// Before any policy compiles its patterns.
enableLinearRegex();

const MAX_BODY_FILE = 256 * 1024;

function needsParser(a: AgentAction): boolean {
  return (a.kind === 'shell' && !isTrivial(a.command)) || a.kind === 'mcp';
}

/** Structural check only: a malformed snapshot is ignored, never trusted. */
function asPolicy(p: unknown): Policy | undefined {
  if (!p || typeof p !== 'object') return undefined;
  const o = p as Record<string, unknown>;
  const decision = (v: unknown) => v === 'ask' || v === 'deny';
  const strings = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string');
  if (!decision(o.destructiveDecision) || !decision(o.secretAccessDecision)) return undefined;
  if (!strings(o.protectedPaths) || !strings(o.unprotectedPaths) || !strings(o.credentialEnvPatterns)) return undefined;
  if (!o.rules || typeof o.rules !== 'object' || !Array.isArray(o.customRules)) return undefined;
  return o as unknown as Policy;
}

function readSmallFile(p: string): string | undefined {
  try {
    if (fs.statSync(p).size > MAX_BODY_FILE) return undefined;
    return fs.readFileSync(p, 'utf8');
  } catch {
    return undefined;
  }
}

function stricterVerdict(a: Verdict, b: Verdict): Verdict {
  const d = stricter(a.decision, b.decision);
  if (d !== a.decision) return b;
  if (d !== b.decision) return a;
  return severityRank(b.severity) > severityRank(a.severity) ? b : a;
}

async function loadParser(): Promise<void> {
  // The hook lives for one decision: V8's background tier-up of the parser's wasm would keep the
  // process alive ~0.5-0.8 s after we answer. Baseline (Liftoff) code is plenty for one parse.
  // A parser that fails to load leaves the analyzer answering "too complex": flagged, so blocked.
  const { loadShellParser, preferQuickStartWasm } = await import('../host/shell_wasm.js');
  preferQuickStartWasm();
  await loadShellParser().catch(() => undefined);
}

export interface OfflineJudgement {
  /** With no editor: the stricter of the defaults and the snapshot. */
  verdicts: Verdict[];
  /**
   * Under an editor's answer: the policy the editor last wrote as it is (a person's own loosening in user
   * settings included), or the defaults. A gate's "allow" for what this flags needs a person's approval.
   */
  floor: Verdict[];
}

export async function decideOffline(actions: AgentAction[], root: string): Promise<Verdict[]> {
  return (await judgeOffline(actions, root)).verdicts;
}

export async function judgeOffline(actions: AgentAction[], root: string): Promise<OfflineJudgement> {
  if (actions.some(needsParser)) await loadParser();
  const snapshot = root ? asPolicy(readPolicySnapshot(root)?.policy) : undefined;
  const home = os.homedir();
  const facts = createHostFacts();
  const judge = (): OfflineJudgement => {
    const verdicts: Verdict[] = [];
    const floor: Verdict[] = [];
    for (const action of actions) {
      const ctx: ClassifyContext = {
        home,
        ...(action.cwd ? { cwd: action.cwd } : {}),
        ...(action.workspaceRoots ? { workspaceRoots: action.workspaceRoots } : {}),
        readFile: readSmallFile,
        realPath: realPathOf,
        facts,
      };
      const base = classify(action, ctx);
      let withSnapshot = base;
      if (snapshot) {
        try {
          withSnapshot = classify(action, { ...ctx, policy: snapshot });
        } catch {
          withSnapshot = base;
        }
      }
      verdicts.push(stricterVerdict(base, withSnapshot));
      floor.push(withSnapshot);
    }
    return { verdicts, floor };
  };
  const first = judge();
  // A plain command can run a script that is not (`npm run build` whose script has quotes and $VARs): without the
  // parser that script is "too complex". Load the parser and decide again; the plain path stays parser-free.
  if (!isShellReady() && [...first.verdicts, ...first.floor].some((v) => v.rules.includes('shell.too-complex'))) {
    await loadParser();
    if (isShellReady()) return judge();
  }
  return first;
}

/** Appends this call's decisions (and the windows it did not believe) to the per-user offline log. */
export function recordOffline(root: string, records: OfflineRecord[]): void {
  // Only what the Activity view needs: never file contents, prompts or MCP inputs.
  appendOffline(root, records.map((r) => (r.action ? { ...r, action: minimalAction(r.action) } : r)), redactText);
}
