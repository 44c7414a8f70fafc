// scanText: (path, text) -> findings. Pure; the file walking, reading and threading live in src/scan/.
import { findSecretAssignments, type Assignment } from './assignments';
import { CONTEXT_DETECTORS } from './context_detectors';
import { FORMAT_DETECTORS } from './detectors';
import { PROVIDER_DETECTORS } from './providers';
import { STRUCTURED_DETECTORS } from './structured_detectors';
import { findingFingerprint } from './fingerprint';
import { hasPlaceholderMarker, isFiller, isPasswordPlaceholder, isPlaceholder } from './placeholders';
import { redact } from './redact';
import { contextSilence, fileSilence, inlineAllowed, inlineReason, isDocumentationFinding, type IgnoreRules } from './silence';
import type { MatchInput, RawMatch, SecretDetector, SecretFinding } from './types';
import { keywordAutomaton, type KeywordAutomaton } from './keyword_automaton';

/** Every detector, most specific first (an overlap keeps the earlier one). */
export const DETECTORS: readonly SecretDetector[] = [
  ...PROVIDER_DETECTORS,
  ...FORMAT_DETECTORS,
  ...STRUCTURED_DETECTORS,
  ...CONTEXT_DETECTORS,
];
const DETECTOR_IDS: ReadonlySet<string> = new Set(DETECTORS.map((d) => d.id));

export interface ScanTextOptions {
  /** Parsed `.airlockignore` of the scanned root. */
  ignore?: IgnoreRules;
  /** Defaults to DETECTORS; tests pass one detector to run its examples alone. */
  detectors?: readonly SecretDetector[];
}

const automata = new WeakMap<readonly SecretDetector[], KeywordAutomaton>();
const keywordLists = new WeakMap<readonly SecretDetector[], readonly string[]>();
/**
 * Below this length the keywords are looked for one by one: a command line or a log record is checked in
 * microseconds that way, while building the automaton costs milliseconds, paid by every one-shot hook process.
 */
const SHORT_TEXT = 2048;

/** Every detector keyword found in the text, in one pass (see keyword_automaton.ts). */
function keywordsPresent(lower: string, detectors: readonly SecretDetector[]): Set<string> {
  if (lower.length < SHORT_TEXT) {
    let words = keywordLists.get(detectors);
    if (!words) {
      words = [...new Set(detectors.flatMap((d) => d.keywords))].filter((k) => k.length > 0);
      keywordLists.set(detectors, words);
    }
    return new Set(words.filter((k) => lower.includes(k)));
  }
  let a = automata.get(detectors);
  if (!a) {
    a = keywordAutomaton(detectors.flatMap((d) => d.keywords));
    automata.set(detectors, a);
  }
  return a.present(lower);
}

function passesPlaceholderFilter(d: SecretDetector, m: RawMatch): boolean {
  const { value } = m;
  const check = m.check?.placeholderCheck ?? d.placeholderCheck;
  const prefixLength = m.check?.prefixLength ?? d.prefixLength ?? 0;
  if (check === 'markers' || d.proves?.(value)) return !hasPlaceholderMarker(value);
  if (check === 'format') return !hasPlaceholderMarker(value) && !isFiller(value.slice(prefixLength));
  if (check === 'password') return !isPasswordPlaceholder(value);
  return !isPlaceholder(value, value.slice(prefixLength));
}

function pathIgnored(rules: IgnoreRules, path: string): boolean {
  try {
    return rules.paths.ignores(path);
  } catch {
    return false; // not a relative path (the ignore package refuses those); nothing to match
  }
}

