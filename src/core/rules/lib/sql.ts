// A small SQL statement reader for spotting data loss: DROP, TRUNCATE, DELETE/UPDATE without WHERE,
// ALTER TABLE ... DROP COLUMN. It tokenizes (so words inside strings and comments are data, not SQL),
// splits statements on `;`, and looks only at the verbs that actually run.
// Not a validator: malformed SQL is read as far as it goes, never thrown on.

export type SqlFindingKind = 'drop' | 'truncate' | 'delete-all' | 'update-all' | 'drop-column' | 'unreadable-script' | 'privileges' | 'dynamic';

export interface SqlFinding {
  kind: SqlFindingKind;
  /** `users`, `DATABASE app`, `orders.total`: what would be lost (an identifier from the SQL, never a value). */
  target: string;
}

export type SqlDialect = 'generic' | 'mysql';

type Tok = { t: 'word'; v: string; raw: string } | { t: 'ident'; v: string } | { t: 'punct'; v: string } | { t: 'str'; v: string };

const isWordStart = (k: number): boolean => (k >= 65 && k <= 90) || (k >= 97 && k <= 122) || k === 95;
const isWordPart = (k: number): boolean => isWordStart(k) || (k >= 48 && k <= 57) || k === 36 || k === 46;

/** Linear single pass; every branch consumes at least one character. */
function tokenize(sql: string, dialect: SqlDialect): Tok[] {
  const out: Tok[] = [];
  const n = sql.length;
  let i = 0;
  while (i < n) {
    const c = sql[i];
    if (c === '-' && sql[i + 1] === '-') {
      const e = sql.indexOf('\n', i);
      i = e < 0 ? n : e + 1;
    } else if (c === '#' && dialect === 'mysql') {
      const e = sql.indexOf('\n', i);
      i = e < 0 ? n : e + 1;
    } else if (c === '/' && sql[i + 1] === '*') {
      const e = sql.indexOf('*/', i + 2);
      i = e < 0 ? n : e + 2;
    } else if (c === "'" || c === '"' || c === '`') {
      // '' and "" inside are escaped quotes; backslash escapes too (MySQL), harmless for others.
      // Slices, not per-character concatenation: a megabyte literal stays a few milliseconds.
      let j = i + 1;
      let v = '';
      let from = j;
      while (j < n) {
        const d = sql.charCodeAt(j);
        if (d === 92 /* \\ */ && j + 1 < n) {
          v += sql.slice(from, j) + sql[j + 1];
          j += 2;
          from = j;
          continue;
        }
        if (sql[j] === c) {
          if (sql[j + 1] === c) {
            v += sql.slice(from, j) + c;
            j += 2;
            from = j;
            continue;
          }
          break;
        }
        j++;
      }
      v += sql.slice(from, j);
      out.push(c === "'" ? { t: 'str', v } : { t: 'ident', v });
      i = j + 1;
    } else if (c === '[' && dialect === 'generic' && /[A-Za-z_]/.test(sql[i + 1] ?? '')) {
      // SQL Server [bracketed identifiers]
      const e = sql.indexOf(']', i);
      const end = e < 0 ? n : e;
      out.push({ t: 'ident', v: sql.slice(i + 1, end) });
      i = end + 1;
    } else if (c === '$' && /[A-Za-z_$]/.test(sql[i + 1] ?? '')) {
      // Postgres dollar quoting: $$...$$ or $tag$...$tag$. A bare $1 parameter falls through below.
      const m = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i, i + 64));
      if (m) {
        const close = sql.indexOf(m[0], i + m[0].length);
        const end = close < 0 ? n : close;
        out.push({ t: 'str', v: sql.slice(i + m[0].length, end) });
        i = close < 0 ? n : close + m[0].length;
      } else {
        i++;
      }
    } else if (isWordStart(sql.charCodeAt(i))) {
      let j = i + 1;
      while (j < n && isWordPart(sql.charCodeAt(j))) j++;
      const raw = sql.slice(i, j);
      out.push({ t: 'word', v: raw.toUpperCase(), raw });
      i = j;
    } else if (c === '(' || c === ')' || c === ';' || c === '=' || c === ',' || c === '<' || c === '>') {
      out.push({ t: 'punct', v: c });
      i++;
    } else if (/[0-9]/.test(c)) {
      let j = i + 1;
      while (j < n && /[0-9.]/.test(sql[j])) j++;
      out.push({ t: 'word', v: sql.slice(i, j), raw: sql.slice(i, j) });
      i = j;
    } else {
      i++;
    }
  }
  return out;
}

