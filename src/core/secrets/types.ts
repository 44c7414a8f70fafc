// What a secret detector is (data plus a matcher) and what a scan reports.
import type { Severity } from '../action';
import type { Assignment } from './assignments';

export interface DetectorExamples {
  /** Texts (whole lines or small files) in which this detector must report a finding. */
  flag: string[];
  /** Texts in which this detector must report nothing. */
  allow: string[];
}

/** A candidate secret a detector found, before placeholder filtering and silencing. */
export interface RawMatch {
  /** Offset of the secret value in the text. */
  index: number;
  /** The secret value itself. Never shown: see redact(). */
  value: string;
  /**
   * Overrides the detector's placeholder check for this match: a vendor-prefixed format found by a
   * detector that otherwise judges values by their place (Vercel's `vcp_…` under any key).
   */
  check?: { placeholderCheck: 'format'; prefixLength: number };
  /** Overrides the detector's severity for this match (a URL whose password is a common word). */
  severity?: Severity;
}

export interface SecretDetector {
  /** Stable id, shown as `rule` in scan output and used by `airlock:allow <id>`. */
  id: string;
  /** One line a person understands. */
  reason: string;
  severity: Severity;
  /**
   * Case-sensitive substrings one of which must occur in the text before the matcher runs (the prefilter).
   * Empty means "always run" (only for detectors whose matcher is itself a cheap indexOf).
   */
  keywords: string[];
  /** Finds candidates in the whole text. Pure and linear-ish: no catastrophic backtracking. */
  match(input: MatchInput): RawMatch[];
  /**
   * How much of the placeholder filter applies: 'full' (default) also rejects low-variety values;
   * 'format' (vendor-prefixed tokens of exact length and charset) rejects markers and bodies of filler
   * (`xxxx…`, `0000…`, `****`) but not word-like, counting or otherwise repetitive ones (a real token may
   * contain `abcdef`; its prefix and exact shape are the evidence);
   * 'markers' only rejects values containing placeholder markers (private keys have long `AAAA` runs);
   * 'password' is 'full' except that passwords composed of words and digits the way password rules ask
   * (`mySecret2024`) are real.
   */
  placeholderCheck?: 'full' | 'format' | 'markers' | 'password';
  /**
   * A check built into the token format (a checksum) that proves the value was issued, not typed:
   * when it holds, only placeholder markers (`xxxx`, `example`) are checked, not the value's variety.
   */
  proves?: (value: string) => boolean;
  /** Length of a fixed prefix (`ghp_`) excluded from the placeholder word check. */
  prefixLength?: number;
  examples: DetectorExamples;
}

/** What a detector sees: the text, its path, and the secret-named assignments (computed once per text). */
export interface MatchInput {
  text: string;
  /** Path relative to the scanned root, forward slashes. */
  path: string;
  assignments(): Assignment[];
}

export type SilencedBy = 'inline' | 'ignore-file' | 'fixture' | 'example-file' | 'generated-file';

export interface SecretFinding {
  /** Path relative to the scanned root, forward slashes. */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units. */
  column: number;
  /** Length of the secret value in the text (UTF-16 code units), for editor ranges. */
  length: number;
  rule: string;
  reason: string;
  severity: Severity;
  /** Redacted preview: a short prefix and the length, never the value. */
  secret: string;
  /** Stable hash of rule, file and value, used to silence one finding from an ignore file. */
  fingerprint: string;
  /** Present when the finding is silenced; silenced findings are reported, never dropped. */
  silenced?: { by: SilencedBy; detail: string };
}
