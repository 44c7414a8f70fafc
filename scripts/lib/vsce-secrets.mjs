// Decides whether vsce's "possible secret in the package" findings are all our own fake detector
// examples, by reading each reported span from the packaged files. Kept apart from package.mjs so
// unit tests can feed it synthetic vsce output.
import fs from 'node:fs';
import path from 'node:path';

// vsce refuses bundles that contain anything shaped like a secret. Ours carry the secret
// detectors' own test examples (every rule ships flag/allow examples as data), which are fake by
// construction: marked "AirlockFake" or obvious placeholders. We allow a secret type only when
// every hit of that type is such an example, read from the exact span vsce reports; anything
// else fails the package, naming where it is but never printing it.
const FAKE_EXAMPLE = /airlock.?fake|x{8,}|your-[a-z-]+-token|1234567890/i;

export function vsceSecretFindings(output) {
  const clean = output.replace(/\x1b\[[0-9;]*m/g, '');
  const findings = [];
  const re = /found ([^\n]*?) \[([\w-]+)\]\s*\n\s*([^\s#]+)#(\d+):(\d+)-(\d+):(\d+)/g;
  for (const m of clean.matchAll(re)) {
    // Keep only the detector's name: the rest of the line is a (truncated) preview of the value.
    findings.push({ kind: m[1].split(/[:(]/)[0].trim(), type: m[2], file: m[3], from: [Number(m[4]), Number(m[5])], to: [Number(m[6]), Number(m[7])] });
  }
  return findings;
}

export function spanText(base, file, from, to) {
  const lines = fs.readFileSync(path.join(base, file), 'utf8').split('\n');
  // vsce reports 1-based lines and columns, the end column exclusive (checked: a 40-char GitHub token spans 40).
  const [fl, fc] = [from[0] - 1, from[1] - 1];
  const [tl, tc] = [to[0] - 1, to[1] - 1];
  if (fl === tl) return lines[fl].slice(fc, tc);
  return [lines[fl].slice(fc), ...lines.slice(fl + 1, tl), lines[tl].slice(0, tc)].join('\n');
}

/**
 * @param {string} output vsce's stdout+stderr from a run that refused to package
 * @param {string} base the folder vsce packaged (the reported paths are relative to it)
 * @returns {{ types: string[], count: number } | null} null when vsce reported no secrets at all
 */
export function allowedExampleTypes(output, base) {
  const findings = vsceSecretFindings(output);
  if (findings.length === 0) return null;
  const reported = (output.replace(/\x1b\[[0-9;]*m/g, '').match(/^\s*found /gm) ?? []).length;
  if (reported !== findings.length) {
    throw new Error(`vsce reported ${reported} possible secrets but only ${findings.length} could be located; refusing to allow any`);
  }
  const real = findings.filter((f) => {
    const text = spanText(base, f.file, f.from, f.to);
    return !FAKE_EXAMPLE.test(text);
  });
  if (real.length > 0) {
    const where = real.map((f) => `  ${f.kind} [${f.type}] at ${f.file}:${f.from[0]}:${f.from[1]}`).join('\n');
    throw new Error(`vsce found secrets in the package that are not marked detector examples:\n${where}`);
  }
  return { types: [...new Set(findings.map((f) => f.type))], count: findings.length };
}
