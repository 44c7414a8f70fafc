// The platform Airlock's terminal watcher stands on: in a real bash terminal, shell integration
// reports each command line as it starts and its exit code when it ends. If this breaks (a VS Code
// change, a shell without integration), "watched" terminals would silently see nothing.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { nextEvent, waitFor } from './wait';

const forTerminal = (t: vscode.Terminal | undefined, text: string) => (e: { terminal: vscode.Terminal; execution: vscode.TerminalShellExecution }) =>
  e.terminal === t && e.execution.commandLine.value.includes(text);

describe('terminal shell integration', function () {
  let terminal: vscode.Terminal | undefined;

  before(async function () {
    terminal = vscode.window.createTerminal({ name: 'airlock-itest', shellPath: '/bin/bash' });
    terminal.show();
    await waitFor(() => terminal?.shellIntegration, 'shell integration to activate in bash', 20_000);
  });

  after(() => terminal?.dispose());

  it('fires start and end events, with the exact command line and exit code, for text typed into bash', async () => {
    const marker = `airlock-itest-${Date.now()}`;
    const command = `echo ${marker} $((40 + 2))`;
    const started = nextEvent(vscode.window.onDidStartTerminalShellExecution, forTerminal(terminal, marker), 'start event');
    const ended = nextEvent(vscode.window.onDidEndTerminalShellExecution, forTerminal(terminal, marker), 'end event');
    // sendText is what an agent (or a person) typing into the terminal looks like to VS Code.
    terminal!.sendText(command);
    const start = await started;
    const end = await ended;
    assert.equal(start.execution.commandLine.value, command);
    assert.equal(end.execution, start.execution, 'start and end belong to the same execution');
    assert.equal(end.exitCode, 0);
  });

  it('reports a failing command with its exit code', async () => {
    const command = `bash -c 'exit 7' # airlock-${Date.now()}`;
    const ended = nextEvent(vscode.window.onDidEndTerminalShellExecution, forTerminal(terminal, command), 'end event');
    terminal!.sendText(command);
    assert.equal((await ended).exitCode, 7);
  });

  it("streams a command's output to a reader opened when the command starts", async () => {
    const execution = terminal!.shellIntegration!.executeCommand('echo airlock-out-$((6 * 7))');
    const ended = nextEvent(vscode.window.onDidEndTerminalShellExecution, (e) => e.execution === execution, 'end event');
    let output = '';
    for await (const chunk of execution.read()) output += chunk;
    assert.match(output, /airlock-out-42/);
    assert.equal((await ended).exitCode, 0);
  });
});
