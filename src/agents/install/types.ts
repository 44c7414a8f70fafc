import type { HookAgentId } from '../../core/action';

export interface InstallResult {
  agent: HookAgentId;
  file: string;
  /** installed/unchanged after install; removed/absent after uninstall; skipped when a person's file is in the way. */
  status: 'installed' | 'unchanged' | 'removed' | 'absent' | 'skipped' | 'error';
  message?: string;
}
