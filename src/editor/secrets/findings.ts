// What the scanner last said about each file, kept per file so a save replaces one file's findings
// without a full re-scan. No vscode here: diagnostics, the sidebar and hiding all read from this.
import type { SecretFinding } from '../../core/secrets';

export type FindingsListener = (changedFiles: readonly string[]) => void;

export class FindingsStore {
  private readonly byFile = new Map<string, SecretFinding[]>();
  private readonly listeners = new Set<FindingsListener>();

  /** Replace everything (after a full scan). Files that had findings and have none now are reported as changed. */
  replaceAll(findings: readonly SecretFinding[]): void {
    const next = groupByFile(findings);
    const changed = new Set<string>([...this.byFile.keys(), ...next.keys()]);
    this.byFile.clear();
    for (const [file, list] of next) this.byFile.set(file, list);
    this.emit([...changed]);
  }

  /** Replace one file's findings (after a re-scan on save). */
  setFile(file: string, findings: readonly SecretFinding[]): void {
    const before = this.byFile.get(file);
    if (findings.length === 0) {
      if (!before) return;
      this.byFile.delete(file);
    } else this.byFile.set(file, [...findings].sort(byPosition));
    this.emit([file]);
  }

  /** Add one finding as it streams in from a running scan. */
  add(finding: SecretFinding): void {
    const list = this.byFile.get(finding.file) ?? [];
    if (list.some((f) => f.line === finding.line && f.column === finding.column && f.rule === finding.rule)) return;
    list.push(finding);
    list.sort(byPosition);
    this.byFile.set(finding.file, list);
    this.emit([finding.file]);
  }

  forFile(file: string): readonly SecretFinding[] {
    return this.byFile.get(file) ?? [];
  }

  files(): string[] {
    return [...this.byFile.keys()].sort();
  }

  all(): SecretFinding[] {
    return this.files().flatMap((f) => this.byFile.get(f) ?? []);
  }

  /** Unsilenced findings: the ones that count (for protection and the problem count). */
  live(): SecretFinding[] {
    return this.all().filter((f) => !f.silenced);
  }

  /** Files holding at least one unsilenced finding. */
  liveFiles(): string[] {
    return this.files().filter((f) => (this.byFile.get(f) ?? []).some((x) => !x.silenced));
  }

  onDidChange(listener: FindingsListener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private emit(files: readonly string[]): void {
    for (const l of this.listeners) l(files);
  }
}

function byPosition(a: SecretFinding, b: SecretFinding): number {
  return a.line - b.line || a.column - b.column;
}

function groupByFile(findings: readonly SecretFinding[]): Map<string, SecretFinding[]> {
  const m = new Map<string, SecretFinding[]>();
  for (const f of findings) {
    const list = m.get(f.file) ?? [];
    list.push(f);
    m.set(f.file, list);
  }
  for (const list of m.values()) list.sort(byPosition);
  return m;
}
