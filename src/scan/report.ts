// Renders a scan for people (text), pipelines (JSONL, the contract in DESIGN.md) and code-scanning
// tools (SARIF 2.1.0). Every renderer takes findings that are already redacted.
import { pathToFileURL } from 'node:url';
import type { Severity } from '../core/action';
import { PATH_RULES } from '../core/secrets/credential_files';
import { DETECTORS } from '../core/secrets/scan';
import type { SecretFinding } from '../core/secrets/types';
import { VERSION } from '../version';
import type { ScanSummary } from './scanner';

/**
 * One JSONL line: exactly the DESIGN.md contract, plus, for silenced findings only (--include-silenced),
 * `silenced` (what silenced it) and `why` (the reason, e.g. the airlock:allow comment's words).
 */
export function jsonlLine(f: SecretFinding): string {
  const base: Record<string, unknown> = { file: f.file, line: f.line, rule: f.rule, secret: f.secret, severity: f.severity };
  if (f.silenced) {
    base['silenced'] = f.silenced.by;
    base['why'] = f.silenced.detail;
  }
  return JSON.stringify(base);
}

function sarifLevel(s: Severity): 'error' | 'warning' | 'note' {
  return s === 'critical' || s === 'high' ? 'error' : s === 'medium' ? 'warning' : 'note';
}

/** SARIF 2.1.0. `root` (absolute) becomes %SRCROOT%, which every result's file is relative to. */
export function toSarif(findings: readonly SecretFinding[], root: string): unknown {
  const rules = [...DETECTORS, ...PATH_RULES];
  const ruleIndex = new Map(rules.map((d, i) => [d.id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Airlock',
            version: VERSION,
            informationUri: 'https://github.com/airlock-dev/airlock',
            rules: rules.map((d) => ({
              id: d.id,
              name: d.id,
              shortDescription: { text: d.reason },
              defaultConfiguration: { level: sarifLevel(d.severity) },
              properties: { severity: d.severity, tags: ['security', 'secret'] },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: `${pathToFileURL(root).href.replace(/\/?$/, '/')}` } },
        results: findings.map((f) => ({
          ruleId: f.rule,
          ruleIndex: ruleIndex.get(f.rule) ?? 0,
          level: sarifLevel(f.severity),
          message: { text: `${f.reason} Value: ${f.secret}` },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: encodeURI(f.file), uriBaseId: '%SRCROOT%' },
                region: { startLine: f.line, startColumn: f.column, endColumn: f.column + Math.max(1, f.length) },
              },
            },
          ],
          partialFingerprints: { 'airlockFinding/v1': f.fingerprint },
          ...(f.silenced
            ? {
                suppressions: [
                  { kind: f.silenced.by === 'inline' ? 'inSource' : 'external', justification: f.silenced.detail },
                ],
              }
            : {}),
        })),
      },
    ],
  };
}

export function textReport(summary: ScanSummary, includeSilenced: boolean): string {
  const lines: string[] = [];
  const shown = includeSilenced ? summary.findings : summary.findings.filter((f) => !f.silenced);
  for (const f of shown) {
    const tag = f.silenced ? `  [silenced: ${f.silenced.detail}]` : '';
    lines.push(`${f.file}:${f.line}:${f.column}  ${f.severity.padEnd(8)} ${f.rule.padEnd(26)} ${f.secret}${tag}`);
    lines.push(`    ${f.reason}`);
  }
  for (const s of summary.skipped) {
    lines.push(`${s.file}  skipped: ${s.reason === 'too-large' ? `too large (${s.bytes} bytes)` : `unreadable (${s.message ?? 'error'})`}`);
  }
  const active = summary.findings.filter((f) => !f.silenced);
  const silenced = summary.findings.length - active.length;
  const files = new Set(active.map((f) => f.file)).size;
  const secs = (summary.durationMs / 1000).toFixed(2);
  lines.push(
    `${active.length === 0 ? 'No secrets found' : `${active.length} secret${active.length === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}`}` +
      `${silenced > 0 ? ` (${silenced} silenced${includeSilenced ? '' : ', shown with --include-silenced'})` : ''}; ` +
      `${summary.filesScanned} files scanned in ${secs} s` +
      `${summary.skipped.length > 0 ? `, ${summary.skipped.length} skipped` : ''}.`,
  );
  return `${lines.join('\n')}\n`;
}
