// Inline interpreter code (issue #10 item 9): what `python -c`, `node -e`, `perl -e`, `ruby -e`, `php -r` and
// heredocs into interpreters run, read and delete is judged like the shell command it amounts to. A string that
// is only printed is data.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { classify } from '../../../../src/core/classify';
import { foldConcatenation, scanCode } from '../../../../src/core/effects/code_scan';
import { loadShellParser } from '../../../../src/host/shell_wasm';
import { type Fixture, makeFixture } from './fixture';

let fx: Fixture;

before(async () => {
  await loadShellParser();
  fx = makeFixture();
});

after(() => fx.cleanup());

const CLASSES: Record<string, { flag: string[]; allow: string[] }> = {
  'commands run from code': {
    flag: [
      `python -c "import subprocess; subprocess.run(['rm','-rf','src'])"`,
      `python3 -c "import subprocess; subprocess.call(['rm', '-r', '-f', 'src'])"`,
      `python3 -c "import os; os.system('rm -rf src')"`,
      `python -c "import os; c = 'rm -rf src'; os.system(c)"`,
      `node -e "require('child_process').execSync('rm -rf src')"`,
      `node -e "require('child_process').spawnSync('rm', ['-rf', 'src'])"`,
      `perl -e 'system("rm -rf src")'`,
      `perl -e 'system("rm", "-rf", "src")'`,
      `ruby -e 'system("rm", "-rf", "src")'`,
      'ruby -e \'`rm -rf src`\'',
      `php -r 'shell_exec("rm -rf src");'`,
      "python3 <<'EOF'\nimport os\nos.system('rm -rf src')\nEOF",
      "node <<'EOF'\nrequire('child_process').execSync('rm -rf src')\nEOF",
      `python3 -c "import subprocess as s; s.run('rm -rf src', shell=True)"`,
      `node -e "const {execSync: x} = require('child_process'); x('rm -rf src')"`,
      `python3 -c "import os; os.execvp('rm', ['rm', '-rf', 'src'])"`,
      `perl -e 'use File::Path; rmtree "src"'`,
      `python3 -c "__import__('shutil').rmtree('src')"`,
    ],
    allow: [
      `python -c "print('rm -rf /')"`,
      `node -e "console.log('rm -rf src')"`,
      `python -c "import os; print(os.getcwd())"`,
      `perl -e 'print "rm -rf src\\n"'`,
      `ruby -e 'puts 1+1'`,
      `node -e "require('child_process').execSync('git status')"`,
      `python3 -c "import subprocess; subprocess.run(['ls', '-la'])"`,
      `python3 -c "print('run rm -rf src to clean up')"`,
      `node -e "const {execSync} = require('child_process'); console.log(execSync('git log -1').toString())"`,
    ],
  },
  'files deleted from code': {
    flag: [
      `python -c "import shutil; shutil.rmtree('src')"`,
      `node -e "require('fs').rmSync('src', {recursive: true, force: true})"`,
      `ruby -e 'require "fileutils"; FileUtils.rm_rf("src")'`,
      `perl -MFile::Path=remove_tree -e 'remove_tree("src")'`,
      `node -e "require('fs').rmSync('s'+'rc', {recursive: true})"`,
    ],
    allow: [`python -c "import shutil; shutil.copy('a.txt', 'b.txt')"`, `node -e "require('fs').mkdirSync('out', {recursive: true})"`, `python -c "import os; os.makedirs('build', exist_ok=True)"`],
  },
  'secret files read from code': {
    flag: [
      `python -c "print(open('.env').read())"`,
      `python -c "print(open('.e'+'nv').read())"`,
      `python3 -c "import os; print(open(os.path.expanduser('~/' + '.ssh/id_rsa')).read())"`,
      `node -e "console.log(require('fs').readFileSync('.env', 'utf8'))"`,
      `node -e "console.log(require('fs').readFileSync('.e' + 'nv', 'utf8'))"`,
      `python -c "import glob; print(glob.glob('.e*'))"`,
      `ruby -e 'puts File.read(".env")'`,
      `php -r 'echo file_get_contents(".env");'`,
      `perl -e 'open(F, "<", ".env"); print <F>'`,
      `python3 -c "from pathlib import Path; print(Path('~/.ssh/id_rsa').expanduser().read_text())"`,
    ],
    allow: [`python -c "print(open('README.md').read())"`, `node -e "console.log(require('fs').readFileSync('package.json', 'utf8'))"`, `python -c "import glob; print(glob.glob('*.md'))"`, `ruby -e 'puts File.read("README.md")'`],
  },
  'dangerous names built at run time': {
    flag: [
      `python -c "import shutil; getattr(shutil, 'rm'+'tree')('src')"`,
      `python -c "import os; getattr(os, 'sys'+'tem')('id')"`,
      `node -e "const fs=require('fs'); fs['rm'+'Sync']('src',{recursive:true})"`,
      `node -e "const m='rmSync'; require('fs')[m]('src',{recursive:true})"`,
      `python -c "import importlib; importlib.import_module(''.join(['o','s'])).system('id')"`,
      `ruby -e 'FileUtils.send(("rm" + "_rf").to_sym, "src")'`,
      `php -r '$f = "sys"."tem"; $f("id");'`,
    ],
    allow: [`python -c "import os; print(getattr(os, 'sep'))"`, `node -e "const o={a:1}; console.log(o['a'])"`, `python -c "print(getattr(str, 'upper')('x'))"`],
  },
  'files emptied from code': {
    flag: [
      `python3 -c "open('src/index.ts','w').close()"`,
      `python3 -c "import os; os.truncate('src/index.ts', 0)"`,
      `node -e "require('fs').writeFileSync('src/index.ts','')"`,
      `node -e "require('fs').truncateSync('src/util.ts')"`,
      `ruby -e 'File.write("src/index.ts", "")'`,
      `php -r 'file_put_contents("src/index.ts", "");'`,
      `python3 -c "from pathlib import Path; Path('src/index.ts').write_text('')"`,
    ],
    allow: [`python3 -c "open('out.txt','w').write('done')"`, `node -e "require('fs').writeFileSync('out.txt','ok')"`, `python3 -c "print(open('README.md').read())"`],
  },
  'files read through SQL functions and more languages': {
    flag: [
      `duckdb -c "select content from read_text('.env')"`,
      `sqlite3 :memory: '.import --csv .env t' 'select * from t'`,
      `mysql -e "LOAD DATA LOCAL INFILE '.env' INTO TABLE t"`,
      `psql -c "select pg_read_file('.env')"`,
      `psql -c "\\copy t from '.env'"`,
      `julia -e 'print(read(".env",String))'`,
      `racket -e '(display (file->string ".env"))'`,
      `erl -noshell -eval 'io:format("~s", [element(2, file:read_file(".env"))]), halt().'`,
      `jsonnet -e 'importstr ".env"'`,
      "m4 <<< 'include(.env)'",
      `swift -e 'print(try! String(contentsOfFile: ".env"))'`,
      "jshell <<< 'System.out.println(java.nio.file.Files.readString(java.nio.file.Path.of(\".env\")))'",
    ],
    allow: [`duckdb -c "select * from read_csv('data/users.csv')"`, `sqlite3 :memory: '.import --csv README.md t'`, `psql -c "select 1"`, `julia -e 'print(read("README.md",String))'`],
  },
  'code that decodes, renames, empties or calls a database driver': {
    flag: [
      `python3 -c "import base64,os; os.system(base64.b64decode('cm0gLXJmIHNyYw==').decode())"`,
      `python3 -c "open('src/index.ts', 'w')"`,
      `perl -e 'open(F, ">", "src/index.ts")'`,
      `perl -e 'truncate "src/index.ts", 0'`,
      `python3 -c "import redis; redis.Redis().flushall()"`,
      `ruby -e 'require "redis"; Redis.new.flushall'`,
      `python3 -c "import pymongo; pymongo.MongoClient().drop_database('app')"`,
      `racket -e '(delete-directory/files "src")'`,
      `ghc -e 'System.Directory.removeDirectoryRecursive "src"'`,
      `guile -c '(delete-file ".env")'`,
      `crystal eval 'File.delete(".env")'`,
      `clojure -M -e '(run! #(.delete %) (reverse (file-seq (java.io.File. "src"))))'`,
      `sbcl --non-interactive --eval '(uiop:delete-directory-tree #p"src/" :validate t)'`,
      `ruby -run -e rm_rf -- src`,
      `perl -e 'system qw(rm -rf src)'`,
      `pypy3 -c "import shutil; shutil.rmtree('src')"`,
      `ipython -c "!rm -rf src"`,
      `npx tsx -e "require('fs').rmSync('src', { recursive: true })"`,
      `python3 -c "import sqlite3; c = sqlite3.connect('app.db'); c.execute('DELETE FROM users'); c.commit()"`,
      "python3 <<'EOF'\nimport sqlite3\ncon = sqlite3.connect('app.db')\ncon.execute('DROP TABLE orders')\nEOF",
      `node -e "const db = require('better-sqlite3')('app.db'); db.exec('DELETE FROM users')"`,
      `node -e "require('./db').pool.query('TRUNCATE TABLE events')"`,
    ],
    allow: [
      `python3 -c "import sqlite3; print(sqlite3.connect('app.db').execute('SELECT count(*) FROM users').fetchone())"`,
      `python3 -c "import sqlite3; sqlite3.connect('app.db').execute('DELETE FROM sessions WHERE expires < 0')"`,
      `python3 -c "import base64; print(base64.b64decode('aGVsbG8=').decode())"`,
      `python3 -c "import json; json.dump({}, open('out.json', 'w'))"`,
      `python3 -c "import os; os.rename('out.tmp', 'out.txt')"`,
      `python3 -c "import redis; print(redis.Redis().ping())"`,
      `racket -e '(displayln 42)'`,
      `ghc -e 'print 42'`,
    ],
  },
  'more languages and debuggers that run shell commands or delete trees': {
    flag: [
      `elixir -e 'File.rm_rf!("src")'`,
      `elixir -e 'System.cmd("rm", ["-rf", "src"])'`,
      `raku -e 'shell "rm -rf src"'`,
      `groovy -e 'new File("src").deleteDir()'`,
      `groovy -e '"rm -rf src".execute()'`,
      `lua -e 'os.execute("rm -rf src")'`,
      `Rscript -e 'unlink("src", recursive = TRUE)'`,
      `Rscript -e 'system("rm -rf src")'`,
      `R -e 'system("rm -rf src")'`,
      `Rscript -e 'system2("rm", c("-rf", "src"))'`,
      `Rscript -e 'processx::run("rm", c("-rf", "src"))'`,
      `Rscript -e 'file.remove(list.files("src", full.names = TRUE))'`,
      "go run /dev/stdin <<'EOF'\npackage main\nimport \"os\"\nfunc main() { os.RemoveAll(\"src\") }\nEOF",
      `osascript -e 'do shell script "rm -rf src"'`,
      `gdb -batch -ex 'shell rm -rf src'`,
      `gdb -batch -ex '!rm -rf src'`,
      `lldb -o 'platform shell rm -rf src'`,
      `pwsh -c 'Get-ChildItem src -Recurse | Remove-Item -Force -Recurse'`,
      `pwsh -c 'gci -Path src | ri -Recurse -Force'`,
      `pwsh -c "Clear-Content src/index.ts"`,
      `pwsh -c "[IO.Directory]::Delete('src', $true)"`,
      `pwsh -c '[System.IO.Directory]::Delete("src", $true)'`,
      `powershell -EncodedCommand UgBlAG0AbwB2AGUALQBJAHQAZQBtACAALQBSAGUAYwB1AHIAcwBlACAALQBGAG8AcgBjAGUAIABzAHIAYwA=`,
      `pwsh -enc UgBlAG0AbwB2AGUALQBJAHQAZQBtACAALQBSAGUAYwB1AHIAcwBlACAALQBGAG8AcgBjAGUAIABzAHIAYwA=`,
    ],
    allow: [`elixir -e 'IO.puts 1'`, `raku -e 'say 42'`, `groovy -e 'println "hi"'`, `lua -e 'print(1)'`, `Rscript -e 'print(summary(cars))'`, `gdb -batch -ex bt ./a.out`, `osascript -e 'display notification "done"'`, `pwsh -c 'Get-ChildItem src -Recurse | Select-Object Name'`, `pwsh -c "[IO.Directory]::Exists('src')"`, `pwsh -EncodedCommand RwBlAHQALQBDAGgAaQBsAGQASQB0AGUAbQAgAHMAcgBjAA==`],
  },
};

