// Reads interpreter code (Python, JavaScript, Perl, Ruby, PHP) for what it makes the machine do: shell commands
// it runs (`os.system`, `subprocess.run([...])`, `child_process.execSync`, `system`, backticks), files it reads
// (`open('.env')`, `fs.readFileSync`) or deletes (`shutil.rmtree`, `fs.rmSync(.., {recursive})`), and names it
// builds at run time to reach a dangerous function (`getattr(s, 'rm'+'tree')`, `fs['rm'+'Sync']`). Literal strings
// joined with `+` or `.` are folded first, so `'.e'+'nv'` is `.env`. A string that is only printed is data.
import { rot13 } from '../shell/words';

export interface CodeEffects {
  /** Shell command lines the code runs. */
  shell: string[];
  /** Paths (or glob patterns) it reads. */
  reads: string[];
  deletes: { path: string; recursive: boolean }[];
  /** Paths it empties (opened for writing and closed, written with '', truncated to 0). */
  truncates: string[];
  /** Why what it runs cannot be known, when it reaches a dangerous function through a computed name. */
  unknown: string[];
  /** The code runs a command whose text is computed: the string literals it holds, to judge as arguments. */
  computedRun: boolean;
  literals: string[];
}

const MAX_CODE = 200_000;
const MAX_ITEMS = 32;

/** One string literal (optional Python prefix), without escapes inside (escaped strings are not folded or read). */
const STR = String.raw`(?:[rRbBuU]{0,2})(?:'([^'\\\n]*)'|"([^"\\\n]*)")`;
const LIST_ITEMS = new RegExp(STR, 'g');

type Segment = { str: false; text: string } | { str: true; value: string; raw: string; plain: boolean };

/** Code cut into string literals and the rest, quotes matched from left to right (escapes honoured). */
function segments(code: string): Segment[] {
  const out: Segment[] = [];
  let from = 0;
  for (let i = 0; i < code.length; i++) {
    const q = code[i];
    if (q !== "'" && q !== '"' && q !== '`') continue;
    let j = i + 1;
    let plain = true;
    while (j < code.length && code[j] !== q) {
      if (code[j] === '\\') {
        plain = false;
        j++;
      } else if (code[j] === '\n' && q !== '`') break;
      j++;
    }
    if (j >= code.length || code[j] !== q) continue;
    if (i > from) out.push({ str: false, text: code.slice(from, i) });
    out.push({ str: true, value: code.slice(i + 1, j), raw: code.slice(i, j + 1), plain: plain && q !== '`' });
    from = j + 1;
    i = j;
  }
  if (from < code.length) out.push({ str: false, text: code.slice(from) });
  return out;
}