/** Line starts, for offset -> line/column without splitting the text. */
function lineIndex(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineOf(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Findings in one text. `path` is relative to the scanned root with forward slashes. */
export function scanText(path: string, text: string, options: ScanTextOptions = {}): SecretFinding[] {
  const detectors = options.detectors ?? DETECTORS;
  const present = keywordsPresent(text.toLowerCase(), detectors);
  let assignments: Assignment[] | undefined;
  const input: MatchInput = { text, path, assignments: () => (assignments ??= findSecretAssignments(text, path)) };

  const kept: { d: SecretDetector; m: RawMatch }[] = [];
  for (const d of detectors) {
    if (d.keywords.length > 0 && !d.keywords.some((k) => present.has(k))) continue;
    for (const m of d.match(input)) {
      if (!passesPlaceholderFilter(d, m)) continue;
      const end = m.index + m.value.length;
      if (kept.some((k) => k.m.index < end && m.index < k.m.index + k.m.value.length)) continue;
      kept.push({ d, m });
    }
  }
  if (kept.length === 0) return [];

  const starts = lineIndex(text);
  const fileSilenced = fileSilence(path, text);
  const ignored = options.ignore ? pathIgnored(options.ignore, path) : false;
  kept.sort((a, b) => a.m.index - b.m.index);
  return kept.map(({ d, m }) => {
    const line = lineOf(starts, m.index);
    const lineText = text.slice(starts[line], (starts[line + 1] ?? text.length + 1) - 1);
    const prevText = line > 0 ? text.slice(starts[line - 1], starts[line]! - 1) : '';
    const fingerprint = findingFingerprint(d.id, path, m.value);
    const inDocs = isDocumentationFinding(path, d.id);
    const finding: SecretFinding = {
      file: path,
      line: line + 1,
      column: m.index - starts[line]! + 1,
      length: m.value.length,
      rule: d.id,
      reason: inDocs ? `${d.reason} (In documentation, where such values are often examples.)` : d.reason,
      severity: inDocs ? 'low' : (m.severity ?? d.severity),
      secret: redact(m.value),
      fingerprint,
    };
    if (inlineAllowed(lineText, prevText, d.id, DETECTOR_IDS)) {
      const why = inlineReason(lineText, prevText);
      finding.silenced = { by: 'inline', detail: why ? `airlock:allow comment: ${why.slice(0, 120)}` : 'airlock:allow comment' };
    }
    else if (options.ignore?.fingerprints.has(fingerprint)) finding.silenced = { by: 'ignore-file', detail: `fingerprint:${fingerprint}` };
    else if (options.ignore?.rules.has(d.id)) finding.silenced = { by: 'ignore-file', detail: `rule:${d.id}` };
    else if (ignored) finding.silenced = { by: 'ignore-file', detail: 'path matches .airlockignore' };
    else if (fileSilenced && !(fileSilenced.by === 'fixture' && URL_PASSWORD_RULES.has(d.id) && reachesPublicHost(lineText))) finding.silenced = fileSilenced;
    else {
      const byContext = contextSilence(path, d.id, text);
      if (byContext) finding.silenced = byContext;
    }
    return finding;
  });
}

const URL_PASSWORD_RULES: ReadonlySet<string> = new Set(['database-url-password', 'url-password']);
/** Hosts that are no real service: loopback, private and documentation names. */
const NOT_PUBLIC = /^(?:localhost|127\.|0\.0\.0\.0|10\.|192\.168\.|172\.(?:1[6-9]|2\d|3[01])\.|\[?::1\]?$)|\.(?:local|localhost|test|example|invalid|internal|lan|svc|cluster\.local)$|(?:^|\.)example\.(?:com|org|net)$/i;

/**
 * A test fixture is silenced because its credentials are made up; one whose URL logs in to a public host
 * (`postgresql://postgres:…@db.abcd.supabase.co`) is a live credential kept in the wrong place, and still counts.
 */
function reachesPublicHost(line: string): boolean {
  for (const m of line.matchAll(/:\/\/[^@\s'"]*@([^:/?#\s'"]+)/g)) {
    const host = m[1]!.toLowerCase();
    if (host.includes('.') && !NOT_PUBLIC.test(host)) return true;
  }
  return false;
}

/** Findings that count (not silenced): what decides exit codes and protection. */
export function activeFindings(findings: readonly SecretFinding[]): SecretFinding[] {
  return findings.filter((f) => !f.silenced);
}
