// Install / uninstall Airlock's entries in one agent's JSON hook file: merge into what is
// there, never drop the person's hooks, idempotent, and uninstall takes back exactly what
// install added (see json_text.ts for why edits are textual).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getNodeValue, type Node } from 'jsonc-parser';
import { addProperty, appendElement, locate, nodeAt, parseJsonc, removeChild, replaceNode, type JsonPath } from './json_text';
import { getRecord, putRecord, type FileRecord } from './manifest';
import { isAirlockCommand } from './shim';
import type { JsonHookSpec } from './specs';
import type { InstallResult } from './types';

/** True when a hook entry (or a Claude-style group) runs only Airlock's hook. */
export function isAirlockEntry(value: unknown): boolean {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  if (isAirlockCommand(v.command) || isAirlockCommand(v.bash)) return true;
  if (Array.isArray(v.hooks) && v.hooks.length > 0) return v.hooks.every((h) => isAirlockEntry(h));
  return false;
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

function nested(keys: JsonPath, leaf: unknown): unknown {
  return keys.reduceRight<unknown>((acc, k) => ({ [String(k)]: acc }), leaf);
}

function parseObject(text: string, file: string): Node {
  const { root, errors } = parseJsonc(text);
  if (!root || errors.length > 0 || root.type !== 'object') {
    throw new Error(`${file} is not a valid JSON object; left untouched`);
  }
  return root;
}

/** Appends `value` to the list at `p`, creating the first missing key (recorded) when needed. */
function addAt(text: string, root: Node, p: JsonPath, value: unknown, record: FileRecord): string {
  for (let d = 1; d <= p.length; d++) {
    if (nodeAt(root, p.slice(0, d))) continue;
    const parent = d === 1 ? root : nodeAt(root, p.slice(0, d - 1))!;
    if (parent.type !== 'object') throw new Error(`${p.slice(0, d - 1).join('.')} is not an object; left untouched`);
    const created = JSON.stringify(p.slice(0, d));
    if (!record.createdPaths.includes(created)) record.createdPaths.push(created);
    return addProperty(text, parent, String(p[d - 1]), JSON.stringify(nested(p.slice(d), [value])));
  }
  const list = nodeAt(root, p)!;
  if (list.type !== 'array') throw new Error(`${p.join('.')} is not a list; left untouched`);
  return appendElement(text, list, JSON.stringify(value));
}

/** Plain strings Airlock adds to a list the person may share with us (Claude's permissions.deny). */
export interface StringEntries {
  path: JsonPath;
  values: readonly string[];
}

export function installJsonHooks(spec: JsonHookSpec, workspace: string, command: (event?: string) => string, stateRoot: string, strings: readonly StringEntries[] = []): InstallResult {
  const file = path.join(workspace, spec.file);
  const entries = spec.entries(command);
  try {
    const existing = readText(file);
    if (existing === undefined) {
      const obj: Record<string, unknown> = { ...spec.scaffold };
      for (const e of entries) {
        let cur = obj;
        for (const k of e.path.slice(0, -1)) cur = (cur[String(k)] ??= {}) as Record<string, unknown>;
        const last = String(e.path[e.path.length - 1]);
        ((cur[last] ??= []) as unknown[]).push(e.value);
      }
      const addedStrings: Array<{ path: JsonPath; value: string }> = [];
      for (const se of strings) {
        let cur = obj;
        for (const k of se.path.slice(0, -1)) cur = (cur[String(k)] ??= {}) as Record<string, unknown>;
        const list = (cur[String(se.path[se.path.length - 1])] ??= []) as unknown[];
        for (const v of se.values) if (!list.includes(v)) (list.push(v), addedStrings.push({ path: se.path, value: v }));
      }
      const createdDirs: string[] = [];
      for (let d = path.dirname(file); d !== workspace && !fs.existsSync(d); d = path.dirname(d)) createdDirs.push(d);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, `${JSON.stringify(obj, null, 2)}\n`);
      putRecord(stateRoot, file, { createdFile: true, createdPaths: [], createdDirs, addedStrings });
      return { agent: spec.agent, file, status: 'installed' };
    }
    let text = existing;
    const record: FileRecord = getRecord(stateRoot, file) ?? { createdFile: false, createdPaths: [] };
    for (const e of entries) {
      const valueText = JSON.stringify(e.value);
      let root = parseObject(text, spec.file);
      // Create the first missing key on the path (with everything below it) in one insertion.
      let missing = -1;
      for (let d = 1; d <= e.path.length; d++) {
        if (!nodeAt(root, e.path.slice(0, d))) {
          missing = d;
          break;
        }
      }
      if (missing > 0) {
        const parent = missing === 1 ? root : nodeAt(root, e.path.slice(0, missing - 1))!;
        if (parent.type !== 'object') throw new Error(`${spec.file}: ${e.path.slice(0, missing - 1).join('.')} is not an object; left untouched`);
        const value = nested(e.path.slice(missing), [e.value]);
        text = addProperty(text, parent, String(e.path[missing - 1]), JSON.stringify(value));
        const created = JSON.stringify(e.path.slice(0, missing));
        if (!record.createdPaths.includes(created)) record.createdPaths.push(created);
        continue;
      }
      const arr = nodeAt(root, e.path)!;
      if (arr.type !== 'array') throw new Error(`${spec.file}: ${e.path.join('.')} is not a list; left untouched`);
      const ours = (arr.children ?? []).map((c, i) => ({ c, i })).filter(({ c }) => isAirlockEntry(getNodeValue(c)));
      if (ours.length === 0) {
        text = appendElement(text, arr, valueText);
        continue;
      }
      // Keep one entry, current; drop duplicates (last first, so indices stay valid).
      for (const { i } of ours.slice(1).reverse()) {
        text = removeChild(text, nodeAt(parseObject(text, spec.file), e.path)!, i);
      }
      root = parseObject(text, spec.file);
      const first = nodeAt(root, [...e.path, ours[0]!.i])!;
      if (JSON.stringify(getNodeValue(first)) !== valueText) text = replaceNode(text, first, valueText);
    }
    for (const se of strings) {
      for (const value of se.values) {
        const root = parseObject(text, spec.file);
        const list = nodeAt(root, se.path);
        if (list && list.type !== 'array') throw new Error(`${spec.file}: ${se.path.join('.')} is not a list; left untouched`);
        const present = (list?.children ?? []).some((c) => c.value === value);
        if (present) continue; // the person's own rule (or ours from before): not ours to add or remove
        text = addAt(text, root, se.path, value, record);
        (record.addedStrings ??= []).push({ path: se.path, value });
      }
    }
    if (text === existing) return { agent: spec.agent, file, status: 'unchanged' };
    fs.writeFileSync(file, text);
    putRecord(stateRoot, file, record);
    return { agent: spec.agent, file, status: 'installed' };
  } catch (err) {
    return { agent: spec.agent, file, status: 'error', message: err instanceof Error ? err.message : String(err) };
  }
}