for (const [name, cls] of Object.entries(CLASSES)) {
  describe(name, () => {
    test('has at least 5 flag and 3 allow examples', () => assert.ok(cls.flag.length >= 5 && cls.allow.length >= 3));
    for (const c of cls.flag) {
      test(`flags ${c}`, () => {
        assert.notEqual(fx.decide(c).decision, 'allow', c);
        // Inline code needs no disk: the same verdict without facts
        assert.notEqual(classify({ kind: 'shell', command: c }, { cwd: '/w', home: '/home/u' }).decision, 'allow', `${c} without facts`);
      });
    }
    for (const c of cls.allow) {
      test(`allows ${c}`, () => {
        const v = fx.decide(c);
        assert.equal(v.decision, 'allow', `${c}: ${v.rules.join(', ')} ${v.reason}`);
      });
    }
  });
}

describe('project files loaded by inline code', () => {
  const FLAG = [
    `node -e "require('./scripts/clean.js')"`,
    `node -e "require('./scripts/clean')"`,
    `python3 -c "import runpy; runpy.run_path('scripts/show.py')"`,
    `python3 -c "exec(open('scripts/run.py').read())"`,
    `node -e "import('./scripts/clean.js')"`,
  ];
  const ALLOW = [`node -e "require('./scripts/ok.js')"`, `python3 -c "exec(open('scripts/ok.py').read())"`, `node -e "require('fs')"`];
  for (const c of FLAG) test(`flags ${c}`, () => assert.notEqual(fx.decide(c).decision, 'allow', c));
  for (const c of ALLOW) test(`allows ${c}`, () => assert.equal(fx.decide(c).decision, 'allow', `${c}: ${fx.decide(c).rules.join(',')}`));
});

