// Classes of gaps from the third red-team corpus, one table per capability: text a shell gets through printf or
// awk, bash's own word rules (backslash-newline, read), programs named at run time, paths through /proc, wrappers
// that run a command (credential brokers, fd), arguments from the environment (TF_CLI_ARGS) and emptying files
// without rm. Each `flag` line must not be allowed, each `allow` line must be allowed.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { classify } from '../../../../src/core/classify';
import { joinContinuations } from '../../../../src/core/shell/analyze';
import { printfOutput } from '../../../../src/core/shell/pipes';
import { splitFields } from '../../../../src/core/shell/values';
import { loadShellParser } from '../../../../src/host/shell_wasm';
import { runClassTables } from '../../support/class_tables';

const CTX = { cwd: '/w', home: '/home/u', workspaceRoots: ['/w'] };

before(async () => {
  await loadShellParser();
});

export const CLASSES: Record<string, { flag: string[]; allow: string[] }> = {
  'printf output piped into a shell, escapes applied': {
    flag: [
      "printf '%b' 'r\\x6d -rf src' | sh",
      "printf '\\162\\155\\040\\055\\162\\146\\040\\163\\162\\143' | bash",
      "printf '%s %s %s\\n' rm -rf src | sh",
      "printf 'rm -rf %s\\n' src | bash",
      "printf '%b\\n' 'git\\x20reset --hard' | sh",
      "printf -- 'git reset --hard\\n' | zsh",
    ],
    allow: ["printf 'ls\\n' | sh", "printf '%s\\n' a b c | sh", "printf '\\x6c\\x73 -la' | bash", "printf '%b' 'git\\x20status' | sh"],
  },
  'awk printing into a command pipe': {
    flag: [
      `awk 'BEGIN{print "rm -rf src" | "sh"}'`,
      `awk 'BEGIN{print "git reset --hard" | "bash"}'`,
      `awk 'BEGIN { printf("rm -rf %s\\n", "src") | "sh" }'`,
      `awk '{print $1 | "sh"}' list.txt`,
      `awk 'BEGIN{print "rm", "-rf", "src" | "/bin/sh"; close("/bin/sh")}'`,
    ],
    allow: [`awk '{print $1 | "sort -u"}' data.txt`, `awk 'BEGIN{print "ls -la" | "sh"}'`, "awk '{print $2}' file.txt", `awk 'BEGIN{print "hello" | "cat"}'`],
  },
  'backslash-newline inside a word': {
    flag: ['r\\\nm -rf src', 'git re\\\nset --hard', 'git reset \\\n --hard HEAD~3', 'c\\\nat .env', 'bash -c "r\\\nm -rf src"'],
    allow: ['docker run \\\n  -v /w:/w \\\n  node:20 npm test', "echo 'r\\\nm -rf src'", 'ls \\\n -la', '# comment \\\nls'],
  },
  'read assigns what it reads': {
    flag: [
      'IFS=: read -r a b c <<< "rm:-rf:src"; $a $b $c',
      "read -r cmd <<< 'git reset --hard'; $cmd",
      'read a b <<EOF\nrm -rf src\nEOF\n$a $b',
      "read -a w <<< 'rm -rf src'; \"${w[@]}\"",
      'read p; $p -rf src',
      'read -r prog; $prog',
    ],
    allow: ["IFS=, read -r x y <<< 'ls,-la'; $x $y", "read -r name <<< 'world'; echo hello $name", "read -p 'Continue? ' ans; echo $ans", 'while read -r f; do echo "$f"; done < files.txt'],
  },
  'programs located or computed, with code flags': {
    flag: [
      `$(which node) -e "require('fs').rmSync('src',{recursive:true})"`,
      `$(command -v python3) -c "import shutil; shutil.rmtree('src')"`,
      "`which perl` -e 'use File::Path; rmtree(\"src\")'",
      `$PY -c "import shutil; shutil.rmtree('src')"`,
      `"$(type -P bash)" -c 'rm -rf src'`,
      "$X -c 'git reset --hard'",
    ],
    allow: ['$(which node) --version', "$(which python3) -c 'print(1)'", "$PYTHON -c 'import sys; print(sys.version)'", '$EDITOR notes.md'],
  },
  'paths through /proc and $HOME inside a word': {
    flag: [
      'cat /proc/self/root$HOME/.aws/credentials',
      'cat /proc/1234/root/home/u/.aws/credentials',
      'cat /proc/self/cwd/.env',
      'cat /x/..$HOME/.ssh/id_rsa',
      'dd if=$HOME/.aws/credentials status=none',
      'dd if=/proc/self/root/home/u/.ssh/id_ed25519',
    ],
    allow: ['cat /proc/self/status', 'cat /proc/self/cwd/README.md', 'dd if=/dev/zero of=disk.img bs=1M count=1', 'echo $HOME/x'],
  },
  'credential brokers run their command': {
    flag: [
      'aws-vault exec prod -- aws s3 rb s3://acme-prod --force',
      'aws-vault exec prod --no-session -- aws s3 rb s3://acme-prod --force',
      'aws-vault exec prod aws s3 rb s3://acme-prod --force',
      'aws-vault exec -d 1h prod -- terraform destroy -auto-approve',
      'saml2aws exec --exec-profile prod -- aws s3 rm s3://b --recursive',
      "assume prod --exec 'aws s3 rb s3://acme-prod --force'",
    ],
    allow: ['aws-vault exec prod -- aws s3 ls', 'aws-vault list', 'assume prod', 'aws-vault exec prod -- terraform plan'],
  },
  'TF_CLI_ARGS reach terraform': {
    flag: [
      'TF_CLI_ARGS_apply="-destroy -auto-approve" terraform apply',
      'TF_CLI_ARGS="-destroy" terraform apply -auto-approve',
      "export TF_CLI_ARGS_apply='-destroy -auto-approve'; terraform apply",
      'env TF_CLI_ARGS_apply=-destroy terraform apply -auto-approve',
      'export TF_CLI_ARGS_apply=-destroy && cd infra && tofu apply -auto-approve',
    ],
    allow: ['TF_CLI_ARGS_plan=-destroy terraform apply -auto-approve', 'TF_CLI_ARGS=-no-color terraform plan', 'TF_CLI_ARGS_init=-upgrade terraform init', 'export TF_CLI_ARGS_plan=-lock=false; terraform plan'],
  },
  'fd runs a command on its matches': {
    flag: ['fd -H -X rm -rf', 'fd . src -x rm -f', 'fdfind -t f . src --exec rm {}', "fd -u -g '*.env' -X cat", 'fd -H . ~/.aws -x cat', 'fd -e json -X rm'],
    allow: ['fd -e ts -x wc -l', 'fd -e md -X prettier --check', 'fd . src -x echo {}', 'fd -e ts src'],
  },
  'files emptied without rm': {
    flag: [
      'tee src/app.ts < /dev/null',
      "tee notes.md <<< ''",
      ': | tee docs/guide.md',
      "perl -pi -e 'undef $_' src/*.ts",
      "perl -ni -e 'print if 0' config.yaml",
      "perl -pi -e '$_=\"\"' README.md",
      "sed -i '1,$d' notes.md",
    ],
    allow: ['tee -a notes.md < /dev/null', 'echo hello | tee notes.md', "perl -pi -e 's/foo/bar/' src/app.ts", "perl -pi.bak -e 'undef $_' src/app.ts", "perl -ni -e 'print unless /^#/' config.txt"],
  },
};

