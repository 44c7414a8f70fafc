// The one object activate() builds and every feature receives: configuration,
// output, shared state. Features register their disposables through it.
import type * as vscode from 'vscode';
import { Config } from './config';

export interface AirlockContext {
  readonly extension: vscode.ExtensionContext;
  readonly output: vscode.LogOutputChannel;
  /** The current settings; replaced (not mutated) when they change. */
  config: Config;
  /** Register a disposable for deactivation. */
  own<T extends vscode.Disposable>(d: T): T;
}
