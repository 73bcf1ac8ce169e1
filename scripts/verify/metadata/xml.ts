/**
 * The one XML reader every gate uses: a metadata file becomes a tree of elements, each with its
 * 1-based line, attributes, child elements in document order and trimmed text. A file that is not
 * well-formed throws `XmlParseError` naming the file, the line and the parser's message.
 */
import fs from 'node:fs';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Text content (entities decoded, trimmed); '' for an element with only children. */
  text: string;
  line: number;
}

export class XmlParseError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string
  ) {
    super(`${file}:${line}: cannot parse XML: ${reason}`);
  }
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  captureMetaData: true
});
const META = XMLParser.getMetaDataSymbol() as unknown as string;

type OrderedNode = Record<string, unknown>;

/** 1-based line of each offset, by binary search over the newline positions. */
function lineFinder(text: string): (offset: number) => number {
  const starts: number[] = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

function convert(node: OrderedNode, lineAt: (offset: number) => number): XmlElement | undefined {
  const name = Object.keys(node).find((k) => k !== ':@');
  if (!name || name === '#text' || name.startsWith('?') || name === '#comment') return undefined;
  const meta = (node as Record<string, { startIndex?: number } | undefined>)[META];
  const element: XmlElement = {
    name,
    attrs: { ...((node[':@'] as Record<string, string> | undefined) ?? {}) },
    children: [],
    text: '',
    line: lineAt(meta?.startIndex ?? 0)
  };
  const texts: string[] = [];
  for (const child of (node[name] as OrderedNode[] | undefined) ?? []) {
    if ('#text' in child) texts.push(String(child['#text']));
    else {
      const converted = convert(child, lineAt);
      if (converted) element.children.push(converted);
    }
  }
  element.text = texts.join('').trim();
  return element;
}

/** Parses XML text; the root element of the document. Throws XmlParseError when malformed. */
export function parseXml(text: string, file: string): XmlElement {
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new XmlParseError(file, valid.err.line, valid.err.msg);
  let doc: OrderedNode[];
  try {
    doc = parser.parse(text) as OrderedNode[];
  } catch (error) {
    throw new XmlParseError(file, 1, (error as Error).message);
  }
  const lineAt = lineFinder(text);
  for (const node of doc) {
    const root = convert(node, lineAt);
    if (root) return root;
  }
  throw new XmlParseError(file, 1, 'no root element');
}

const cache = new Map<string, { stamp: string; root: XmlElement }>();

/** Reads and parses a file once per process (re-read when its size or mtime changes). */
export function readXmlFile(file: string): XmlElement {
  const stat = fs.statSync(file);
  const stamp = `${stat.size}:${stat.mtimeMs}`;
  const hit = cache.get(file);
  if (hit && hit.stamp === stamp) return hit.root;
  const root = parseXml(fs.readFileSync(file, 'utf8'), file);
  cache.set(file, { stamp, root });
  return root;
}

// ---- navigation ------------------------------------------------------------------------------

export const childrenNamed = (el: XmlElement | undefined, name: string): XmlElement[] =>
  el ? el.children.filter((c) => c.name === name) : [];

export const childNamed = (el: XmlElement | undefined, name: string): XmlElement | undefined =>
  el?.children.find((c) => c.name === name);

/** Text of the first child named `name`, or undefined when there is none. */
export const textOf = (el: XmlElement | undefined, name: string): string | undefined =>
  childNamed(el, name)?.text;

/** Every element named `name` below `el` (any depth, document order). */
export function descendantsNamed(el: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const visit = (e: XmlElement): void => {
    for (const c of e.children) {
      if (c.name === name) out.push(c);
      visit(c);
    }
  };
  visit(el);
  return out;
}

export type Plain = string | { [key: string]: Plain | Plain[] };

/**
 * The element as a plain object in fast-xml-parser's default shape (leaf → string, repeated or
 * `isArray` children → arrays), for checks written against that shape.
 */
export function toPlain(el: XmlElement, isArray: (name: string) => boolean = () => false): Plain {
  if (el.children.length === 0) return el.text;
  const out: Record<string, Plain | Plain[]> = {};
  for (const child of el.children) {
    const value = toPlain(child, isArray);
    const existing = out[child.name];
    if (existing === undefined) out[child.name] = isArray(child.name) ? [value] : value;
    else if (Array.isArray(existing)) existing.push(value);
    else out[child.name] = [existing, value];
  }
  return out;
}