/** `'a' + 'b'`, `"a" . "b"` (Perl/PHP) -> one literal. Literals with escapes are left as written. */
export function foldConcatenation(code: string): string {
  if (!/['"]\s*[+.]?\s*['"]/.test(code)) return code;
  const segs = segments(code);
  // A literal's value when it is plain or its only escapes are quotes and backslashes (`"volume\"s\""`).
  const valueOf = (s: Segment): string | undefined =>
    s.str && s.raw[0] !== '`' ? (s.plain ? s.value : /^(?:[^\\]|\\["'\\])*$/.test(s.value) ? s.value.replace(/\\(["'\\])/g, '$1') : undefined) : undefined;
  let out = '';
  for (let k = 0; k < segs.length; k++) {
    const s = segs[k];
    if (!s.str) {
      out += s.text;
      continue;
    }
    let value = valueOf(s);
    if (value === undefined) {
      out += s.raw;
      continue;
    }
    let folded = false;
    while (k + 2 < segs.length) {
      const op = segs[k + 1];
      const next = segs[k + 2];
      const v = valueOf(next);
      if (op.str || !/^(?:\s*[+.]\s*|[ \t]+)$/.test(op.text) || v === undefined) break;
      value += v;
      folded = true;
      k += 2;
    }
    out += !folded ? s.raw : !value.includes("'") ? `'${value}'` : `"${value.replace(/["\\]/g, '\\$&')}"`;
  }
  return out;
}

function lit(m: RegExpExecArray, at: number): string {
  return (m[at] ?? m[at + 1] ?? '') as string;
}

function listItems(text: string): string[] {
  return [...text.matchAll(LIST_ITEMS)].map((m) => m[1] ?? m[2] ?? '').slice(0, 64);
}

function all(re: RegExp, code: string, take: (m: RegExpExecArray) => void): void {
  re.lastIndex = 0;
  let n = 0;
  for (let m = re.exec(code); m !== null && n < MAX_ITEMS; m = re.exec(code), n++) take(m);
}

/** Calls that run their (first) string argument through a shell. */
const RUN_STRING = new RegExp(
  String.raw`(?:\bos\s*\.\s*(?:system|popen)|\bsubprocess\s*\.\s*(?:run|call|check_call|check_output|Popen|getoutput|getstatusoutput)|(?:^|[^\w$])(?:run|call|check_call|check_output|Popen|getoutput|getstatusoutput)|(?:^|[^\w$.])sh(?=\s*\(|\s+['"%])|\bcommands\s*\.\s*getoutput|\b(?:exec|execSync|shell_exec|system|passthru|popen|proc_open|spawn|spawnSync)|\bIO\s*\.\s*popen|\bOpen3\s*\.\s*(?:capture2e?|capture3|popen3|popen2)|%x|\bos\s*\.\s*execute|\bio\s*\.\s*popen|\bSystem\s*\.\s*shell|:os\s*\.\s*cmd|\bdo\s+shell\s+script)\s*[({]?\s*${STR}`,
  'g',
);
/** Perl/Ruby `system "…"` without parentheses. */
const RUN_BARE = new RegExp(String.raw`\b(?:system|exec|shell)\s+${STR}`, 'g');
/** Perl `system qw(git reset --hard)` / `exec qw(...)`: a word list. */
const RUN_QW = /\b(?:system|exec)\s*\(?\s*qw\s*[(\[{/]([^)\]}/]{1,2000})[)\]}/]/g;
/** IPython: `!rm -rf data` and `%system …` lines run in a shell. */
const IPYTHON_BANG = /(?:^|[;\n])\s*(?:!|%(?:system|sx)\s+)([^\n;]+)/g;
/** Groovy: `"rm -rf src".execute()`. */
const RUN_EXECUTE = new RegExp(String.raw`${STR}\s*\.\s*execute\s*\(`, 'g');
/** Backticks and qx: Perl, Ruby, PHP (not JS template literals, which JS code never runs as shell). */
const BACKTICK = /`([^`\n]{1,2000})`|\bqx\s*[({\/]([^)}\/\n]{1,2000})[)}\/]/g;
/** Program and argument list: `subprocess.run(["rm", "-rf", "src"])`, `spawn("rm", ["-rf", "src"])`, `system("rm", "-rf", "src")`. */
const RUN_LIST = new RegExp(
  String.raw`\b(?:run|call|check_call|check_output|Popen|execvp?e?|spawnv?p?e?|spawnSync|execFile|execFileSync|system|exec|System\s*\.\s*cmd|system2|Command|CommandContext|ProcessBuilder)\s*\(\s*(?:os\s*\.\s*P_\w+\s*,\s*)?(\[[^\]]{0,2000}\]|${STR}\s*,\s*(?:\[[^\]]{0,2000}\]|${STR}(?:\s*,\s*${STR})*))`,
  'g',
);
/** Calls that run a command whose text is not a literal: `os.system(cmd)`, `execSync(parts.join(' '))`. */
const RUN_COMPUTED = /(?:\bos\s*\.\s*(?:system|popen)|\bsubprocess\s*\.\s*(?:run|call|check_call|check_output|Popen|getoutput)|\b(?:execSync|exec|spawn|spawnSync|execFile|execFileSync|shell_exec|system|passthru)|\bIO\s*\.\s*popen)\s*\(\s*(?!['"\[\])])([A-Za-z_$][\w$.]*)/g;

/** Expressions for the home directory in the languages scanned: they become `~` when a path is joined to them. */
const HOME_EXPR = String.raw`(?:(?:pathlib\s*\.\s*)?Path\s*\.\s*home\s*\(\s*\)|os\s*\.\s*path\s*\.\s*expanduser\s*\(\s*["']~["']\s*\)|os\s*\.\s*homedir\s*\(\s*\)|os\s*\.\s*environ\s*(?:\[\s*["']HOME["']\s*\]|\.\s*get\s*\(\s*["']HOME["']\s*\))|os\s*\.\s*getenv\s*\(\s*["']HOME["']\s*\)|process\s*\.\s*env\s*(?:\.\s*HOME|\[\s*["']HOME["']\s*\])|Dir\s*\.\s*home|ENV\s*\[\s*["']HOME["']\s*\]|\$ENV\s*\{\s*["']?HOME["']?\s*\}|getenv\s*\(\s*["']HOME["']\s*\))`;
const ONE = String.raw`(?:'[^'\\\n]*'|"[^"\\\n]*")`;
const ONE_LIT = ONE;
const JOIN_CALL = new RegExp(String.raw`\b(?:os\s*\.\s*path|path|posixpath|File|Path)\s*\.\s*join\s*\(\s*(${HOME_EXPR}|__dirname|${ONE})((?:\s*,\s*${ONE})+)\s*\)`, 'g');
const JOINPATH = new RegExp(String.raw`(${HOME_EXPR}|(?:pathlib\s*\.\s*)?Path\s*\(\s*${ONE}\s*\))\s*\.\s*joinpath\s*\(((?:\s*${ONE}\s*,?)+)\)`, 'g');
const SLASH_PATH = new RegExp(String.raw`(${HOME_EXPR}|(?:pathlib\s*\.\s*)?Path\s*\(\s*${ONE}\s*\))((?:\s*\/\s*${ONE})+)`, 'g');
const ARRAY_JOIN = new RegExp(String.raw`\[\s*(${ONE}(?:\s*,\s*${ONE})*)\s*\]\s*\.\s*join\s*\(\s*(${ONE})?\s*\)`, 'g');

const unq = (q: string): string => q.trim().slice(1, -1);
const items = (list: string): string[] => [...list.matchAll(new RegExp(ONE, 'g'))].map((m) => unq(m[0]));

/**
 * Paths put together from literals, folded into one literal so the readers below see them:
 * `os.path.join(os.path.expanduser("~"), ".aws", "credentials")`, `Path.home() / ".ssh" / "id_ed25519"`,
 * `path.join(os.homedir(), '.aws', 'credentials')`, `['con', 'fig/deploy.json'].join('')`.
 */
export function foldPaths(code: string): string {
  if (!/join|Path|\//.test(code)) return code;
  const base = (expr: string): string => {
    if (new RegExp(`^${HOME_EXPR}$`).test(expr.trim())) return '~';
    if (expr.trim() === '__dirname') return '.';
    const lit = /^(?:(?:pathlib\s*\.\s*)?Path\s*\(\s*)?('[^']*'|"[^"]*")\s*\)?$/.exec(expr.trim());
    return lit ? unq(lit[1]!) : expr;
  };
  const joined = (head: string, parts: string[]): string => [head, ...parts].filter((x) => x.length > 0).join('/').replace(/\/{2,}/g, '/');
  return code
    .replace(ARRAY_JOIN, (_m, list: string, sep?: string) => JSON.stringify(items(list).join(sep !== undefined ? unq(sep) : ',')))
    .replace(JOIN_CALL, (_m, head: string, rest: string) => JSON.stringify(joined(base(head), items(rest))))
    .replace(JOINPATH, (_m, head: string, rest: string) => `Path(${JSON.stringify(joined(base(head), items(rest)))})`)
    .replace(SLASH_PATH, (_m, head: string, rest: string) => `Path(${JSON.stringify(joined(base(head), items(rest)))})`);
}

const READS = new RegExp(
  String.raw`(?:\bopen(?=\s*\(|\s+\w+\s*,)|\bio\s*\.\s*open|\bcodecs\s*\.\s*open|\bPath|\bload_dotenv|\bdotenv_values|\breadFileSync|\breadFile|\bcreateReadStream|\bFile\s*\.\s*(?:read|open|readlines|foreach|stream)!?|\bIO\s*\.\s*(?:read|readlines)|\bfile_get_contents|\bfopen|\breadfile|\bfile|\bparse_ini_file|\bDeno\s*\.\s*readTextFile|\bBun\s*\.\s*file|\bread(?=\s*\(\s*["'])|\breadlines(?=\s*\(\s*["'])|\bslurp(?=\s*\(?\s*["'])|\b(?:os|ioutil)\s*\.\s*(?:ReadFile|Open|OpenFile)|\b(?:std\s*::\s*)?fs\s*::\s*(?:read_to_string|read)|\bFile\s*::\s*open)\s*\(?\s*(?:\w+\s*,\s*(?:['"][<+]*['"]\s*,\s*)?)?${STR}`,
  'g',
);
/** More languages' whole-file reads: Racket `file->string`, Erlang `file:read_file`, Java `Files.readString(Path.of(…))`,
 * Jsonnet `importstr`, m4 `include(…)`, Swift `contentsOfFile:`, OCaml `open_in` / `In_channel.with_open_text`. */
const MORE_READS = [
  new RegExp(String.raw`\bfile->(?:string|lines|bytes|value|list)\s+${STR}`, 'g'),
  new RegExp(String.raw`\bfile\s*:\s*(?:read_file|consult|read_lines)\s*\(\s*${STR}`, 'g'),
  new RegExp(String.raw`\bFiles\s*\.\s*(?:readString|readAllLines|readAllBytes|lines|newBufferedReader)\s*\(\s*(?:[\w.]*\.)?(?:Path\s*\.\s*of|Paths\s*\.\s*get)\s*\(\s*${STR}`, 'g'),
  new RegExp(String.raw`\bimportstr\s+${STR}`, 'g'),
  new RegExp(String.raw`\bcontentsOfFile\s*:\s*${STR}`, 'g'),
  new RegExp(String.raw`\b(?:open_in|open_in_bin|In_channel\s*\.\s*(?:with_open_text|with_open_bin|open_text|open_bin))\s+${STR}`, 'g'),
];
const M4_INCLUDE = /\b(?:include|sinclude|undivert)\s*\(\s*`?([^)'\s]+)'?\s*\)/g;

/** Groovy/Kotlin/Java file objects read whole: `new File(".env").text`, `File(".env").readText()`, `.readLines()`. */
const FILE_OBJECT_READ = new RegExp(String.raw`\bFile\s*\(\s*${STR}\s*\)\s*\.\s*(?:text|getText|readText|readLines|readBytes|bytes|eachLine|newReader|withReader|readUtf8)\b`, 'g');
const READ_OF_NAME = /\b(?:open|readFileSync|readFile|read_text|file_get_contents|fopen|File\s*\.\s*(?:read|open|readlines)!?|IO\s*\.\s*read|Deno\s*\.\s*readTextFile(?:Sync)?|Bun\s*\.\s*file|createReadStream)\s*\(\s*([A-Za-z_$][\w$]*)\s*[,)]/g;
/** Data files loaded by name: `require('../config/deploy.json')`, `import cfg from './x.json'`. */
const REQUIRE_DATA = new RegExp(String.raw`\b(?:require|import)\s*\(?\s*${STR}`, 'g');
const DATA_EXT = /\.(?:json|json5|jsonc|ya?ml|toml|ini|env|cfg|conf|properties)$|(?:^|\/)\.env(?:\.[\w.-]+)?$/;

/** A file opened with a name that is not a literal: `open(x)`, `readFileSync(name)`, `File.read("vne.".reverse)`. */
const OPEN_COMPUTED = /\b(?:open|readFileSync|readFile|read_text|read_bytes|file_get_contents|fopen|readfile|File\s*\.\s*(?:read|open|readlines)|IO\s*\.\s*(?:read|readlines)|Deno\s*\.\s*readTextFile(?:Sync)?|Bun\s*\.\s*file)(?![\w$])(?:\s*\(\s*|\s+)(?![\s)]|(?:[rRbBuU]{0,2})(?:'[^'\n]*'|"[^"\n]*")\s*[,)])/;
/** Names decoded or assembled as the code runs: base64, char codes, reversal, joins, hex. */
const DECODED_NAME = /\b(?:b64decode|base64|atob|fromCharCode|chr\s*\(|unhexlify|fromhex|codecs\s*\.\s*decode|rot13|reverse|pack\s*\()|\[\s*::\s*-1\s*\]|\bBuffer\s*\.\s*from|\.\s*join\s*\(/;
/** The code lists a folder: whatever it opens next may be any file in it. */
const LISTS_FOLDER = /\b(?:listdir|scandir|os\s*\.\s*walk|readdirSync|readdir|opendir|iterdir|rglob|Deno\s*\.\s*readDir|Dir\s*\.\s*(?:glob|entries|children|each_child|foreach)|Dir\s*\[|glob\s*\()/;
/** Perl `open(my $f, '<.env')` style mode-in-name, after the generic read above picked the string. */
const GLOBS = new RegExp(String.raw`\b(?:glob\s*\.\s*i?glob|\.glob|\.rglob|\bglob|\bglobSync|\bfg\s*\.\s*sync|\bDir\s*\.\s*glob|\bDir\s*\[)\s*[(\[]?\s*${STR}`, 'g');

const DELETE_TREE = new RegExp(
  String.raw`(?:\bshutil\s*\.\s*rmtree|\brmtree|\bremove_tree|\bFileUtils\s*\.\s*(?:rm_rf|rm_r|remove_dir|remove_entry(?:_secure)?)|\brimraf(?:\s*\.\s*sync)?|\bFile\s*\.\s*rm_rf!?|\bfs(?:Extra)?\s*\.\s*(?:remove|removeSync|emptyDir|emptyDirSync)|\bremove_dir_all|\bRemoveAll|\bremoveDirectoryRecursive|\bremovePathForcibly|delete-directory\/files|delete-directory-tree|\bdelete-recursively)\s*\(?\s*(?:#p)?${STR}`,
  'g',
);
const DELETE_RECURSIVE_OPT = new RegExp(String.raw`\b(?:rmSync|rmdirSync|rm|rmdir|Deno\s*\.\s*remove(?:Sync)?)\s*\(\s*${STR}\s*,\s*\{[^}]*recursive\s*:\s*true`, 'g');
/** R: `unlink("src", recursive = TRUE)`. */
const R_UNLINK_RECURSIVE = new RegExp(String.raw`\bunlink\s*\(\s*${STR}\s*,[^)]*\brecursive\s*=\s*(?:TRUE|T)\b`, 'g');
/** Go: `os.RemoveAll("dir")` deletes the tree. */
const GO_REMOVE_ALL = new RegExp(String.raw`\bos\s*\.\s*RemoveAll\s*\(\s*${STR}`, 'g');
const DELETE_FILE = new RegExp(
  String.raw`(?:\bos\s*\.\s*(?:remove|unlink|rmdir|removedirs)|\bunlinkSync|\bunlink|\brmSync|\bFile\s*\.\s*(?:delete|unlink)|\bFileUtils\s*\.\s*rm(?:_f)?|\bDeno\s*\.\s*remove|\bsend2trash|\bremove_file|\bos\s*\.\s*Remove|\bremoveFile|\bdelete-file)\s*\(?\s*${STR}`,
  'g',
);
const PATH_DELETE = new RegExp(String.raw`\bPath\s*\(\s*${STR}\s*\)\s*\.\s*(unlink|rmdir)\s*\(`, 'g');
/** Emptying a file: `open(p, 'w').close()`, `.write('')`, `os.truncate(p, 0)`, `writeFileSync(p, '')`, `truncateSync(p)`, `File.write(p, '')`, `file_put_contents(p, '')`, `Path(p).write_text('')`. */
const EMPTY = String.raw`(?:''|""|b''|b""|\`\`)`;
const TRUNCATES = [
  // `open('data/app.db', 'w')` on its own: opening for writing empties the file
  new RegExp(String.raw`\bopen\s*\(\s*${STR}\s*,\s*["']wb?\+?["']\s*\)\s*(?=$|[;\n])`, 'g'),
  // Perl: `open(F, ">", "f")`, `open F, '>f'` with nothing printed to it; `truncate "f", 0`
  new RegExp(String.raw`\bopen\s*\(?\s*(?:my\s+)?\$?\w+\s*,\s*["']>["']\s*,\s*${STR}\s*\)?\s*(?=$|[;\n])`, 'g'),
  new RegExp(String.raw`\btruncate\s+${STR}\s*,\s*0\b`, 'g'),
  new RegExp(String.raw`\bopen\s*\(\s*${STR}\s*,\s*["']wb?\+?["']\s*\)\s*(?:\.\s*close\s*\(\s*\)|\.\s*write\s*\(\s*${EMPTY}\s*\)|as\s+\w+\s*:\s*pass\b)`, 'g'),
  new RegExp(String.raw`\b(?:os\s*\.\s*truncate|ftruncate|truncate|File\s*\.\s*truncate|truncateSync|fs\s*\.\s*truncate)\s*\(\s*${STR}\s*(?:,\s*0\s*)?\)`, 'g'),
  new RegExp(String.raw`\b(?:writeFileSync|writeFile|File\s*\.\s*write|file_put_contents|Deno\s*\.\s*writeTextFile(?:Sync)?|Bun\s*\.\s*write)\s*\(\s*${STR}\s*,\s*${EMPTY}`, 'g'),
  new RegExp(String.raw`\bPath\s*\(\s*${STR}\s*\)\s*\.\s*write_(?:text|bytes)\s*\(\s*${EMPTY}\s*\)`, 'g'),
];
/** Writing a whole file with new content (`open(p, 'w').write(x)`, `writeFileSync(p, x)`, `Path(p).write_text(x)`): its old content is gone. */
const REWRITES = [
  new RegExp(String.raw`\bopen\s*\(\s*${STR}\s*,\s*(?:mode\s*=\s*)?["']w[bt]?\+?["']`, 'g'),
  new RegExp(String.raw`\b(?:writeFileSync|writeFile|File\s*\.\s*write|file_put_contents|Deno\s*\.\s*writeTextFile(?:Sync)?|Bun\s*\.\s*write|IO\s*\.\s*write|fs\s*\.\s*promises\s*\.\s*writeFile)\s*\(\s*${STR}\s*,`, 'g'),
  new RegExp(String.raw`\bPath\s*\(\s*${STR}\s*\)\s*\.\s*write_(?:text|bytes)\s*\(`, 'g'),
];
/** R: `file.remove(list.files("exports", full.names = TRUE))`, `unlink(list.files("d"))`, `file.remove("x.csv")`. */
const R_REMOVE = new RegExp(String.raw`\b(?:file\.remove|unlink)\s*\(\s*(?:(?:list\.files|dir)\s*\(\s*(?:path\s*=\s*)?${STR}|${STR})`, 'g');
/** `open(os.path.expanduser('~/' + '.git-credentials'))`: a home path expanded in code is read like `cat ~/…`. */
const EXPANDUSER_OPEN = new RegExp(String.raw`\bopen\s*\(\s*(?:os\s*\.\s*path\s*\.\s*expanduser|Path\s*\.\s*home\s*\(\s*\)\s*/)\s*\(?\s*${STR}`, 'g');
/** Ruby's FileUtils as Rake's DSL has it, bare: `rm_rf %w(data dist)`, `rm_r 'tmp'`, `rm_f "x.db"`. */
const RUBY_FILEUTILS = new RegExp(String.raw`(?:^|[\s;({])(?:FileUtils\s*\.\s*)?(rm_rf|rm_r|rm_f|remove_dir|remove_entry_secure|remove_entry)\s*\(?\s*(?:%[wW][(\[{]([^)\]}]{0,2000})[)\]}]|\[([^\]]{0,2000})\]|${STR})`, 'gm');
/** R: `system2("rm", c("-rf", "src"))`, `processx::run("rm", c(...))`: the program and its argument vector. */
const R_RUN_VECTOR = new RegExp(String.raw`\b(?:system2|run)\s*\(\s*(?:command\s*=\s*)?${STR}\s*,\s*(?:args\s*=\s*)?c\s*\(([^)]{0,2000})\)`, 'g');
/** Rust's `Command::new("rm").args(["-rf", "src"])` / `.arg("-rf").arg("src")`: the program and its argument list. */
const RUST_COMMAND = new RegExp(String.raw`\bCommand\s*::\s*new\s*\(\s*${STR}\s*\)((?:\s*\.\s*args?\s*\(\s*(?:&?\[[^\]]{0,2000}\]|&?vec!\[[^\]]{0,2000}\]|${STR})\s*\))*)`, 'g');
/** Java: `Files.delete(Path.of("x"))`, `FileUtils.deleteDirectory(new File("x"))`, `Files.walk(Path.of("x"))…delete`. */
const JAVA_DELETES = [
  new RegExp(String.raw`\bFiles\s*\.\s*(?:delete|deleteIfExists)\s*\(\s*(?:[\w.]*\.)?(?:Path\s*\.\s*of|Paths\s*\.\s*get)\s*\(\s*${STR}`, 'g'),
  new RegExp(String.raw`\b(?:FileUtils\s*\.\s*(?:deleteDirectory|forceDelete|cleanDirectory)|deleteRecursively)\s*\(\s*new\s+File\s*\(\s*${STR}`, 'g'),
  new RegExp(String.raw`\bFiles\s*\.\s*walk\s*\(\s*(?:[\w.]*\.)?(?:Path\s*\.\s*of|Paths\s*\.\s*get)\s*\(\s*${STR}[\s\S]{0,300}?(?:::delete|\.delete\s*\()`, 'g'),
];
/** Moves and copies in code: `os.rename(a, b)`, `shutil.move`, `fs.renameSync`, `shutil.copyfile`, `fs.copyFileSync`. */
const RENAMES = new RegExp(String.raw`\b(?:os\s*\.\s*(?:rename|replace)|shutil\s*\.\s*move|fs\s*\.\s*rename(?:Sync)?|renameSync|File\s*\.\s*(?:rename|move)|FileUtils\s*\.\s*(?:mv|move)|Files\s*\.\s*move)\s*\(\s*${STR}\s*,\s*${STR}`, 'g');
const COPIES = new RegExp(String.raw`\b(?:shutil\s*\.\s*copy(?:file|2)?|fs\s*\.\s*copyFile(?:Sync)?|copyFileSync|FileUtils\s*\.\s*(?:cp|copy)|File\s*\.\s*copy|Files\s*\.\s*copy)\s*\(\s*${STR}\s*,\s*${STR}`, 'g');
/** Database drivers called from code: Redis FLUSHALL/FLUSHDB, dropping a Mongo database, a SQL file run through sqlite3. */
const REDIS_FLUSH = /\.\s*(flushall|flushAll|flushdb|flushDb|flushDB|flush_all|flush_db)\b/g;
const MONGO_DROP_DB = new RegExp(String.raw`\.\s*(?:drop_database|dropDatabase)\s*\(\s*(?:${STR})?`, 'g');
const SQL_SCRIPT_FILE = new RegExp(String.raw`\bexecutescript\s*\(\s*open\s*\(\s*${STR}`, 'g');
const SQLITE_CONNECT = new RegExp(String.raw`\bsqlite3?\s*\.\s*connect\s*\(\s*${STR}`);
/**
 * SQL a database driver runs: `con.execute('DELETE FROM users')`, `db.exec(…)`, `pool.query(…)`, `db.prepare(…).run()`,
 * `prisma.$executeRawUnsafe(…)`. Judged as the same SQL sent through a database shell (sqlite3 for a sqlite3.connect).
 */
const SQL_CALL = new RegExp(String.raw`\.\s*(?:execute|executescript|executemany|exec|query|prepare|raw|sql|\$executeRawUnsafe|\$executeRaw|\$queryRawUnsafe)!?\s*\(\s*${STR}`, 'g');
const SQL_CHANGE = /\b(?:DROP|TRUNCATE|DELETE|UPDATE|ALTER|REPLACE)\b/i;

/** Clojure: `(file-seq (java.io.File. "data"))` walked with `.delete`. */
const FILE_SEQ = new RegExp(String.raw`\bfile-seq\s*\(\s*\(?\s*(?:java\.io\.File\.|(?:clojure\.java\.)?io\/file)\s*${STR}`, 'g');
/** Literals decoded in place: `b64decode('…')`, `atob('…')`, `Buffer.from('…', 'base64')`, `Base64.decode64`, `base64_decode`. */
const B64_CALL = new RegExp(String.raw`(?:\b(?:base64\s*\.\s*)?(?:b64decode|standard_b64decode|urlsafe_b64decode|decodebytes)\s*\(\s*[bB]?(${ONE_LIT})\s*\)(?:\s*\.\s*decode\s*\(\s*(?:${ONE_LIT})?\s*\))?|\batob\s*\(\s*(${ONE_LIT})\s*\)|\bBuffer\s*\.\s*from\s*\(\s*(${ONE_LIT})\s*,\s*["']base64["']\s*\)(?:\s*\.\s*toString\s*\(\s*(?:${ONE_LIT})?\s*\))?|\bBase64\s*\.\s*(?:decode64|strict_decode64)\s*\(?\s*(${ONE_LIT})\s*\)?|\bbase64_decode\s*\(\s*(${ONE_LIT})\s*\))`, 'g');

/** Base64 literals decoded where the code decodes them, so the command or name inside is read like any literal. */
/** Python's `codecs.decode('ez -es …', 'rot13')` (or `rot_13`, `encode`): the literal decoded. */
const ROT13_CALL = /\bcodecs\s*\.\s*(?:de|en)code\s*\(\s*(['"])([^'"\n]{1,2000})\1\s*,\s*(['"])rot_?13\3\s*\)/g;
/** Perl's quote operators: `q(git stash clear)`, `qq{…}`, as plain quoted strings. */
const PERL_Q = /\bqq?\s*([({[<\/|!])([^)}\]>\/|!\n]{0,2000})[)}\]>\/|!]/g;

export function foldDecoded(raw: string): string {
  let code = /codecs/.test(raw) ? raw.replace(ROT13_CALL, (_m, _q, text: string) => JSON.stringify(rot13(text))) : raw;
  if (/\bqq?\s*[({[<\/|!]/.test(code)) code = code.replace(PERL_Q, (m, _open, text: string) => (/["']/.test(text) ? m : `"${text}"`));
  if (!/b64decode|decodebytes|atob|base64/i.test(code)) return code;
  return code.replace(B64_CALL, (m, ...groups: (string | undefined)[]) => {
    const lit = groups.slice(0, 5).find((g) => typeof g === 'string');
    if (lit === undefined) return m;
    try {
      const text = atob(lit.slice(1, -1).replace(/[-_]/g, (c) => (c === '-' ? '+' : '/')));
      return /^[\x20-\x7e\t\n]*$/.test(text) && text.length > 0 ? JSON.stringify(text) : m;
    } catch {
      return m;
    }
  });
}

/** Groovy/Kotlin/Java: `new File("src").deleteDir()`, `File("src").deleteRecursively()`. */
const FILE_DELETE_TREE = new RegExp(String.raw`\bFile\s*\(\s*${STR}\s*\)\s*\.\s*(?:deleteDir|deleteRecursively)\s*\(`, 'g');

/** Functions that delete, run commands or read files, reached through a name built at run time. */
const DANGEROUS_NAME = /^(?:rmtree|remove|unlink|rmdir|removedirs|system|popen|spawn|spawnSync|exec|execSync|execFile|execFileSync|rmSync|rm|rmdirSync|unlinkSync|rm_rf|rm_r|check_output|check_call|call|run|Popen|getoutput|readFileSync|readFile|shell_exec|passthru|proc_open|eval|__import__|import_module|open)$/;
const GETATTR = /\b(?:getattr|send|public_send|__send__|method|Reflect\s*\.\s*get)\s*\(\s*(?:[\w.$]+\s*,\s*)?([^,)]{1,200})/g;
const BRACKET = /\b(?:fs|os|shutil|subprocess|child_process|cp|childProcess|process|globalThis|global|window|self|module|require\s*\([^)]*\)|Deno|Bun|FileUtils|File|Kernel|IO)\s*\[\s*([^\]]{1,200})\]/g;
/** Code run from a string built at run time. */
const EVAL_COMPUTED = /\b(?:eval|exec|Function|__import__|import_module|require)\s*\(\s*(?!\))([^)]{1,200})\)/g;
const EXEC_CAPABLE = /\b(?:child_process|subprocess|os\s*\.\s*(?:system|popen|exec\w*|spawn\w*)|system|exec|execSync|spawn|spawnSync|execFile|execFileSync|popen|shell_exec|passthru|proc_open|Open3|IO\s*\.\s*popen|pty)\b|%x|\bqx\b/;
const PHP_VARIABLE_CALL = /\$\w+\s*\(\s*['"]/g;
/**
 * A delete or exec function handed to another call instead of called: `array_map("unlink", glob("d/*"))`,
 * `call_user_func('system', $c)`, `map(os.remove, files)`, `files.forEach(fs.unlinkSync)`.
 */
const CALLBACK_DANGER = new RegExp(
  String.raw`\b(?:array_map|array_walk|call_user_func(?:_array)?|array_filter|usort|register_shutdown_function)\s*\(\s*(?:\[[^\]]*,\s*)?['"](?:unlink|rmdir|system|exec|shell_exec|passthru|popen|proc_open)['"]` +
    String.raw`|(?:\bos\s*\.\s*(?:remove|unlink|rmdir|removedirs|system)|\bshutil\s*\.\s*rmtree|\bfs\s*\.\s*(?:unlinkSync|rmSync|rmdirSync|unlink|rm|rmdir)|\bFileUtils\s*\.\s*rm(?:_rf|_r|_f)?|\bFile\s*\.\s*(?:delete|unlink))\s*[,)]`,
  'g',
);

function literalValue(expr: string): string | undefined {
  const m = new RegExp(`^\\s*${STR}\\s*$`).exec(expr);
  return m ? m[1] ?? m[2] : undefined;
}

/** `name = 'literal'` / `const name = "literal"` / `$name = '…'` in the same code. */
function assignedString(code: string, name: string): string | undefined {
  const esc = name.replace(/[$.]/g, '\\$&');
  const m = new RegExp(`(?:^|[^\\w$.])${esc}\\s*=\\s*${STR}`, 'm').exec(code);
  return m ? m[1] ?? m[2] : undefined;
}

function assignedList(code: string, name: string): string[] | undefined {
  const esc = name.replace(/[$.]/g, '\\$&');
  const m = new RegExp(`(?:^|[^\\w$.])${esc}\\s*=\\s*(\\[[^\\]]{0,2000}\\])`, 'm').exec(code);
  return m ? listItems(m[1]) : undefined;
}

function quoteWords(words: string[]): string {
  return words.map((w) => (/^[A-Za-z0-9._\/=:,@%+-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/**
 * `inline` is code given on the command line (`-c`, `-e`, a heredoc): there a name computed at run time is
 * reason enough to ask. Script files are full programs where `getattr(obj, name)` is everyday code, so only
 * names that are literally dangerous count there.
 */
/** Project files code loads and runs: `require('./x')`, `import('./x')`, `runpy.run_path('x.py')`, `exec(open('x.py').read())`, `require_relative`, `do`, `include`. */
const LOADS = new RegExp(
  String.raw`(?:\b(?:require|import|require_relative|load|include|include_once|require_once|do)\s*\(?\s*|\brunpy\s*\.\s*run_path\s*\(\s*|\bexec\s*\(\s*open\s*\(\s*|\bexecfile\s*\(\s*)${STR}`,
  'g',
);

export function codeLoads(rawCode: string): string[] {
  const code = foldConcatenation(rawCode.length > MAX_CODE ? rawCode.slice(0, MAX_CODE) : rawCode);
  const out: string[] = [];
  all(LOADS, code, (m) => {
    const p = lit(m, 1);
    // Only code files: a script extension, or a relative path without one (not `fs`, `os`, `lodash`);
    // `require('./package.json')` loads data, not code
    if (/\.(?:py|js|cjs|mjs|ts|rb|pl|php)$/.test(p) || (/^\.{0,2}\//.test(p) && !/\.[A-Za-z0-9]+$/.test(p))) out.push(p);
  });
  return out.slice(0, 8);
}

export function scanCode(rawCode: string, inline: boolean): CodeEffects {
  const code = foldPaths(foldDecoded(foldConcatenation(rawCode.length > MAX_CODE ? rawCode.slice(0, MAX_CODE) : rawCode)));
  const out: CodeEffects = { shell: [], reads: [], deletes: [], truncates: [], unknown: [], computedRun: false, literals: [] };

  all(RUN_STRING, code, (m) => out.shell.push(lit(m, 1)));
  all(RUN_BARE, code, (m) => out.shell.push(lit(m, 1)));
  all(RUN_EXECUTE, code, (m) => out.shell.push(lit(m, 1)));
  all(RUN_QW, code, (m) => out.shell.push(quoteWords(m[1]!.trim().split(/\s+/))));
  if (/^\s*!|%system|%sx/m.test(code)) all(IPYTHON_BANG, code, (m) => out.shell.push(m[1]!.trim()));
  all(BACKTICK, code, (m) => {
    const body = m[1] ?? m[2] ?? '';
    // JS template literals hold `${…}` and are data; a shell line in backticks is Perl/Ruby/PHP running it
    if (!body.includes('${')) out.shell.push(body);
  });
  all(RUN_LIST, code, (m) => {
    const words = listItems(m[1]);
    if (words.length > 1 || m[1].trim().startsWith('[')) out.shell.push(quoteWords(words));
  });
  all(RUN_COMPUTED, code, (m) => {
    const name = m[1];
    const s = assignedString(code, name);
    if (s !== undefined) {
      out.shell.push(s);
      return;
    }
    const l = assignedList(code, name);
    if (l !== undefined) {
      out.shell.push(quoteWords(l));
      return;
    }
    out.computedRun = true;
  });

  all(READS, code, (m) => out.reads.push(lit(m, 1)));
  all(GLOBS, code, (m) => out.reads.push(lit(m, 1)));
  all(FILE_OBJECT_READ, code, (m) => out.reads.push(lit(m, 1)));
  for (const re of MORE_READS) all(re, code, (m) => out.reads.push(lit(m, 1)));
  all(M4_INCLUDE, code, (m) => out.reads.push(m[1]!));
  // `p = 'config/deploy.json'; readFileSync(p)`: a read of a variable assigned one literal in the same code
  all(READ_OF_NAME, code, (m) => {
    const v = assignedString(code, m[1]!);
    if (v !== undefined) out.reads.push(v);
  });
  all(REQUIRE_DATA, code, (m) => {
    if (DATA_EXT.test(lit(m, 1))) out.reads.push(lit(m, 1));
  });
  all(DELETE_TREE, code, (m) => out.deletes.push({ path: lit(m, 1), recursive: true }));
  all(DELETE_RECURSIVE_OPT, code, (m) => out.deletes.push({ path: lit(m, 1), recursive: true }));
  all(DELETE_FILE, code, (m) => out.deletes.push({ path: lit(m, 1), recursive: false }));
  all(GO_REMOVE_ALL, code, (m) => out.deletes.push({ path: lit(m, 1), recursive: true }));
  all(PATH_DELETE, code, (m) => out.deletes.push({ path: lit(m, 1), recursive: false }));
  all(FILE_DELETE_TREE, code, (m) => out.deletes.push({ path: lit(m, 1), recursive: true }));
  all(R_UNLINK_RECURSIVE, code, (m) => out.deletes.push({ path: lit(m, 1), recursive: true }));
  for (const re of JAVA_DELETES) all(re, code, (m) => out.deletes.push({ path: lit(m, 1), recursive: !/Files\s*\.\s*delete/.test(m[0]) }));
  for (const re of TRUNCATES) all(re, code, (m) => {
    // a Perl handle opened for writing and then printed to is a rewrite, not an emptying
    if (!/\bopen\s*\(?\s*(?:my\s+)?\$?\w+\s*,\s*["']>/.test(m[0]) || !/\bprint(?:f)?\s+\$?\w+\s/.test(code)) out.truncates.push(lit(m, 1));
  });
  // judged as `printf … > path`: the shell rules decide whether that file's old content mattered
  for (const re of REWRITES) all(re, code, (m) => out.shell.push(`printf %s x > ${quoteWords([lit(m, 1)])}`));
  all(EXPANDUSER_OPEN, code, (m) => out.reads.push(lit(m, 1)));
  all(R_REMOVE, code, (m) => {
    const dir = m[1] ?? m[2];
    if (dir !== undefined) out.deletes.push({ path: `${dir.replace(/\/+$/, '')}/*`, recursive: false });
    else if ((m[3] ?? m[4]) !== undefined) out.deletes.push({ path: m[3] ?? m[4]!, recursive: false });
  });
  all(RUBY_FILEUTILS, code, (m) => {
    const recursive = m[1] !== 'rm_f';
    const items = m[2] !== undefined ? m[2].trim().split(/\s+/) : m[3] !== undefined ? listItems(m[3]) : [m[4] ?? m[5] ?? ''];
    for (const p of items.filter(Boolean).slice(0, MAX_ITEMS)) out.deletes.push({ path: p, recursive });
  });
  all(R_RUN_VECTOR, code, (m) => out.shell.push(quoteWords([lit(m, 1), ...listItems(m[3] ?? '')])));
  all(RUST_COMMAND, code, (m) => out.shell.push(quoteWords([lit(m, 1), ...listItems(m[3] ?? '')])));
  all(RENAMES, code, (m) => out.shell.push(quoteWords(['mv', '--', lit(m, 1), m[3] ?? m[4] ?? ''])));
  all(COPIES, code, (m) => out.shell.push(quoteWords(['cp', '--', lit(m, 1), m[3] ?? m[4] ?? ''])));
  all(REDIS_FLUSH, code, (m) => out.shell.push(`redis-cli ${/db/i.test(m[1]!) ? 'FLUSHDB' : 'FLUSHALL'}`));
  all(MONGO_DROP_DB, code, (m) => out.shell.push(`mongosh ${m[1] ?? m[2] ?? 'db'} --eval 'db.dropDatabase()'`.replace('mongosh db ', 'mongosh ')));
  all(SQL_CALL, code, (m) => {
    const sql = lit(m, 1);
    if (!SQL_CHANGE.test(sql)) return;
    const db = SQLITE_CONNECT.exec(code);
    out.shell.push(db ? `${quoteWords(['sqlite3', db[1] ?? db[2] ?? ':memory:'])} ${quoteWords([sql])}` : `psql -c ${quoteWords([sql])}`);
  });
  all(SQL_SCRIPT_FILE, code, (m) => out.shell.push(quoteWords(['sqlite3', SQLITE_CONNECT.exec(code)?.[1] ?? SQLITE_CONNECT.exec(code)?.[2] ?? ':memory:']) + ` < ${quoteWords([lit(m, 1)])}`));
  all(FILE_SEQ, code, (m) => {
    if (/\.delete\b|delete-file/.test(code)) out.deletes.push({ path: lit(m, 1), recursive: true });
  });

  const dynamicName = (expr: string, where: string): void => {
    const value = literalValue(expr);
    if (value !== undefined ? DANGEROUS_NAME.test(value) : inline && !/^\s*\d+\s*$/.test(expr)) {
      out.unknown.push(value !== undefined ? `${where} reaches ${value} by name` : `${where} reaches a function whose name is computed at run time`);
    }
  };
  all(GETATTR, code, (m) => dynamicName(m[1], 'getattr/send'));
  all(BRACKET, code, (m) => dynamicName(m[1], 'a module looked up by a computed key'));
  if (inline) all(EVAL_COMPUTED, code, (m) => {
    // `require(x)` / `eval(x)` with a literal folded in is read as that literal elsewhere; a variable is unknown
    // `exec(open('x.py').read())` runs a named project file: that file is followed (effects/follow.ts)
    if (literalValue(m[1]) === undefined && !new RegExp(String.raw`^\s*open\s*\(\s*${STR}\s*$`).test(m[1])) out.unknown.push('runs code or loads a module whose name is computed at run time');
  });
  if (inline) all(PHP_VARIABLE_CALL, code, () => out.unknown.push('calls a function through a variable'));
  // `open(base64.b64decode('LmVudg==').decode())`, `readFileSync(String.fromCharCode(46,101,110,118))`,
  // `for f in os.listdir('.'): print(open(f).read())`: the file it reads is named only when the code runs.
  if (inline && OPEN_COMPUTED.test(code) && (DECODED_NAME.test(code) || LISTS_FOLDER.test(code))) {
    out.unknown.push(LISTS_FOLDER.test(code) ? 'reads files it lists at run time, secret files among them for all Airlock can see' : 'reads a file whose name it decodes or assembles at run time');
  }
  if (inline) all(CALLBACK_DANGER, code, () => out.unknown.push('hands a delete or exec function to another call, on paths Airlock cannot see'));

  // Inline code that can run commands at all (`import subprocess as s`, `const {execSync: x} = require(…)`): any
  // literal that reads as a command line may be what it runs, however the call is spelled. Printed-only code
  // (no such API in sight) keeps its strings as data.
  if (inline && EXEC_CAPABLE.test(code.replace(LIST_ITEMS, "''"))) {
    for (const m of code.matchAll(LIST_ITEMS)) {
      const v = m[1] ?? m[2] ?? '';
      if (/\s/.test(v.trim()) && !out.shell.includes(v)) out.shell.push(v);
      if (out.shell.length >= MAX_ITEMS) break;
    }
  }
  if (out.computedRun && inline) out.literals = listItems(code).slice(0, 64);
  out.shell = out.shell.filter((s) => s.trim().length > 0).slice(0, MAX_ITEMS);
  out.reads = out.reads.filter((s) => s.length > 0).slice(0, MAX_ITEMS);
  return out;
}