test('the verdict names the real target and the interpreter', () => {
  const v = fx.decide(`python -c "import subprocess; subprocess.run(['rm','-rf','src'])"`);
  assert.ok(v.rules.includes('fs.recursive-delete'), v.rules.join(','));
  assert.match(v.target ?? '', /src$/);
  assert.match(v.reason, /python -c/);
});

test('string folding joins literals across + and . only', () => {
  assert.equal(foldConcatenation(`open('.e'+'nv')`), `open('.env')`);
  assert.equal(foldConcatenation(`"a" . "b" . "c"`), `'abc'`);
  assert.equal(foldConcatenation(`'x'.join(y)`), `'x'.join(y)`);
});

test('code scanning: printed strings are data, run strings are commands', () => {
  assert.deepEqual(scanCode(`print('rm -rf /')`, true).shell, []);
  assert.deepEqual(scanCode(`os.system('rm -rf /')`, true).shell, ['rm -rf /']);
  assert.ok(scanCode(`subprocess.run(["rm", "-rf", "x y"])`, true).shell.includes(`rm -rf 'x y'`));
  assert.deepEqual(scanCode(`subprocess.run(["rm", "-rf", "x y"])`, false).shell, [`rm -rf 'x y'`]);
  assert.equal(scanCode(`getattr(obj, name)`, false).unknown.length, 0, 'script files: a computed getattr is everyday code');
  assert.equal(scanCode(`getattr(obj, name)`, true).unknown.length, 1);
});
