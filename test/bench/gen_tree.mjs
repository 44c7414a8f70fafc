// airlock:fixture (fake credential templates for the benchmark)
// Generates a realistic source tree for the scan benchmark: TypeScript, Python, JSON, YAML and
// Markdown files of typical sizes, with a fixed number of planted fake credentials (obviously fake,
// format-valid) at known lines. Deterministic for a given seed.
import fs from 'node:fs';
import path from 'node:path';

function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';
const WORDS = 'user account order invoice payment session cache queue worker render config client server request response handler router store item list map value index count total status event message'.split(' ');

export function makeGenerator(seed) {
  const r = rng(seed);
  const pick = (arr) => arr[Math.floor(r() * arr.length)];
  const str = (n, cs = ALNUM) => Array.from({ length: n }, () => cs[Math.floor(r() * cs.length)]).join('');
  const fake = (n, cs = ALNUM) => `AirlockFake${str(n - 11, cs)}`;
  const uuid = () => `${str(8, HEX)}-${str(4, HEX)}-4${str(3, HEX)}-a${str(3, HEX)}-${str(12, HEX)}`;
  const b64u = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const ident = () => pick(WORDS) + pick(WORDS).replace(/^./, (c) => c.toUpperCase());

  /** Planted fakes: [kind, line text]; kinds cover what secretlint knows and what it does not. */
  const PLANTS = [
    ['github', () => `const GITHUB_TOKEN = "ghp_${fake(36)}";`],
    ['slack', () => `const SLACK = "xoxb-${str(11, '0123456789')}-${str(13, '0123456789')}-${fake(24)}";`],
    ['npm', () => `// registry: //registry.npmjs.org/:_authToken=npm_${fake(36)}`],
    ['stripe', () => `const stripeKey = 'sk_live_${fake(40)}';`],
    ['private-key', () => `const KEY = "-----BEGIN RSA PRIVATE KEY-----\\nMIIEpAIBAAKCAQEA${str(64, ALNUM + '+/')}\\n${str(64, ALNUM + '+/')}\\n-----END RSA PRIVATE KEY-----";`],
    ['railway-uuid', () => `  "railwayToken": "${uuid()}",`],
    ['api-token-uuid', () => `  apiToken: "${uuid()}",`],
    ['openai', () => `const OPENAI_API_KEY = "sk-proj-${fake(48, ALNUM + '_-')}T3BlbkFJ${str(40, ALNUM + '_-')}";`],
    ['google', () => `const mapsKey = "AIzaSy${fake(33, ALNUM + '_-')}";`],
    ['jwt', () => `const bearer = "${b64u({ alg: 'HS256', typ: 'JWT' })}.${b64u({ sub: 'airlock-fake', iat: 1700000000 })}.${fake(43, ALNUM + '_-')}";`],
    ['password', () => `  password: "Airl0ck-Fake-${str(10)}!",`],
    ['aws', () => `const awsKeyId = "AKIA${'AIRLOCKFAKE'}${str(5, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}";`],
  ];

  function tsFile() {
    const lines = [`import { ${ident()} } from './${pick(WORDS)}';`, ''];
    const n = 20 + Math.floor(r() * 80);
    for (let i = 0; i < n; i++) {
      const k = r();
      if (k < 0.15) lines.push(`// ${pick(WORDS)} ${pick(WORDS)} keeps the ${pick(WORDS)} in step with the ${pick(WORDS)}`);
      else if (k < 0.3) lines.push(`export function ${ident()}(${pick(WORDS)}: string, ${pick(WORDS)}Id: number): boolean {`, `  return ${pick(WORDS)}.length > ${Math.floor(r() * 100)};`, '}');
      else if (k < 0.4) lines.push(`const ${ident()}Id = '${uuid()}';`);
      else if (k < 0.5) lines.push(`const token = process.env.${pick(WORDS).toUpperCase()}_TOKEN;`);
      else if (k < 0.6) lines.push(`  ${pick(WORDS)}: await this.${ident()}({ key: '${pick(WORDS)}', limit: ${Math.floor(r() * 500)} }),`);
      else lines.push(`  const ${ident()} = ${pick(WORDS)}.map((x) => x.${pick(WORDS)} ?? ${Math.floor(r() * 9)});`);
    }
    return lines;
  }
  function pyFile() {
    const lines = ['import os', ''];
    for (let i = 0; i < 30 + Math.floor(r() * 50); i++) {
      const k = r();
      if (k < 0.2) lines.push(`def ${pick(WORDS)}_${pick(WORDS)}(${pick(WORDS)}, ${pick(WORDS)}=None):`, `    """Returns the ${pick(WORDS)} for a ${pick(WORDS)}."""`);
      else if (k < 0.3) lines.push(`    password = os.environ.get("${pick(WORDS).toUpperCase()}_PASSWORD")`);
      else lines.push(`    ${pick(WORDS)} = ${pick(WORDS)}.get("${pick(WORDS)}", ${Math.floor(r() * 100)})`);
    }
    return lines;
  }
  function jsonFile() {
    const lines = ['{'];
    const n = 10 + Math.floor(r() * 40);
    for (let i = 0; i < n; i++) {
      const k = r();
      const v = k < 0.3 ? `"${uuid()}"` : k < 0.4 ? `"sha512-${str(86, ALNUM + '+/')}=="` : k < 0.5 ? `"${str(40, HEX)}"` : `"${pick(WORDS)}-${Math.floor(r() * 1000)}"`;
      const key = k < 0.3 ? `${pick(WORDS)}Id` : k < 0.4 ? 'integrity' : k < 0.5 ? 'commit' : pick(WORDS);
      lines.push(`  "${key}${i}": ${v},`);
    }
    lines.push('  "end": true', '}');
    return lines;
  }
  function yamlFile() {
    const lines = ['service:'];
    for (let i = 0; i < 15 + Math.floor(r() * 40); i++) {
      const k = r();
      lines.push(k < 0.2 ? `  ${pick(WORDS)}_token: \${${pick(WORDS).toUpperCase()}_TOKEN}` : `  ${pick(WORDS)}_${i}: ${pick(WORDS)}-${Math.floor(r() * 99)}`);
    }
    return lines;
  }
  function mdFile() {
    const lines = [`# ${ident()}`, ''];
    for (let i = 0; i < 10 + Math.floor(r() * 30); i++) lines.push(`The ${pick(WORDS)} ${pick(WORDS)} sends each ${pick(WORDS)} to the ${pick(WORDS)} before the ${pick(WORDS)} closes.`);
    lines.push('', 'Set `OPENAI_API_KEY=your-api-key-here` and `AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE` locally.');
    return lines;
  }
  const KINDS = [
    ['ts', tsFile, 0.55],
    ['py', pyFile, 0.15],
    ['json', jsonFile, 0.12],
    ['yaml', yamlFile, 0.08],
    ['md', mdFile, 0.1],
  ];

  return { r, pick, PLANTS, KINDS, ident };
}

