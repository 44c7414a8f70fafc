// Classes of shell/effects gaps found against the peers' suites: a variable the command itself sets is not the
// agent's environment's ($TMPDIR, ~), quoted `'$TMPDIR'` is literal, env -S carries env's own options, xargs
// feeding a shell its script, and regenerable names (build/, node_modules) only count inside the workspace tree.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { classify } from '../../../../src/core/classify';
import { analyzeShell } from '../../../../src/core/shell';
import { reboundNames } from '../../../../src/core/shell/analyze';
import { loadShellParser } from '../../../../src/host/shell_wasm';

before(async () => {
  await loadShellParser();
});

const CTX = { cwd: '/w/app', home: '/home/u', workspaceRoots: [] as string[] };
const decide = (command: string, ctx: { cwd?: string; home?: string; workspaceRoots?: string[] } = CTX) => classify({ kind: 'shell', command }, ctx);
const asks = (command: string, ctx?: Parameters<typeof decide>[1]) => assert.notEqual(decide(command, ctx).decision, 'allow', command);
const allows = (command: string, ctx?: Parameters<typeof decide>[1]) => {
  const v = decide(command, ctx);
  assert.equal(v.decision, 'allow', `${command}: ${v.rules.join(',')}`);
};

describe('a TMPDIR or HOME the action sets is not the environment one', () => {
  test('reboundNames: writes count, plain reads do not', () => {
    assert.deepEqual(reboundNames('rm -rf $TMPDIR/x "${TMPDIR}/y" ${TMPDIR:-/tmp}/z ~/a $HOME/b'), []);
    for (const line of ['TMPDIR=/Users rm -rf $TMPDIR/x', 'TMPDIR= rm -rf $TMPDIR/x', 'export TMPDIR=/x', 'read TMPDIR', 'for TMPDIR in a; do :; done', ': ${TMPDIR:=/x}', 'env TMPDIR=/x sh', 'TMPDIR=/tmp/../root rm -rf $TMPDIR/x', 'TMPDIR=/tmp-evil rm -rf $TMPDIR/x']) {
      assert.deepEqual(reboundNames(line), ['TMPDIR'], line);
    }
    assert.deepEqual(reboundNames('HOME=/ rm -rf ~/x'), ['HOME']);
    // A clean temp value: whichever value $TMPDIR then holds is a temp path.
    assert.deepEqual(reboundNames('TMPDIR=/tmp/sub rm -rf $TMPDIR/x'), []);
    assert.deepEqual(reboundNames("export TMPDIR='/var/tmp/ci'"), []);
  });
  test('the analysis marks every command of the action', () => {
    const a = analyzeShell('TMPDIR=/x true; rm -rf $TMPDIR/y');
    assert.ok(a.commands.every((c) => c.rebound?.includes('TMPDIR')));
    assert.equal(analyzeShell('rm -rf $TMPDIR/y').commands[0].rebound, undefined);
  });
  for (const c of [
    'TMPDIR=/Users rm -rf $TMPDIR/test-dir',
    'TMPDIR= rm -rf $TMPDIR/test-dir',
    'TMPDIR=/tmp/../root rm -rf "${TMPDIR}/test-dir"',
    'read TMPDIR; rm -rf $TMPDIR/test-dir',
    'TMPDIR=/srv bash -c \'rm -rf "$TMPDIR/x"\'',
    'HOME=/ rm -rf ~/node_modules',
    'export HOME=/srv; rm -rf "$HOME/.cache"',
  ]) test(`asks: ${c}`, () => asks(c));
  for (const c of ['rm -rf $TMPDIR/test-dir', 'rm -rf "${TMPDIR}/build-1"', 'TMPDIR=/tmp/sub rm -rf $TMPDIR/test-dir']) test(`allows: ${c}`, () => allows(c));
});

describe("quoted '$TMPDIR' is a literal name, not the variable", () => {
  test("rm -rf '$TMPDIR/foo' asks (./$TMPDIR/foo in the cwd)", () => asks("rm -rf '$TMPDIR/foo'"));
  test("rm -rf '$TMPDIR/node_modules' is a regenerable folder in the cwd", () => allows("rm -rf '$TMPDIR/node_modules'"));
  test('double quotes still expand', () => allows('rm -rf "$TMPDIR/foo"'));
});

describe('env -S words are env arguments again; env -C / sudo -D move the command', () => {
  test('env -S "-C DIR" reaches the git command', () => {
    const names = analyzeShell("env -S '-C /w/other' git reset --hard").commands.map((c) => c.name);
    assert.ok(names.includes('git'), names.join(','));
    asks("env -S '-C /w/other' git reset --hard");
  });
  for (const c of ["env -S '-i git reset --hard'", "env -S 'FOO=1 git reset --hard'", "env -u HOME -S 'git reset --hard'", "env -S 'rm -rf src'"]) test(`asks: ${c}`, () => asks(c));
  for (const c of ["env -S 'git status'", "env -S '-i FOO=1 npm test'", 'env -C sub npm test']) test(`allows: ${c}`, () => allows(c));
  test('env -C DIR adds a cd the judge follows', () => {
    assert.deepEqual(analyzeShell('env -C /x rm -rf build').commands.map((c) => [c.name, ...c.args].join(' ')), ['cd /x', 'rm -rf build']);
  });
});