function splitStatements(toks: Tok[]): Tok[][] {
  const out: Tok[][] = [];
  let cur: Tok[] = [];
  for (const t of toks) {
    if (t.t === 'punct' && t.v === ';') {
      if (cur.length) out.push(cur);
      cur = [];
    } else {
      cur.push(t);
    }
  }
  if (cur.length) out.push(cur);
  return out;
}

const isWord = (t: Tok | undefined, ...vs: string[]): boolean => t !== undefined && t.t === 'word' && vs.includes(t.v);
const nameOf = (t: Tok | undefined): string | undefined =>
  t === undefined ? undefined : t.t === 'word' ? t.raw : t.t === 'ident' ? t.v : undefined;

/** Object kinds after DROP whose loss is a whole data set, not just a definition. */
const DATA_DROPS = new Set(['DATABASE', 'SCHEMA', 'TABLE', 'KEYSPACE', 'COLUMNFAMILY', 'COLLECTION', 'OWNED', 'TABLESPACE', 'STAGE']);
const DROP_KINDS = new Set([
  ...DATA_DROPS, 'VIEW', 'INDEX', 'FUNCTION', 'SEQUENCE', 'TYPE', 'TRIGGER', 'ROLE', 'USER', 'EXTENSION', 'PROCEDURE',
  'MATERIALIZED', 'TEMPORARY', 'TEMP', 'FOREIGN', 'UNLOGGED', 'EVENT', 'POLICY', 'SERVER', 'DOMAIN', 'PUBLICATION',
  'SUBSCRIPTION', 'RULE', 'AGGREGATE', 'CONCURRENTLY',
]);

/** Whether a `drop` finding's target (`TABLE users`) names a whole data set. */
export function dropsData(target: string): boolean {
  return target.split(' ').some((w) => DATA_DROPS.has(w));
}

/** `DROP [TEMPORARY] TABLE [IF EXISTS] a, b` -> "TABLE a". */
function readDrop(s: Tok[], i: number): SqlFinding | undefined {
  let j = i + 1;
  const kind: string[] = [];
  while (j < s.length && s[j].t === 'word' && DROP_KINDS.has((s[j] as { v: string }).v) && kind.length < 3) {
    kind.push((s[j] as { v: string }).v);
    j++;
  }
  if (kind.length === 0 && s[j]?.t === 'word' && !isWord(s[j], 'IF')) kind.push((s[j++] as { v: string }).v);
  if (isWord(s[j], 'IF') && isWord(s[j + 1], 'EXISTS')) j += 2;
  const k = kind.filter((w) => !['TEMPORARY', 'TEMP', 'CONCURRENTLY', 'UNLOGGED'].includes(w)).join(' ');
  const name = nameOf(s[j]);
  // `drop table` with nothing after it is prose ("q=drop table"), not a statement
  if (name === undefined) return undefined;
  return { kind: 'drop', target: `${k || 'OBJECT'} ${name}` };
}

/** Scans from a DELETE/UPDATE verb to the end of its own parenthesis level for a meaningful WHERE. */
function hasRealWhere(s: Tok[], i: number): boolean {
  let depth = 0;
  for (let j = i + 1; j < s.length; j++) {
    const t = s[j];
    if (t.t === 'punct' && t.v === '(') depth++;
    else if (t.t === 'punct' && t.v === ')') {
      if (depth === 0) return false;
      depth--;
    } else if (depth === 0 && isWord(t, 'WHERE')) {
      return !isTriviallyTrue(s, j + 1);
    }
  }
  return false;
}

