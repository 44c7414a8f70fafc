// Finds destructive GraphQL mutations in a request body without a GraphQL library.
//
// Why hand-written rather than the `graphql` package's parser: bodies that agents send are often not valid
// documents (shell-interpolated ids, truncated text, `…` placeholders, JSON escapes left in), and those are exactly
// the ones that must still be caught, so a tolerant reader is needed either way. A reader that follows the
// GraphQL lexical grammar (names, punctuators, strings, block strings, comments) and the document structure
// (operations, aliases, arguments, fragments) is ~150 lines, never throws, is linear in the body size, and keeps
// the hook bundle, which is started once per agent action, free of a 100 kB+ dependency.
import { identifierWords } from './words';

/** Verbs that, in a mutation's top-level field name, mean data goes away. */
export const DESTRUCTIVE_VERBS = new Set(['delete', 'destroy', 'drop', 'remove', 'purge', 'wipe', 'reset', 'truncate', 'erase']);

/** Words that reverse a deletion: `undoDelete`, `restoreDeleted…`, `cancelPurge` put data back. */
const REVERSING = new Set(['undo', 'undelete', 'restore', 'recover', 'cancel', 'revert']);

/** `reset` of a credential (`requestPasswordReset`, `resetApiToken`) rotates access; it does not lose data. */
const CREDENTIAL_WORDS = new Set(['password', 'passcode', 'passphrase', 'pin', 'otp', 'totp', 'mfa', 'token', 'credentials', 'verification', 'email']);

export function isDestructiveFieldName(name: string): boolean {
  const words = identifierWords(name);
  if (words.some((w) => REVERSING.has(w))) return false;
  return words.some((w) => DESTRUCTIVE_VERBS.has(w) && !(w === 'reset' && words.some((x) => CREDENTIAL_WORDS.has(x))));
}

type Tok = { k: 'name'; v: string } | { k: 'p'; v: string } | { k: 'str' };

function lex(doc: string): Tok[] {
  const out: Tok[] = [];
  const n = doc.length;
  let i = 0;
  while (i < n) {
    const c = doc[i];
    if (c === '#') {
      const e = doc.indexOf('\n', i);
      i = e < 0 ? n : e + 1;
    } else if (c === '"') {
      if (doc.startsWith('"""', i)) {
        const e = doc.indexOf('"""', i + 3);
        i = e < 0 ? n : e + 3;
      } else {
        let j = i + 1;
        while (j < n && doc[j] !== '"' && doc[j] !== '\n') j += doc[j] === '\\' ? 2 : 1;
        i = j + 1;
      }
      out.push({ k: 'str' });
    } else if (/[_A-Za-z]/.test(c)) {
      let j = i + 1;
      while (j < n && /[_0-9A-Za-z]/.test(doc[j])) j++;
      out.push({ k: 'name', v: doc.slice(i, j) });
      i = j;
    } else if (c === '.' && doc.startsWith('...', i)) {
      out.push({ k: 'p', v: '...' });
      i += 3;
    } else if ('{}()[]:@$!=|&'.includes(c)) {
      out.push({ k: 'p', v: c });
      i++;
    } else {
      i++; // whitespace, commas, numbers, stray characters: ignored
    }
  }
  return out;
}

interface Selection {
  fields: string[];
  spreads: string[];
}

/** Skips a balanced group starting at an opening bracket; returns the index after its close (or the end). */
function skipGroup(t: Tok[], i: number, open: string, close: string): number {
  let depth = 0;
  for (let j = i; j < t.length; j++) {
    const x = t[j];
    if (x.k !== 'p') continue;
    if (x.v === open) depth++;
    else if (x.v === close && --depth === 0) return j + 1;
  }
  return t.length;
}

const isP = (x: Tok | undefined, v: string): boolean => x !== undefined && x.k === 'p' && x.v === v;

/** Skips `@dir(args)` directives. */
function skipDirectives(t: Tok[], i: number): number {
  while (isP(t[i], '@')) {
    i += 2;
    if (isP(t[i], '(')) i = skipGroup(t, i, '(', ')');
  }
  return i;
}

/** Reads the top level of a selection set starting at `{`; nested selections are skipped. */
const MAX_INLINE_FRAGMENT_DEPTH = 32;

/**
 * `top`: this is an operation's own selection set. There, a field without arguments that only groups others
 * (`mutation { volume { delete(id: 1) } }`, a namespaced API) contributes its children as `volume.delete`.
 */
