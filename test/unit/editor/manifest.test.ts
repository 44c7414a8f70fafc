// The manifest's editor contributions hang together: every command a menu, key or
// walkthrough names is contributed, every view is one the code registers, and every
// file a walkthrough or container points at exists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

// The runner starts in the repository root; walk up from there to the package, wherever the bundle lives.
function findRoot(dir: string): string {
  for (let d = dir; ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, 'package.json')) && fs.existsSync(path.join(d, 'src', 'editor'))) return d;
    if (path.dirname(d) === d) throw new Error(`no Airlock package above ${dir}`);
  }
}
const root = findRoot(process.cwd());
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const c = pkg.contributes;
const source = (f: string) => fs.readFileSync(path.join(root, 'src', 'editor', f), 'utf8');

test('menus, keybindings and walkthrough links name contributed commands', () => {
  const commands = new Set<string>(c.commands.map((x: { command: string }) => x.command));
  const used: string[] = [
    ...Object.values(c.menus as Record<string, Array<{ command: string }>>).flat().map((m) => m.command),
    ...c.keybindings.map((k: { command: string }) => k.command),
  ];
  for (const w of c.walkthroughs) {
    for (const s of w.steps) {
      for (const m of String(s.description).matchAll(/\(command:([\w.]+)\)/g)) used.push(m[1] as string);
      for (const e of s.completionEvents ?? []) if (String(e).startsWith('onCommand:')) used.push(String(e).slice('onCommand:'.length));
    }
  }
  const missing = used.filter((u) => !commands.has(u));
  assert.deepEqual(missing, []);
});

test('every contributed command is registered by the editor code', () => {
  const code = ['commands.ts', 'extension.ts', 'secrets/register.ts', 'views/exposureView.ts', 'sandbox_terminal.ts'].map(source).join('\n');
  const unregistered = c.commands.map((x: { command: string }) => x.command).filter((id: string) => !code.includes(`'${id}'`));
  assert.deepEqual(unregistered, []);
});

test('views exist in code and files exist on disk', () => {
  const views = c.views.airlock.map((v: { id: string }) => v.id);
  const code = ['activity/activityView.ts', 'views/register.ts', 'views/exposureView.ts'].map(source).join('\n');
  for (const id of views) assert.ok(code.includes(`'${id}'`), `view ${id} is not registered`);
  assert.ok(fs.existsSync(path.join(root, c.viewsContainers.activitybar[0].icon)));
  for (const w of c.walkthroughs) for (const s of w.steps) assert.ok(fs.existsSync(path.join(root, s.media.markdown)), s.media.markdown);
});

test('the kill switch has a default keybinding on every platform', () => {
  const kb = c.keybindings.find((k: { command: string }) => k.command === 'airlock.killAll');
  assert.ok(kb?.key && kb?.mac);
});