/** `WHERE 1=1`, `WHERE true`, `WHERE 1` remove every row just like no WHERE at all. */
function isTriviallyTrue(s: Tok[], i: number): boolean {
  const a = s[i];
  const end = (k: number): boolean => k >= s.length || isWord(s[k], 'RETURNING', 'LIMIT', 'ORDER', 'WHEN', 'SETTINGS') || (s[k].t === 'punct' && s[k].v === ')');
  if (isWord(a, 'TRUE', '1') && end(i + 1)) return true;
  if (a?.t === 'word' && s[i + 1]?.t === 'punct' && s[i + 1].v === '=' && s[i + 2]?.t === 'word') {
    const b = s[i + 2] as { v: string };
    if (/^[0-9]+$/.test(a.v) && a.v === b.v && end(i + 3)) return true;
  }
  if (a?.t === 'str' && s[i + 1]?.t === 'punct' && s[i + 1].v === '=' && s[i + 2]?.t === 'str' && a.v === (s[i + 2] as { v: string }).v && end(i + 3)) return true;
  // `WHERE email LIKE '%'`, `name LIKE '%%'`: every row whose column is set (the rest are seldom the point)
  if (a?.t === 'word' && isWord(s[i + 1], 'LIKE', 'ILIKE') && s[i + 2]?.t === 'str' && /^%+$/.test((s[i + 2] as { v: string }).v) && end(i + 3)) return true;
  // `WHERE id > 0`, `id >= 1`, `id IS NOT NULL`: every row of a table keyed by a positive id.
  if (a?.t === 'word' && /^(?:ID|ROWID|OID|PK|[A-Z0-9_]+_ID)$/.test(a.v)) {
    const op = s[i + 1];
    if (op?.t === 'punct' && op.v === '>') {
      const eq = s[i + 2]?.t === 'punct' && (s[i + 2] as { v: string }).v === '=';
      const n = s[eq ? i + 3 : i + 2];
      const k = eq ? i + 4 : i + 3;
      // `> 0` and `>= 1` (or any lower bound) keep no positive id out.
      if (n?.t === 'word' && /^[0-9]+$/.test(n.v) && Number(n.v) <= (eq ? 1 : 0) && end(k)) return true;
    }
    if (isWord(s[i + 1], 'IS') && isWord(s[i + 2], 'NOT') && isWord(s[i + 3], 'NULL') && end(i + 4)) return true;
  }
  return false;
}

function targetAfter(s: Tok[], i: number, skip: string[]): string {
  let j = i + 1;
  while (j < s.length && s[j].t === 'word' && skip.includes((s[j] as { v: string }).v)) j++;
  return nameOf(s[j]) ?? '?';
}

/**
 * True when the previous token starts a statement: the statement's start, a parenthesised sub-statement
 * (CTE body), or a procedural block word (`BEGIN DROP TABLE t; END`, `IF x THEN DELETE FROM t`).
 */
function atStatementStart(s: Tok[], i: number, start: number): boolean {
  if (i === start) return true;
  const p = s[i - 1];
  return (p.t === 'punct' && p.v === '(') || isWord(p, 'BEGIN', 'THEN', 'ELSE', 'LOOP', 'EXECUTE', 'IMMEDIATE');
}

/** Text of a literal: a string, or a MySQL "double-quoted" literal (read as an identifier token). */
const literalOf = (t: Tok | undefined, dialect: SqlDialect): string | undefined =>
  t === undefined ? undefined : t.t === 'str' ? t.v : t.t === 'ident' && dialect === 'mysql' ? t.v : undefined;

/** Variables set to a literal earlier in the same text (`SET @q = 'DROP TABLE t'`), for PREPARE … FROM @q. */
type SqlVars = Map<string, string>;