/** A container holding nothing but empty containers: what is left of keys Airlock created. */
function hollow(node: Node): boolean {
  if (node.type === 'property') return node.children?.[1] ? hollow(node.children[1]) : false;
  if (node.type !== 'array' && node.type !== 'object') return false;
  return (node.children ?? []).every(hollow);
}

function hollowValue(v: unknown): boolean {
  if (Array.isArray(v)) return v.every(hollowValue);
  if (v && typeof v === 'object') return Object.values(v).every(hollowValue);
  return false;
}

function isScaffoldOnly(value: unknown, scaffold: Record<string, unknown>): boolean {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (hollowValue(v)) continue; // only called for files Airlock created: empty containers are ours
    if (k in scaffold && JSON.stringify(scaffold[k]) === JSON.stringify(v)) continue;
    return false;
  }
  return true;
}

export function uninstallJsonHooks(spec: JsonHookSpec, workspace: string, stateRoot: string): InstallResult {
  const file = path.join(workspace, spec.file);
  try {
    const existing = readText(file);
    if (existing === undefined) return { agent: spec.agent, file, status: 'absent' };
    const record = getRecord(stateRoot, file);
    let text = existing;
    const arrayPaths = [...new Map(spec.entries(() => 'x').map((e) => [JSON.stringify(e.path), e.path])).values()];
    const emptied: string[] = [];
    for (const p of arrayPaths) {
      let arr = nodeAt(parseObject(text, spec.file), p);
      if (!arr || arr.type !== 'array') continue;
      const idx = (arr.children ?? []).map((c, i) => (isAirlockEntry(getNodeValue(c)) ? i : -1)).filter((i) => i >= 0);
      for (const i of idx.reverse()) {
        text = removeChild(text, arr, i);
        arr = nodeAt(parseObject(text, spec.file), p)!;
      }
      if (idx.length > 0 && (arr.children ?? []).length === 0) emptied.push(JSON.stringify(p));
    }
    for (const added of [...(record?.addedStrings ?? [])].reverse()) {
      const list = nodeAt(parseObject(text, spec.file), added.path);
      if (!list || list.type !== 'array') continue;
      const items = list.children ?? [];
      let i = items.length - 1;
      while (i >= 0 && items[i]!.value !== added.value) i--;
      if (i >= 0) text = removeChild(text, list, i);
    }
    // Remove keys Airlock created (deepest first) once nothing of the person's is left in them.
    const candidates = (record ? record.createdPaths : emptied).map((s) => JSON.parse(s) as JsonPath);
    candidates.sort((a, b) => b.length - a.length);
    for (const p of candidates) {
      const root = parseObject(text, spec.file);
      const node = nodeAt(root, p);
      if (!node) continue;
      if (!hollow(node)) continue;
      const loc = locate(root, p);
      if (loc) text = removeChild(text, loc.parent, loc.index);
    }
    if (record?.createdFile && isScaffoldOnly(getNodeValue(parseObject(text, spec.file)), spec.scaffold)) {
      fs.rmSync(file);
      putRecord(stateRoot, file, undefined);
      for (const d of record.createdDirs ?? []) {
        try {
          fs.rmdirSync(d); // only succeeds when empty
        } catch {
          break; // it holds other files now: keep it and its parents
        }
      }
      return { agent: spec.agent, file, status: 'removed' };
    }
    if (text === existing) return { agent: spec.agent, file, status: 'absent' };
    fs.writeFileSync(file, text);
    putRecord(stateRoot, file, undefined);
    return { agent: spec.agent, file, status: 'removed' };
  } catch (err) {
    return { agent: spec.agent, file, status: 'error', message: err instanceof Error ? err.message : String(err) };
  }
}

/** Whether every entry Airlock would add is present (for doctor and the tamper check). */
export function jsonHooksInstalled(spec: JsonHookSpec, workspace: string): { installed: boolean; missing: string[] } {
  const file = path.join(workspace, spec.file);
  const text = readText(file);
  if (text === undefined) return { installed: false, missing: [`${spec.file} does not exist`] };
  const { root, errors } = parseJsonc(text);
  if (!root || errors.length) return { installed: false, missing: [`${spec.file} is not valid JSON`] };
  const missing: string[] = [];
  for (const e of spec.entries(() => 'x')) {
    const arr = nodeAt(root, e.path);
    const ok = arr?.type === 'array' && (arr.children ?? []).some((c) => isAirlockEntry(getNodeValue(c)));
    if (!ok) missing.push(e.path.join('.'));
  }
  return { installed: missing.length === 0, missing };
}
