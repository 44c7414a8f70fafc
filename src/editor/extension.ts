// Thin activate(): build one context, register everything through it.
import * as vscode from 'vscode';
import { VERSION } from '../version';

export interface AirlockContext {
  readonly extension: vscode.ExtensionContext;
  readonly output: vscode.LogOutputChannel;
}

export function activate(extension: vscode.ExtensionContext): AirlockContext {
  const output = vscode.window.createOutputChannel('Airlock', { log: true });
  extension.subscriptions.push(output);
  output.info(`Airlock ${VERSION} active`);
  return { extension, output };
}

export function deactivate(): void {}