function analyzeStatement(s: Tok[], depth: number, dialect: SqlDialect = 'generic', vars: SqlVars = new Map()): SqlFinding[] {
  const out: SqlFinding[] = [];
  let start = 0;
  // EXPLAIN only plans; EXPLAIN ANALYZE runs the statement.
  if (isWord(s[0], 'EXPLAIN', 'DESCRIBE', 'DESC')) {
    let j = 1;
    let runs = false;
    while (j < s.length && (isWord(s[j], 'ANALYZE', 'ANALYSE', 'VERBOSE', 'QUERY', 'PLAN', 'FOR', 'FORMAT') || (s[j].t === 'punct' && '(),'.includes((s[j] as { v: string }).v)))) {
      if (isWord(s[j], 'ANALYZE', 'ANALYSE')) runs = true;
      j++;
    }
    if (!runs) return out;
    start = j;
  }
  // An anonymous code block executes its body: read the body as SQL.
  if (isWord(s[start], 'DO') && depth < 2) {
    for (const t of s.slice(start + 1)) if (t.t === 'str') out.push(...findSqlDataLoss(t.v, 'generic', depth + 1));
    return out;
  }
  // `CREATE OR REPLACE TABLE t …` (Snowflake, BigQuery, Databricks, DuckDB): an existing t and its rows are replaced
  if (isWord(s[start], 'CREATE') && isWord(s[start + 1], 'OR') && isWord(s[start + 2], 'REPLACE')) {
    let j = start + 3;
    while (isWord(s[j], 'TRANSIENT', 'TEMPORARY', 'TEMP', 'LOCAL', 'GLOBAL', 'EXTERNAL', 'DYNAMIC', 'ICEBERG', 'HYBRID')) j++;
    if (isWord(s[j], 'TABLE') && !isWord(s[start + 3], 'TEMPORARY', 'TEMP')) {
      const name = nameOf(s[j + 1]);
      if (name !== undefined) out.push({ kind: 'drop', target: `TABLE ${name} (replaced)` });
    }
    return out;
  }
  if (isWord(s[start], 'CREATE', 'COMMENT', 'GRANT', 'REVOKE')) return out; // definitions: ON DELETE CASCADE, triggers, privileges
  // `SET @q = 'DROP TABLE t'` (MySQL, also `:=`): remembered for a later PREPARE … FROM @q
  if (isWord(s[start], 'SET') && s[start + 1]?.t === 'word') {
    const k = s[start + 2]?.t === 'punct' && (s[start + 2] as { v: string }).v === '=' ? start + 3 : start + 2;
    const text = literalOf(s[k], dialect);
    if (text !== undefined) vars.set((s[start + 1] as { v: string }).v, text);
  }
  // `PREPARE s FROM 'DROP TABLE t'` / `FROM @q`: the prepared text is SQL that EXECUTE s runs; unknown text is in doubt
  if (isWord(s[start], 'PREPARE') && isWord(s[start + 2], 'FROM')) {
    const src = s[start + 3];
    const text = literalOf(src, dialect) ?? (src?.t === 'word' ? vars.get(src.v) : undefined);
    if (text === undefined) out.push({ kind: 'dynamic', target: `PREPARE ${nameOf(s[start + 1]) ?? '?'}` });
    else if (depth < 3) out.push(...findSqlDataLoss(text, dialect, depth + 1));
    return out;
  }
  for (let i = start; i < s.length; i++) {
    const t = s[i];
    if (t.t !== 'word') continue;
    const first = atStatementStart(s, i, start);
    if ((t.v === 'EXECUTE' || t.v === 'EXEC' || t.v === 'SP_EXECUTESQL') && first && depth < 3) {
      // Dynamic SQL runs its string: EXECUTE 'DROP TABLE t', EXECUTE IMMEDIATE '…', EXEC('…'), sp_executesql N'…'
      const literals = s.slice(i + 1).filter((x) => x.t === 'str');
      for (const x of literals) out.push(...findSqlDataLoss(x.v, 'generic', depth + 1));
      // `EXECUTE 'DR' || 'OP TABLE users'`: literals joined with || are one statement
      const joined = concatenated(s.slice(i + 1));
      if (joined !== undefined) out.push(...findSqlDataLoss(joined, 'generic', depth + 1));
      // Inside a DO block or function body, EXECUTE of a computed string (`EXECUTE q`, `EXECUTE format(…)`) is
      // SQL nobody can read before it runs. A top-level `EXECUTE s` runs a prepared statement, judged at PREPARE.
      if (literals.length === 0 && depth > 0) out.push({ kind: 'dynamic', target: `EXECUTE ${nameOf(s[i + 1]) ?? '?'}` });
      if (literals.length > 0) break;
      continue;
    }
    if (t.v === 'DROP' && first) {
      const d = readDrop(s, i);
      if (d) out.push(d);
    } else if (t.v === 'TRUNCATE' && first) {
      const target = targetAfter(s, i, ['TABLE', 'ONLY']);
      if (target !== '?') out.push({ kind: 'truncate', target });
    } else if (t.v === 'DELETE' && (first || isWord(s[i - 1], 'AS') || afterCte(s, i))) {
      const target = targetAfter(s, i, ['FROM', 'ONLY', 'LOW_PRIORITY', 'QUICK', 'IGNORE']);
      if (target !== '?' && !hasRealWhere(s, i)) out.push({ kind: 'delete-all', target });
    } else if (t.v === 'UPDATE' && (first || isWord(s[i - 1], 'AS') || afterCte(s, i))) {
      const target = targetAfter(s, i, ['ONLY', 'LOW_PRIORITY', 'IGNORE']);
      // UPDATE needs SET to be a statement at all ("update the docs" is prose)
      if (target !== '?' && s.some((x, k) => k > i && isWord(x, 'SET')) && !hasRealWhere(s, i)) out.push({ kind: 'update-all', target });
    } else if (t.v === 'MATCH' && first && s.some((x, k) => k > i && isWord(x, 'DELETE')) && !s.some((x) => isWord(x, 'WHERE', 'LIMIT')) && !s.some((x) => x.t === 'punct' && x.v === '{')) {
      // Cypher: `MATCH (n) DETACH DELETE n` with no WHERE, no property filter: every node of that pattern
      out.push({ kind: 'delete-all', target: 'every matched node (Cypher)' });
    } else if (t.v === 'MERGE' && first) {
      // `MERGE INTO t USING … ON true WHEN MATCHED THEN DELETE`: every row of t that the source matches, here all
      const target = targetAfter(s, i, ['INTO', 'ONLY']);
      const on = s.findIndex((x, k) => k > i && isWord(x, 'ON'));
      const del = s.some((x, k) => k > i && isWord(x, 'DELETE') && isWord(s[k - 1], 'THEN'));
      if (del && on > 0 && isTriviallyTrue(s, on + 1)) out.push({ kind: 'delete-all', target });
    } else if (t.v === 'LO_UNLINK' && s.some((x) => x.t === 'word' && /^PG_LARGEOBJECT/.test(x.v)) && !s.some((x) => isWord(x, 'WHERE'))) {
      out.push({ kind: 'delete-all', target: 'pg_largeobject (every large object)' });
    } else if (t.v === 'ALTER' && first && isWord(s[i + 1], 'TABLE')) {
      const table = targetAfter(s, i + 1, ['ONLY', 'IF', 'EXISTS']);
      for (let j = i + 2; j < s.length; j++) {
        // MySQL: a BLACKHOLE engine keeps no rows; DISCARD TABLESPACE deletes the table's data file;
        // TRUNCATE PARTITION empties partitions. ClickHouse: `ALTER TABLE t DELETE WHERE 1` is a mutation of every row.
        if (isWord(s[j], 'ENGINE') && s.slice(j + 1, j + 3).some((x) => isWord(x, 'BLACKHOLE'))) out.push({ kind: 'truncate', target: `${table} (ENGINE=BLACKHOLE)` });
        if (isWord(s[j], 'DISCARD') && isWord(s[j + 1], 'TABLESPACE')) out.push({ kind: 'truncate', target: `${table} (DISCARD TABLESPACE)` });
        if (isWord(s[j], 'TRUNCATE') && isWord(s[j + 1], 'PARTITION')) out.push({ kind: 'truncate', target: `${table} partitions` });
        if (isWord(s[j], 'DELETE') && isWord(s[j + 1], 'WHERE') && isTriviallyTrue(s, j + 2)) out.push({ kind: 'delete-all', target: table });
        if (isWord(s[j], 'UPDATE') && !isWord(s[j - 1], 'ON') && s.slice(j).some((x) => isWord(x, 'WHERE')) && !hasRealWhere(s, j)) out.push({ kind: 'update-all', target: table });
        // `ALTER COLUMN c TYPE t USING NULL`: every value rewritten to a constant
        if (isWord(s[j], 'USING') && (isWord(s[j + 1], 'NULL') || (s[j + 1]?.t === 'str' && (isWord(s[j + 2], 'WHEN') || s[j + 2] === undefined || (s[j + 2].t === 'punct' && ',;'.includes((s[j + 2] as { v: string }).v)))))) out.push({ kind: 'update-all', target: `${table} (column rewritten to a constant)` });
        if (!isWord(s[j], 'DROP')) continue;
        const next = s[j + 1];
        if (isWord(next, 'CONSTRAINT', 'INDEX', 'KEY', 'PRIMARY', 'FOREIGN', 'DEFAULT', 'NOT', 'IDENTITY', 'EXPRESSION', 'CHECK', 'TRIGGER', 'RULE')) continue;
        const col = isWord(next, 'COLUMN', 'PARTITION') ? targetAfter(s, j + 1, ['IF', 'EXISTS']) : nameOf(next) ?? '?';
        out.push({ kind: 'drop-column', target: `${table}.${col}` });
      }
      break;
    }
  }
  return out;
}