describe('xargs handing its input to a shell as the script', () => {
  for (const c of ['find . -name "*.sh" | xargs -n1 bash -c', 'cat jobs.txt | xargs -I{} sh -c {}', "cat jobs.txt | xargs -I% sh -c 'echo %; date'"]) {
    test(`asks as unknown code: ${c}`, () => assert.ok(decide(c).rules.includes('shell.unknown-code'), decide(c).rules.join(',')));
  }
  // The input is the script itself: asked about whatever the input is, even when it is known and harmless.
  for (const c of ['echo ok | xargs -I{} bash -c {}', 'echo ok | xargs bash -c', 'echo ok | xargs -I% sh -c %']) {
    test(`asks as input run as code: ${c}`, () => assert.ok(decide(c).rules.includes('shell.input-as-code'), decide(c).rules.join(',')));
  }
  // The script is fixed and the input only its arguments, or the input is known and the script judged as substituted.
  for (const c of ["ls | xargs -I{} sh -c 'wc -l \"$1\"' _ {}", 'ls | xargs -n1 echo', "echo ok | xargs -I{} bash -c 'echo {}'"]) test(`allows: ${c}`, () => allows(c));
  test('known input is substituted and judged', () => {
    const d = decide("printf 'rm -rf src\\n' | xargs -I{} bash -c {}");
    assert.ok(d.rules.includes('fs.recursive-delete'), d.rules.join(','));
  });
  // `xargs -I{} rm -rf` never uses its input (inert as written), but it is written as the delete of that input.
  for (const c of ['echo / | xargs -i rm -rf', 'echo / | xargs -i{} rm -rf', 'ls | xargs -I{} rm -rf', 'echo src | xargs -J % rm -rf']) {
    test(`asks as the recursive delete it spells: ${c}`, () => assert.ok(decide(c).rules.includes('fs.recursive-delete'), decide(c).rules.join(',')));
  }
  for (const c of ['ls | xargs -I{} echo done', 'echo a | xargs -i echo {}', 'find . -name "*.o" | xargs -I{} ls -l {}']) test(`allows: ${c}`, () => allows(c));
});

describe('regenerable names only count inside the workspace tree', () => {
  for (const c of [
    'cd .. && rm -rf build',
    'builtin cd .. && rm -rf build',
    '( cd ..; rm -rf build )',
    '{ cd ..; rm -rf node_modules; }',
    'env -C /srv/other rm -rf build',
    'sudo -D /srv/other rm -rf build',
    'parallel env -C /srv/other rm -rf {} ::: build',
    'rm -rf /srv/other/node_modules',
    'rm -rf ~/other/dist',
  ]) test(`asks: ${c}`, () => asks(c));
  test('rm -rf build with cwd == $HOME asks', () => asks('rm -rf build', { cwd: '/home/u', home: '/home/u' }));
  test('rm -rf build with cwd == / asks', () => asks('rm -rf build', { cwd: '/', home: '/home/u' }));
  test('a workspace root that is the home does not count either', () => asks('rm -rf build', { cwd: '/home/u', home: '/home/u', workspaceRoots: ['/home/u'] }));
  for (const c of [
    'rm -rf build',
    'rm -rf ./node_modules',
    'rm -rf packages/web/dist',
    'rm -rf /w/app/dist',
    'cd src && rm -rf build',
    'env -C sub rm -rf build',
    'find . -name "*.pyc" -delete',
    'rm -rf /tmp/build-1 /var/tmp/x',
    'rm -rf "$OUT/node_modules"',
  ]) test(`allows: ${c}`, () => allows(c));
  // (fs.airlock-guard-bypass, another rule, judges what a glob could reach; this is about the delete rule only.)
  test('rm -rf packages/*/dist is no recursive delete of anything precious', () => assert.ok(!decide('rm -rf packages/*/dist').rules.includes('fs.recursive-delete')));
  test('the home cache directory is regenerable wherever the cwd is', () => allows('rm -rf ~/.cache/pip'));
  test('a workspace root wider than the cwd holds a sibling package', () => allows('cd ../web && rm -rf dist', { cwd: '/w/app', home: '/home/u', workspaceRoots: ['/w'] }));
  test('no cwd and no workspace: judged by name as before', () => allows('rm -rf node_modules', { home: '/home/u' }));
});
