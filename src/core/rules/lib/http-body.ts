// Turns an HTTP request body, in whatever encoding an agent wrote it, into the GraphQL documents it carries:
// JSON `{"query": "..."}` (also batched arrays and JSON-in-a-string), form/URL encoding (`query=mutation%20…`),
// raw `application/graphql`, and broken JSON whose string literals are decoded one by one.

const MAX_STRINGS = 64;

/** Decodes a JSON string literal's inside without JSON.parse, so a broken neighbour does not lose it. */
function decodeJsonStringBody(s: string): string {
  return s.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_m, e: string) => {
    if (e.length === 5) return String.fromCharCode(parseInt(e.slice(1), 16));
    return e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e === 'b' || e === 'f' ? ' ' : e;
  });
}

function tryDecodeURIComponent(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

function collectStrings(v: unknown, out: string[], depth: number): void {
  if (out.length >= MAX_STRINGS || depth > 6) return;
  if (typeof v === 'string') {
    out.push(v);
    const trimmed = v.trim();
    if ((trimmed.startsWith('{') || trimmed.startsWith('[')) && depth < 3) {
      try {
        collectStrings(JSON.parse(trimmed), out, depth + 1);
      } catch {
        /* not JSON inside: the string itself was kept */
      }
    }
  } else if (Array.isArray(v)) {
    for (const x of v) collectStrings(x, out, depth + 1);
  } else if (v && typeof v === 'object') {
    for (const x of Object.values(v)) collectStrings(x, out, depth + 1);
  }
}

/** Each `"…"` literal in text that is not (or not only) valid JSON: shell-spliced bodies, `$(jq …)`, script code. */
function stringLiterals(text: string, out: string[]): void {
  if (text.includes('"')) {
    const re = /"((?:[^"\\]|\\.)*)"/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) && out.length < MAX_STRINGS) out.push(decodeJsonStringBody(m[1]));
  }
  // Code (`json={'query': 'mutation { … }'}` in Python): single-quoted literals that hold a GraphQL operation
  if (text.includes("'") && /mutation/.test(text)) {
    const re = /'((?:[^'\\\n]|\\.)*)'/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) && out.length < MAX_STRINGS) if (/mutation/.test(m[1]!)) out.push(m[1]!);
  }
}

/** Every text in `body` that could be a GraphQL document. Never throws. */
export function graphqlCandidates(body: string): string[] {
  const out: string[] = [body];
  const trimmed = body.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[') || trimmed.startsWith('"')) {
    try {
      collectStrings(JSON.parse(trimmed), out, 0);
      return out;
    } catch {
      // Broken JSON (shell-spliced, truncated): decode each string literal on its own.
      stringLiterals(trimmed, out);
      return out;
    }
  }
  // form or query-string encoding: query=...&variables=...
  for (const part of body.split('&')) {
    const eq = part.indexOf('=');
    if (eq > 0) out.push(tryDecodeURIComponent(part.slice(eq + 1)));
  }
  if (body.includes('%')) out.push(tryDecodeURIComponent(body));
  stringLiterals(body, out);
  return out;
}

const SQL_KEYS = /^(sql|query|q|statement|statements|stmt|command|querytext)$/i;

/**
 * Texts in a body or URL that an HTTP SQL endpoint would execute: a raw body (ClickHouse, `--data-binary "DROP …"`),
 * JSON values under sql/query/statement keys (Supabase, D1, Neon, Databricks APIs), and `q=`/`query=`/`sql=`
 * parameters (InfluxDB, ClickHouse GET). Other JSON string values are data (a label "Delete from cart" is not SQL).
 */
export function sqlCandidates(body: string): string[] {
  const out: string[] = [];
  const trimmed = body.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      collectSqlValues(JSON.parse(trimmed), out, 0);
    } catch {
      /* broken JSON: nothing trustworthy to read as SQL */
    }
    return out;
  }
  for (const part of body.split('&')) {
    const eq = part.indexOf('=');
    if (eq > 0 && SQL_KEYS.test(part.slice(0, eq))) out.push(tryDecodeURIComponent(part.slice(eq + 1)));
  }
  if (!/^[\w.-]+=/.test(trimmed)) out.push(body);
  return out;
}

function collectSqlValues(v: unknown, out: string[], depth: number): void {
  if (depth > 6 || out.length >= MAX_STRINGS || !v || typeof v !== 'object') return;
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    // (braces matter: a dangling `else` here once bound to the inner `if` and nothing nested was ever read)
    if (typeof x === 'string' && SQL_KEYS.test(k)) out.push(x);
    else if (Array.isArray(x) && SQL_KEYS.test(k)) {
      for (const y of x) if (typeof y === 'string') out.push(y);
    } else collectSqlValues(x, out, depth + 1);
  }
}