/** `WITH x AS (…) DELETE FROM t`: the statement after a common table expression list is a statement of its own. */
function afterCte(s: readonly Tok[], i: number): boolean {
  const prev = s[i - 1];
  if (prev?.t !== 'punct' || prev.v !== ')') return false;
  let k = i - 1;
  while (k > 0 && !(s[k - 1]?.t === 'punct' && (s[k - 1] as { v: string }).v === ';')) k--;
  return isWord(s[k], 'WITH');
}

/** String literals joined with `||` (or CONCAT(…)) at the start of `toks`, as one text; undefined when there is no join. */
function concatenated(toks: Tok[]): string | undefined {
  let text = '';
  let parts = 0;
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k]!;
    if (t.t === 'str') {
      text += t.v;
      parts++;
    } else if (t.t === 'punct' && (t.v === '|' || t.v === '||' || t.v === ',' || t.v === '(' || t.v === ')')) continue;
    else if (isWord(t, 'CONCAT')) continue;
    else break;
  }
  return parts > 1 ? text : undefined;
}

/** Every data-losing statement in `sql`. Empty for reads, inserts, `DELETE ... WHERE`, and SQL-looking text inside strings or comments. */
export function findSqlDataLoss(sql: string, dialect: SqlDialect = 'generic', depth = 0): SqlFinding[] {
  if (!/drop|truncate|delete|update|alter|execute|prepare|merge|lo_unlink|replace|remove|\brm\b/i.test(sql)) return [];
  const out: SqlFinding[] = [];
  const vars: SqlVars = new Map();
  for (const s of splitStatements(tokenize(sql, dialect))) out.push(...analyzeStatement(s, depth, dialect, vars));
  // Snowflake `REMOVE @stage[/path]` (`RM @…`): the staged files are deleted (the tokens drop the `@`, so read the text)
  for (const m of sql.matchAll(/(?:^|;)\s*(?:REMOVE|RM)\s+(@[^\s;]+)/gi)) out.push({ kind: 'drop', target: `STAGE ${m[1]}` });
  return out;
}

