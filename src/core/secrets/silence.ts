// Ways a person says "this is not a live secret". Silenced findings are still returned (marked), so
// the editor can show them and what silenced them; they only stop counting as findings.
import ignore, { type Ignore } from 'ignore';
import type { SilencedBy } from './types';

export const INLINE_ALLOW = 'airlock:allow';
export const FIXTURE_MARKER = 'airlock:fixture';

export interface IgnoreRules {
  /** gitignore-syntax patterns whose files' findings are silenced. */
  paths: Ignore;
  /** Fingerprints of single findings marked "not a secret". */
  fingerprints: Set<string>;
  /** Rule ids silenced everywhere (`rule:generic-password`). */
  rules: Set<string>;
}

/**
 * Parses an `.airlockignore`: gitignore-style path patterns, plus `fingerprint:<hex>` lines (one
 * finding) and `rule:<id>` lines (a whole detector). `#` starts a comment.
 */
export function parseIgnoreFile(text: string): IgnoreRules {
  const rules: IgnoreRules = { paths: ignore(), fingerprints: new Set(), rules: new Set() };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const fp = /^fingerprint:\s*([0-9a-f]{16})\b/i.exec(line);
    const rule = /^rule:\s*([a-z0-9-]+)$/i.exec(line);
    if (fp) rules.fingerprints.add(fp[1]!.toLowerCase());
    else if (rule) rules.rules.add(rule[1]!);
    else rules.paths.add(line);
  }
  return rules;
}

/** Paths whose contents are test data: findings there are silenced, visibly, as fixtures. */
const FIXTURE_PATH = /(^|\/)(__fixtures__|__mocks__|testdata|test-data|[^/]*fixtures?)(\/|[._-][^/]*$)|(^|\/)src\/(?:test|androidTest|testFixtures)\/resources\//i;
/** A comment near the top of the file that calls it a (test) fixture. */
const FIXTURE_COMMENT = /^[ \t]*(?:#|\/\/|\/\*|\*|<!--|--|;)[^\n]*\bfixtures?\b/im;
/** Example env/config files: values there are meant to be replaced. */
const EXAMPLE_FILE = /(^|\/)(?:[^/]*[._-](example|sample|template|dist|defaults?)(\.[a-z0-9]+)?|(example|sample|template)[._-][^/]*)$/i;

/**
 * Recorded HTTP traffic (VCR/Betamax cassettes, Polly.js recordings, HAR files, WireMock mappings) sits among the
 * fixtures but was captured from real calls: the tokens in it were live when recorded. Never silenced as fixtures.
 */
const RECORDED_TRAFFIC = /(^|\/)(?:[^/]*cassettes?|__recordings__|recordings|wiremock)\/|\.har$/i;

export function fileSilence(path: string, text: string): { by: SilencedBy; detail: string } | undefined {
  if (RECORDED_TRAFFIC.test(path)) return undefined;
  // The marker must be near the top, so a stray mention deep in a file does not silence it all.
  if (text.slice(0, 2048).includes(FIXTURE_MARKER)) return { by: 'fixture', detail: `file is marked ${FIXTURE_MARKER}` };
  if (FIXTURE_COMMENT.test(text.slice(0, 400))) return { by: 'fixture', detail: 'file says it is a fixture' };
  if (FIXTURE_PATH.test(path)) return { by: 'fixture', detail: 'file is a test fixture by its path' };
  if (EXAMPLE_FILE.test(path)) return { by: 'example-file', detail: 'example/sample/template file' };
  return undefined;
}

/** Detectors that judge a value by its key and entropy alone (no vendor format to prove it). */
const CONTEXT_ONLY = new Set(['generic-secret', 'generic-password', 'url-password', 'database-url-password', 'curl-basic-auth', 'prose-credential']);
const DOC_FILE = /(^|\/)(?:readme[^/]*|changelog[^/]*|[^/]+\.(?:md|mdx|markdown|rst|adoc))$/i;
const SOURCE_MAP = /\.(?:js|css|mjs|cjs)\.map$|\.map$/i;
const MINIFIED = /[.-]min\.(?:js|mjs|css)$|(^|\/)(?:dist|build|out)\/[^/]+\.(?:js|mjs)$/i;

/**
 * Values found only by their key in source maps and minified bundles are code, not configuration:
 * silenced with the reason. Vendor formats (a key bundled into shipped JS) stay findings.
 */
export function contextSilence(path: string, rule: string, text: string): { by: SilencedBy; detail: string } | undefined {
  if (!CONTEXT_ONLY.has(rule)) return undefined;
  if (SOURCE_MAP.test(path)) return { by: 'generated-file', detail: 'source map: its values are code, not configuration' };
  if (MINIFIED.test(path) || (/\.m?js$/i.test(path) && isMinified(text))) return { by: 'generated-file', detail: 'minified bundle: its values are code, not configuration' };
  return undefined;
}

/**
 * In documentation, values found only by their key are often examples, but a real password pasted
 * into a README is a leak: they stay findings, at low severity, saying so.
 */
export function isDocumentationFinding(path: string, rule: string): boolean {
  return CONTEXT_ONLY.has(rule) && DOC_FILE.test(path);
}

/** A bundle: few lines, very long ones. */
function isMinified(text: string): boolean {
  const sample = text.slice(0, 20000);
  const lines = sample.split('\n').length;
  return sample.length >= 5000 && sample.length / lines > 1000;
}

/** The words after `airlock:allow` on the line (or the line above): the person's reason. */
export function inlineReason(lineText: string, prevLineText: string): string {
  for (const l of [lineText, prevLineText]) {
    const at = l.indexOf(INLINE_ALLOW);
    if (at >= 0) return l.slice(at + INLINE_ALLOW.length).replace(/\s*(?:\*\/|-->)\s*$/, '').trim();
  }
  return '';
}

/**
 * `airlock:allow` on the finding's line or the line above. `airlock:allow jwt, generic-secret` limits
 * it to those rules; any other words after the marker are a free-text reason and allow every rule.
 */
export function inlineAllowed(lineText: string, prevLineText: string, rule: string, knownRules: ReadonlySet<string>): boolean {
  for (const l of [lineText, prevLineText]) {
    const at = l.indexOf(INLINE_ALLOW);
    if (at < 0) continue;
    const words = l
      .slice(at + INLINE_ALLOW.length)
      .split(/[\s,]+/)
      .filter(Boolean);
    const named = words.filter((w) => knownRules.has(w));
    if (named.length === 0 || named.includes(rule)) return true;
  }
  return false;
}