/** Writes `files` files under `root`; returns the planted fakes' file, line and kind. */
export function generateTree(root, files, { seed = 42, planted = 24 } = {}) {
  const g = makeGenerator(seed);
  fs.mkdirSync(root, { recursive: true });
  const plantAt = new Map();
  for (let i = 0; i < planted; i++) plantAt.set(Math.floor(((i + 0.5) * files) / planted), g.PLANTS[i % g.PLANTS.length]);
  const plants = [];
  let bytes = 0;
  for (let i = 0; i < files; i++) {
    const dir = path.join(root, `pkg${i % 50}`, `mod${Math.floor(i / 50) % 40}`);
    let x = g.r();
    let kind = g.KINDS[0];
    for (const k of g.KINDS) {
      if (x < k[2]) {
        kind = k;
        break;
      }
      x -= k[2];
    }
    const lines = kind[1]();
    const plant = plantAt.get(i);
    const name = `${g.ident()}${i}.${kind[0]}`;
    if (plant) {
      const at = 1 + Math.floor(g.r() * (lines.length - 1));
      lines.splice(at, 0, plant[1]());
      plants.push({ file: path.relative(root, path.join(dir, name)).split(path.sep).join('/'), line: at + 1, kind: plant[0] });
    }
    const text = `${lines.join('\n')}\n`;
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
    bytes += Buffer.byteLength(text);
  }
  return { plants, bytes };
}
