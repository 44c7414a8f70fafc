// Findings in the Problems panel. Only the redacted preview is ever shown. Silenced findings stay
// visible (as information, saying why they are silenced) so silencing is never invisible.
import * as vscode from 'vscode';
import type { SecretFinding } from '../../core/secrets';
import type { FindingsStore } from './findings';

export const DIAGNOSTIC_SOURCE = 'Airlock';

const SILENCED_BY: Record<NonNullable<SecretFinding['silenced']>['by'], string> = {
  inline: 'an airlock:allow comment',
  'ignore-file': '.airlockignore',
  fixture: 'it is a test fixture',
  'example-file': 'it is an example file',
  'generated-file': 'it is generated code (source map or minified bundle)',
};

export function findingRange(f: Pick<SecretFinding, 'line' | 'column' | 'length'>): vscode.Range {
  const line = Math.max(0, f.line - 1);
  const col = Math.max(0, f.column - 1);
  return new vscode.Range(line, col, line, col + Math.max(1, f.length));
}

export function toDiagnostic(f: SecretFinding): vscode.Diagnostic {
  const message = f.silenced
    ? `Not a secret (silenced because of ${SILENCED_BY[f.silenced.by]}${f.silenced.detail ? `: ${f.silenced.detail}` : ''}): ${f.reason} ${f.secret}`
    : `${f.reason} ${f.secret}. Agents are kept away from this file until you say otherwise.`;
  const d = new vscode.Diagnostic(findingRange(f), message, f.silenced ? vscode.DiagnosticSeverity.Information : vscode.DiagnosticSeverity.Warning);
  d.source = DIAGNOSTIC_SOURCE;
  d.code = f.rule;
  return d;
}

/**
 * Keeps a DiagnosticCollection in step with the store. Changes are coalesced and published a few
 * times a second, so a scan streaming thousands of findings costs a handful of updates.
 */
export function publishDiagnostics(store: FindingsStore, collection: vscode.DiagnosticCollection, root: vscode.Uri, delayMs = 100): vscode.Disposable {
  const pending = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = (): void => {
    timer = undefined;
    for (const file of pending) {
      const uri = vscode.Uri.joinPath(root, file);
      const list = store.forFile(file);
      if (list.length === 0) collection.delete(uri);
      else collection.set(uri, list.map(toDiagnostic));
    }
    pending.clear();
  };
  const sub = store.onDidChange((files) => {
    for (const f of files) pending.add(f);
    timer ??= setTimeout(flush, delayMs);
  });
  return {
    dispose() {
      sub.dispose();
      if (timer) clearTimeout(timer);
    },
  };
}
