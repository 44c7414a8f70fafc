// A window's gate without the editor around it, for the hook benchmark: the real GateServer with the
// real classify(). Anything that would need a person is refused (the benchmark measures benign calls).
import { classify } from '../../src/core/classify';
import { GateServer } from '../../src/gate/server';
import { loadShellParser } from '../../src/host/shell_wasm';

export async function startBenchGate(root: string, workspace: string): Promise<GateServer> {
  await loadShellParser();
  const server = new GateServer({
    root,
    workspaceRoots: [workspace],
    classify: (action) => classify(action),
    ui: { ask: async () => 'deny' },
    listener: { onEvent: () => undefined },
  });
  await server.start();
  return server;
}
