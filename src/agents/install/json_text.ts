// Surgical edits of JSON/JSONC config files. jsonc-parser gives us the tree with exact offsets;
// we insert and remove text ourselves, so the user's comments, spacing and key order stay
// byte-for-byte, and removing what we inserted restores the file exactly. (jsonc-parser's own
// modify() reformats neighbouring elements, which would not round-trip.)
import { parseTree, findNodeAtLocation, type Node, type ParseError } from 'jsonc-parser';

export type JsonPath = Array<string | number>;

export function parseJsonc(text: string): { root: Node | undefined; errors: ParseError[] } {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  return { root, errors };
}

function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** The whitespace a child starts its line with, or undefined when it shares a line with something else. */
function lineIndent(text: string, offset: number): string | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lead = text.slice(lineStart, offset);
  return /^[ \t]*$/.test(lead) ? lead : undefined;
}

/** The whitespace the line holding `offset` starts with. */
function lineLead(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, offset))![0];
}

/**
 * `valueText` laid out like its neighbours: a value whose siblings sit on their own lines gets its
 * own lines too, indented one step (the file's own step) deeper per level, instead of one long line.
 */
function layout(text: string, container: Node, indent: string, valueText: string): string {
  const outer = lineLead(text, container.offset);
  const unit = indent.startsWith(outer) && indent.length > outer.length ? indent.slice(outer.length) : '  ';
  return JSON.stringify(JSON.parse(valueText), null, unit).split('\n').join(`${eolOf(text)}${indent}`);
}

/** A `// comment` on the same line right after `end`, as `[start, end)`; it belongs to that value. */
function sameLineComment(text: string, end: number): string | undefined {
  return /^[ \t]*\/\/[^\r\n]*/.exec(text.slice(end))?.[0];
}

/** Text for a new sibling after the value ending at `end`, on its own line: the comma goes before that value's comment. */
function insertAfter(text: string, end: number, indent: string, itemText: string): string {
  const comment = sameLineComment(text, end) ?? '';
  const at = end + comment.length;
  return `${text.slice(0, end)},${comment}${eolOf(text)}${indent}${itemText}${text.slice(at)}`;
}

function children(node: Node): Node[] {
  return node.children ?? [];
}

/** Appends `valueText` to an array node; returns the new text. */
export function appendElement(text: string, arr: Node, valueText: string): string {
  const items = children(arr);
  if (items.length === 0) {
    const at = arr.offset + 1; // right after '['
    return text.slice(0, at) + valueText + text.slice(at);
  }
  const last = items[items.length - 1]!;
  const end = last.offset + last.length;
  const indent = lineIndent(text, last.offset);
  if (indent === undefined) return `${text.slice(0, end)}, ${valueText}${text.slice(end)}`;
  return insertAfter(text, end, indent, layout(text, arr, indent, valueText));
}

/** Adds `"key": valueText` to an object node; returns the new text. */
export function addProperty(text: string, obj: Node, key: string, valueText: string): string {
  const props = children(obj);
  const prop = (indent?: string) => `${JSON.stringify(key)}: ${indent === undefined ? valueText : layout(text, obj, indent, valueText)}`;
  if (props.length === 0) {
    const inner = text.slice(obj.offset + 1, obj.offset + obj.length - 1);
    const at = obj.offset + 1;
    if (/^\s*$/.test(inner) && inner.includes('\n')) {
      // `{\n}`: put the property on its own line.
      const indent = `${lineIndent(text, obj.offset + obj.length - 1) ?? ''}  `;
      return text.slice(0, at) + `${eolOf(text)}${indent}${prop(indent)}` + text.slice(at);
    }
    return text.slice(0, at) + prop() + text.slice(at);
  }
  const last = props[props.length - 1]!;
  const end = last.offset + last.length;
  const indent = lineIndent(text, last.offset);
  if (indent === undefined) return `${text.slice(0, end)}, ${prop()}${text.slice(end)}`;
  return insertAfter(text, end, indent, prop(indent));
}

/**
 * Removes child `index` of an array or object node together with the separator that joins it
 * to its neighbour: exactly the text appendElement/addProperty inserted.
 */
export function removeChild(text: string, parent: Node, index: number): string {
  const items = children(parent);
  const me = items[index]!;
  const myEnd = me.offset + me.length;
  if (index > 0) {
    const prev = items[index - 1]!;
    const prevEnd = prev.offset + prev.length;
    // insertAfter put the comma before the previous value's own comment: keep that comment.
    const kept = /^,([ \t]*\/\/[^\r\n]*)\r?\n[ \t]*$/.exec(text.slice(prevEnd, me.offset))?.[1] ?? '';
    return text.slice(0, prevEnd) + kept + text.slice(myEnd);
  }
  if (items.length > 1) {
    const next = items[1]!;
    return text.slice(0, me.offset) + text.slice(next.offset);
  }
  // Only child: addProperty put it on a new line after the opening brace; take that line break back too.
  const before = text.slice(parent.offset + 1, me.offset);
  const start = /^\s*$/.test(before) && before.includes('\n') ? parent.offset + 1 : me.offset;
  return text.slice(0, start) + text.slice(myEnd);
}

/** Replaces a node's text (an outdated Airlock entry) in place. */
export function replaceNode(text: string, node: Node, valueText: string): string {
  return text.slice(0, node.offset) + valueText + text.slice(node.offset + node.length);
}

export function nodeAt(root: Node | undefined, path: JsonPath): Node | undefined {
  return root ? findNodeAtLocation(root, path) : undefined;
}

/** For a value node found by path, its parent container and its index there (property index for objects). */
export function locate(root: Node, path: JsonPath): { parent: Node; index: number } | undefined {
  const parentPath = path.slice(0, -1);
  const parent = parentPath.length ? findNodeAtLocation(root, parentPath) : root;
  if (!parent) return undefined;
  const key = path[path.length - 1];
  if (parent.type === 'array' && typeof key === 'number') return key < children(parent).length ? { parent, index: key } : undefined;
  if (parent.type === 'object') {
    const index = children(parent).findIndex((p) => p.children?.[0]?.value === key);
    return index >= 0 ? { parent, index } : undefined;
  }
  return undefined;
}
