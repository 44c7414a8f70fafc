// The audit log's head kept in the extension's global state: the one copy no file tool can reach,
// so "Airlock: Verify Audit Log" can tell a cut log even when both head files were rewritten.
import type * as vscode from 'vscode';
import { sha256, type AuditHead, type HeadCopy, type HeadStore } from '../gate/audit';

export function globalStateHeadStore(state: vscode.Memento, logFile: string): HeadStore {
  const key = `airlock.auditHead.${sha256(logFile).slice(0, 24)}`;
  const name = "the editor's own copy";
  return {
    name,
    read(): HeadCopy {
      const v = state.get<unknown>(key);
      if (v === undefined) return { name, state: 'missing' };
      const h = v as Partial<AuditHead>;
      return typeof h.seq === 'number' && typeof h.hash === 'string' ? { name, state: 'ok', head: { seq: h.seq, hash: h.hash } } : { name, state: 'unreadable' };
    },
    write: async (head) => {
      await state.update(key, head);
    },
  };
}
