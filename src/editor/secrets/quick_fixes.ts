// Quick fixes on a finding: "Protect this file", "Move value to .env" (only for files the policy does
// not already protect: moving a value out of .env into .env makes no sense), and "Not a secret".
import * as vscode from 'vscode';
import type { SecretFinding } from '../../core/secrets';
import { findingRange } from './diagnostics';

export const FIX_COMMANDS = {
  protect: 'airlock.secrets.protectFile',
  moveToEnv: 'airlock.secrets.moveToEnv',
  notASecret: 'airlock.secrets.notASecret',
} as const;

/** What a quick fix command receives: the document and which finding (never the value). */
export interface FindingRef {
  uri: string;
  rule: string;
  line: number;
  column: number;
  fingerprint: string;
}

export function findingRef(uri: vscode.Uri, f: SecretFinding): FindingRef {
  return { uri: uri.toString(), rule: f.rule, line: f.line, column: f.column, fingerprint: f.fingerprint };
}

export interface QuickFixSource {
  findingsAt(uri: vscode.Uri): readonly SecretFinding[];
  /** Protected by the policy itself (built-in secret paths, airlock.protectedPaths). */
  policyProtects(uri: vscode.Uri): boolean;
}

export class SecretQuickFixes implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly source: QuickFixSource) {}

  provideCodeActions(doc: vscode.TextDocument, range: vscode.Range | vscode.Selection): vscode.CodeAction[] {
    const hits = this.source.findingsAt(doc.uri).filter((f) => findingRange(f).intersection(range) !== undefined || findingRange(f).start.line === range.start.line);
    if (hits.length === 0) return [];
    const protectedByPolicy = this.source.policyProtects(doc.uri);
    const actions: vscode.CodeAction[] = [];
    for (const f of hits) {
      const ref = findingRef(doc.uri, f);
      const label = `${f.rule} ${f.secret}`;
      if (!f.silenced && !protectedByPolicy) {
        const move = new vscode.CodeAction(`Airlock: Move value to .env (${label})`, vscode.CodeActionKind.QuickFix);
        move.command = { command: FIX_COMMANDS.moveToEnv, title: 'Move value to .env', arguments: [ref] };
        move.isPreferred = true;
        actions.push(move);
      }
      if (!f.silenced) {
        const not = new vscode.CodeAction(`Airlock: Not a secret (${label})`, vscode.CodeActionKind.QuickFix);
        not.command = { command: FIX_COMMANDS.notASecret, title: 'Not a secret', arguments: [ref] };
        actions.push(not);
      }
    }
    if (!protectedByPolicy) {
      const protect = new vscode.CodeAction('Airlock: Protect this file (keep agents out of it for good)', vscode.CodeActionKind.QuickFix);
      protect.command = { command: FIX_COMMANDS.protect, title: 'Protect this file', arguments: [doc.uri.toString()] };
      actions.push(protect);
    }
    return actions;
  }
}