function readSelection(t: Tok[], i: number, sel: Selection, depth = 0, top = true): number {
  if (depth > MAX_INLINE_FRAGMENT_DEPTH) return skipGroup(t, i, '{', '}');
  i++; // past '{'
  while (i < t.length && !isP(t[i], '}')) {
    const x = t[i];
    if (isP(x, '...')) {
      const nx = t[i + 1];
      if (nx?.k === 'name' && nx.v !== 'on') {
        sel.spreads.push(nx.v);
        i = skipDirectives(t, i + 2);
      } else {
        // inline fragment `... on Mutation @dir { f }`: its fields are at this same level
        i += nx?.k === 'name' ? 3 : 1;
        i = skipDirectives(t, i);
        if (isP(t[i], '{')) i = readSelection(t, i, sel, depth + 1, top);
      }
      continue;
    }
    if (x.k === 'name') {
      let name = x.v;
      i++;
      if (isP(t[i], ':') && t[i + 1]?.k === 'name') {
        name = (t[i + 1] as { v: string }).v; // alias: the real field follows
        i += 2;
      }
      sel.fields.push(name);
      const hasArgs = isP(t[i], '(');
      if (hasArgs) i = skipGroup(t, i, '(', ')');
      i = skipDirectives(t, i);
      if (isP(t[i], '{')) {
        if (top && !hasArgs) {
          const inner: Selection = { fields: [], spreads: [] };
          i = readSelection(t, i, inner, depth + 1, false);
          for (const f of inner.fields) sel.fields.push(`${name}.${f}`);
        } else {
          i = skipGroup(t, i, '{', '}');
        }
      }
      continue;
    }
    i++;
  }
  return i + 1;
}

export interface GraphqlOperation {
  type: 'query' | 'mutation' | 'subscription';
  /** Top-level field names, fragment spreads resolved. */
  fields: string[];
}

/** Operations in a document; unknown or broken parts are skipped, never thrown on. */
export function readOperations(doc: string): GraphqlOperation[] {
  const t = lex(doc);
  const ops: { type: GraphqlOperation['type']; sel: Selection }[] = [];
  const fragments = new Map<string, Selection>();
  let i = 0;
  while (i < t.length) {
    const x = t[i];
    if (isP(x, '{')) {
      const sel: Selection = { fields: [], spreads: [] };
      i = readSelection(t, i, sel);
      ops.push({ type: 'query', sel });
    } else if (x.k === 'name' && (x.v === 'query' || x.v === 'mutation' || x.v === 'subscription')) {
      let j = i + 1;
      if (t[j]?.k === 'name') j++;
      if (isP(t[j], '(')) j = skipGroup(t, j, '(', ')');
      j = skipDirectives(t, j);
      const sel: Selection = { fields: [], spreads: [] };
      if (isP(t[j], '{')) j = readSelection(t, j, sel);
      ops.push({ type: x.v, sel });
      i = Math.max(j, i + 1);
    } else if (x.k === 'name' && x.v === 'fragment' && t[i + 1]?.k === 'name') {
      const name = (t[i + 1] as { v: string }).v;
      let j = i + 2;
      if (t[j]?.k === 'name' && (t[j] as { v: string }).v === 'on') j += 2;
      j = skipDirectives(t, j);
      const sel: Selection = { fields: [], spreads: [] };
      if (isP(t[j], '{')) j = readSelection(t, j, sel);
      fragments.set(name, sel);
      i = Math.max(j, i + 1);
    } else {
      i++;
    }
  }
  return ops.map(({ type, sel }) => ({ type, fields: resolveSpreads(sel, fragments) }));
}

function resolveSpreads(sel: Selection, fragments: Map<string, Selection>): string[] {
  const out = [...sel.fields];
  const seen = new Set<string>();
  const queue = [...sel.spreads];
  while (queue.length) {
    const name = queue.shift() as string;
    if (seen.has(name)) continue;
    seen.add(name);
    const f = fragments.get(name);
    if (!f) continue;
    out.push(...f.fields);
    queue.push(...f.spreads);
  }
  return out;
}

/**
 * Top-level mutation fields in `doc` that delete/destroy/drop/remove/purge/wipe/reset/truncate/erase.
 * When a `mutation` keyword is present but no operation could be read (broken text), falls back to any
 * destructive-looking name after the keyword that is followed by `(` or `{`: in doubt, it is reported.
 */
export function destructiveMutationFields(doc: string): string[] {
  if (!/mutation/.test(doc)) return [];
  const ops = readOperations(doc);
  const mutations = ops.filter((o) => o.type === 'mutation');
  const hits = mutations.flatMap((o) => o.fields.filter(isDestructiveFieldName));
  if (hits.length || mutations.some((o) => o.fields.length > 0)) return hits;
  // Fallback: a mutation we could not read.
  const t = lex(doc);
  const at = t.findIndex((x) => x.k === 'name' && x.v === 'mutation');
  if (at < 0) return [];
  const out: string[] = [];
  for (let j = at + 1; j < t.length; j++) {
    const x = t[j];
    if (x.k === 'name' && isDestructiveFieldName(x.v) && (isP(t[j + 1], '(') || isP(t[j + 1], '{'))) out.push(x.v);
  }
  return out;
}

/** Whether `doc` holds at least one operation with fields (so it can be judged, unlike `"$Q"`). */
export function hasReadableOperation(doc: string): boolean {
  if (!/[{]/.test(doc)) return false;
  return readOperations(doc).some((o) => o.fields.length > 0);
}