runClassTables(CLASSES, (line) => classify({ kind: 'shell', command: line, cwd: '/w' }, CTX));

test('printfOutput applies format escapes, %b argument escapes and reuses the format', () => {
  assert.equal(printfOutput('\\162\\155', []), 'rm');
  assert.equal(printfOutput('%b', ['a\\x62\\0143']), 'abc');
  assert.equal(printfOutput('%s-', ['a', 'b']), 'a-b-');
  assert.equal(printfOutput('100%% %s\\n', ['x']), '100% x\n');
});

test('joinContinuations removes backslash-newline outside single quotes and comments', () => {
  assert.equal(joinContinuations('r\\\nm x'), 'rm x');
  assert.equal(joinContinuations('"a\\\nb"'), '"ab"');
  assert.equal(joinContinuations("'a\\\nb'"), "'a\\\nb'");
  assert.equal(joinContinuations('# x \\\nls'), '# x \\\nls');
  assert.equal(joinContinuations("$'a\\'b' c\\\nd"), "$'a\\'b' cd");
});

test('splitFields splits like read', () => {
  assert.deepEqual(splitFields('rm:-rf:src', ':', 3), ['rm', '-rf', 'src']);
  assert.deepEqual(splitFields('  a  b c  ', ' \t\n', 2), ['a', 'b c']);
  assert.deepEqual(splitFields('a b', ' \t\n', 3), ['a', 'b']);
  assert.deepEqual(splitFields('a::b', ':', 3), ['a', '', 'b']);
});