/** Privileges that administer a MySQL server (read its files, kill sessions, create accounts, hand on privileges). */
const ADMIN_PRIVILEGES = /\b(?:ALL|SUPER|FILE|SHUTDOWN|PROCESS|RELOAD|CREATE\s+USER|GRANT\s+OPTION)\b/i;
/** Postgres (and managed Postgres) roles that hold the whole server: every table, server files, programs. */
const SUPER_ROLES = /^(?:postgres|rds_superuser|cloudsqlsuperuser|azure_pg_admin|pg_read_all_data|pg_write_all_data|pg_execute_server_program|pg_read_server_files|pg_write_server_files)$/i;

/**
 * GRANTs that hand over a whole server: ALL or administrative privileges ON *.* (every database), any grant WITH
 * GRANT/ADMIN OPTION (the grantee can pass it on), or membership in a superuser-like role. A grant on one database
 * or of read privileges is ordinary account set-up. Found by tokens (a GRANT inside a string or comment is data);
 * the target is the statement as written, clipped, with any `IDENTIFIED BY '…'` password cut off.
 */
export function findSqlBroadGrants(sql: string, dialect: SqlDialect = 'generic'): SqlFinding[] {
  if (!/grant/i.test(sql)) return [];
  const out: SqlFinding[] = [];
  // `*.*` and `'user'@'%'` are not tokens: the text as written is read for them (statements in order).
  const written = [...sql.matchAll(/\bGRANT\b[^;]{0,400}/gi)].map((m) => m[0]);
  for (const s of splitStatements(tokenize(sql, dialect))) {
    if (!isWord(s[0], 'GRANT') || !s.some((t) => isWord(t, 'TO'))) continue;
    const text = written.shift() ?? 'GRANT';
    const privileges = /^GRANT\s+([\s\S]*?)\s+ON\s/i.exec(text)?.[1];
    const everyDatabase = /\sON\s+\*\.\*/i.test(text);
    const passOn = /\bWITH\s+(?:GRANT|ADMIN)\s+OPTION\b/i.test(text);
    const roles = privileges === undefined ? (/^GRANT\s+([\s\S]*?)\s+TO\s/i.exec(text)?.[1] ?? '').split(/\s*,\s*/) : [];
    const broad = (everyDatabase && privileges !== undefined && ADMIN_PRIVILEGES.test(privileges)) || passOn || roles.some((r) => SUPER_ROLES.test(r.replace(/["`]/g, '').trim()));
    if (!broad) continue;
    const shown = text.replace(/\s+IDENTIFIED\s+(?:BY|WITH)[\s\S]*$/i, '').replace(/\s+/g, ' ').trim();
    out.push({ kind: 'privileges', target: shown.length > 120 ? `${shown.slice(0, 120)}…` : shown });
  }
  return out;
}

// ---- MongoDB shell (JavaScript) ----

/** `db.dropDatabase()`, `db.users.drop()`, `deleteMany({})`, `remove({})`, `updateMany({}, …)`, runCommand drops. */
const MONGO_PATTERNS: { re: RegExp; what: string }[] = [
  { re: /\bdropDatabase\b/, what: 'dropDatabase()' },
  { re: /\.\s*drop\s*\(/, what: 'drop() of a collection' },
  { re: /\.\s*(deleteMany|remove)\s*\(\s*(\{\s*\}\s*)?[),]/, what: 'delete of every document' },
  { re: /\.\s*updateMany\s*\(\s*\{\s*\}\s*,/, what: 'update of every document' },
  { re: /\brunCommand\s*\(\s*\{\s*["']?drop["']?\s*:/, what: 'drop command' },
  { re: /\bdeleteMany\s*:\s*\{\s*filter\s*:\s*\{\s*\}/, what: 'bulkWrite delete of every document' },
  // Filters that match every document: `{_id: {$exists: true}}`, `{x: {$regex: ""}}`, `{$expr: true}`, `{_id: {$ne: null}}`
  { re: /\.\s*(?:deleteMany|remove|updateMany)\s*\(\s*\{\s*["']?[\w.$]+["']?\s*:\s*\{\s*["']?\$(?:exists\s*:\s*(?:true|1)|regex\s*:\s*(?:""|''|\/\/|\/\.\*\/|["']\.\*["'])|ne\s*:\s*null|gte?\s*:\s*(?:MinKey|-Infinity))\s*\}\s*\}\s*[),]/, what: 'delete of every document (a filter that matches all)' },
  { re: /\.\s*(?:deleteMany|remove)\s*\(\s*\{\s*["']?\$(?:expr|where)["']?\s*:\s*(?:true|1|["']true["'])\s*\}\s*[),]/, what: 'delete of every document (a filter that matches all)' },
  // `aggregate([... {$out: "users"}])` replaces the whole target collection; `renameCollection(x, true)` drops the target
  { re: /\{\s*["']?\$out["']?\s*:/, what: '$out, which replaces the target collection' },
  // ArangoDB's shell: `db._drop("users")`, `db._truncate("users")`, `db._dropDatabase("app")`
  { re: /\bdb\s*\.\s*_(?:drop|truncate|dropDatabase)\s*\(/, what: 'ArangoDB drop or truncate' },
  { re: /\.\s*renameCollection\s*\(\s*["'][^"']+["']\s*,\s*(?:true|\{\s*dropTarget\s*:\s*true)/, what: 'renameCollection with dropTarget' },
  // every user or role of the database; a document replaced by an empty one (`replaceOne({}, {})`)
  { re: /\.\s*drop(?:All)?(?:Users|Roles)FromDatabase\s*\(|\.\s*dropAll(?:Users|Roles)\s*\(/, what: 'every database user or role dropped' },
  { re: /\.\s*(?:replaceOne|findOneAndReplace)\s*\([^()]*,\s*\{\s*\}\s*[),]/, what: 'a document replaced by an empty one' },
];

/** Removes `/* … *\/` with indexOf, not a lazy regex, so many unclosed `/*` cannot make it quadratic. */
function stripBlockComments(js: string): string {
  let out = '';
  let i = 0;
  for (;;) {
    const open = js.indexOf('/*', i);
    if (open < 0) return out + js.slice(i);
    out += js.slice(i, open) + ' ';
    const close = js.indexOf('*/', open + 2);
    if (close < 0) return out;
    i = close + 2;
  }
}

/** Mongo shell code with the JS comments removed, then matched against the destructive calls. */
export function findMongoDataLoss(js: string): { what: string; target: string }[] {
  if (!/dr|delete|remove|update|\$out|rename|truncate|replace/i.test(js)) return [];
  let code = stripBlockComments(js).replace(/(^|[^:])\/\/[^\n]*/g, '$1');
  // `db["dr" + "opDatabase"]()`: joined string pieces, and a method named by a string, read as written plainly
  for (let i = 0; i < 8 && /(["'])[^"'\n]*\1\s*\+\s*(["'])/.test(code); i++) code = code.replace(/(["'])([^"'\n]*)\1\s*\+\s*(["'])([^"'\n]*)\3/g, '$1$2$4$1');
  code = code.replace(/\[\s*(["'])([A-Za-z_$][\w$]*)\1\s*\]\s*\(/g, '.$2(');
  const out: { what: string; target: string }[] = [];
  for (const { re, what } of MONGO_PATTERNS) {
    const m = re.exec(code);
    if (!m) continue;
    // `db.users.drop()` / `db.getCollection("users").drop()` -> users
    const before = code.slice(Math.max(0, m.index - 80), m.index);
    const coll = /(?:db\.getCollection\(\s*["']([^"']+)["']\s*\)|db\.([A-Za-z_][\w]*)|db\[\s*["']([^"']+)["']\s*\])\s*$/.exec(before);
    out.push({ what, target: coll ? (coll[1] ?? coll[2] ?? coll[3]) : 'db' });
  }
  return out;
}

// ---- Redis ----

/** FLUSHALL / FLUSHDB as a command word (argv or a line of stdin), or called from a Lua script (`EVAL "redis.call('flushall')"`). */
export function findRedisFlush(words: readonly string[]): string | undefined {
  for (const w of words) {
    const first = w.trim().split(/\s+/, 1)[0].toUpperCase();
    if (first === 'FLUSHALL' || first === 'FLUSHDB') return first;
    const lua = /redis\.p?call\s*\(\s*["'](flushall|flushdb)["']/i.exec(w);
    if (lua) return lua[1].toUpperCase();
  }
  return undefined;
}
