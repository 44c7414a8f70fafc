// esbuild plugin: every rule and secret detector carries its own flag/allow examples as data, which
// the unit tests run. The detectors' examples are credential-shaped on purpose, and shipping them
// makes `vsce package` (rightly) refuse the bundle and puts token-shaped strings in dist/. Nothing
// reads the examples at run time, so the bundles get empty lists instead: the source stays the one
// place a rule and its examples live, and the tests still read them from there.
//
// Done on the syntax tree, not with regexes, so a rewrite of the detector files (different layout,
// nested brackets in strings) cannot leave half an example behind:
//   - `examples: { ... }`                      -> `examples: { flag: [], allow: [] }`
//   - `get examples() { ... }` (built when read) -> a getter returning empty lists
//   - any object with both `flag: [...]` and `allow: [...]` (example specs built by helpers)
//                                               -> both lists emptied
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

const EMPTY_EXAMPLES = '{ flag: [], allow: [] }';

function propName(node) {
  return node.name && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name)) ? node.name.text : undefined;
}

/** Source ranges to replace, with their replacements. */
function exampleEdits(source, file) {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const edits = [];
  const visit = (node) => {
    if (ts.isPropertyAssignment(node) && propName(node) === 'examples' && ts.isObjectLiteralExpression(node.initializer)) {
      edits.push({ start: node.initializer.getStart(sf), end: node.initializer.getEnd(), text: EMPTY_EXAMPLES });
      return;
    }
    if (ts.isGetAccessorDeclaration(node) && propName(node) === 'examples' && node.body) {
      edits.push({ start: node.body.getStart(sf), end: node.body.getEnd(), text: `{ return ${EMPTY_EXAMPLES}; }` });
      return;
    }
    if (ts.isObjectLiteralExpression(node)) {
      const lists = node.properties.filter(
        (p) => ts.isPropertyAssignment(p) && (propName(p) === 'flag' || propName(p) === 'allow') && ts.isArrayLiteralExpression(p.initializer),
      );
      if (lists.length === 2 && propName(lists[0]) !== propName(lists[1])) {
        for (const p of lists) edits.push({ start: p.initializer.getStart(sf), end: p.initializer.getEnd(), text: '[]' });
        for (const p of node.properties) if (!lists.includes(p)) ts.forEachChild(p, visit);
        return;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return edits;
}

/** `source` with every rule and detector example list emptied. */
function stripExamples(source, file = 'x.ts') {
  const edits = exampleEdits(source, file).sort((a, b) => b.start - a.start);
  let out = source;
  for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** Applies to src/core/ only: that is where rules and detectors live. */
function stripExamplesPlugin() {
  const core = `${path.sep}src${path.sep}core${path.sep}`;
  return {
    name: 'strip-examples',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, async (args) => {
        if (!args.path.includes(core)) return undefined;
        const source = await fs.promises.readFile(args.path, 'utf8');
        if (!/\b(examples|flag)\s*:/.test(source)) return undefined;
        return { contents: stripExamples(source, args.path), loader: 'ts' };
      });
    },
  };
}

module.exports = { stripExamples, stripExamplesPlugin };
