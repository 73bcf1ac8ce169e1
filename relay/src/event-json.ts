/**
 * Checks that a webhook body is one JSON text and reads the few top-level fields the relay needs,
 * without building the parsed object. `JSON.parse` of a 3 KB event (plus collecting the object tree
 * it builds) was the largest single cost per webhook; this scan over the bytes costs a fraction of it.
 *
 * It accepts exactly what `JSON.parse(bytes.toString('utf8'))` accepts for valid UTF-8 input
 * (RFC 8259: the four whitespace bytes, no comments, no trailing commas, no leading zeros, no BOM,
 * no raw control characters in strings, any nesting depth), and reads a field as `JSON.parse` would:
 * escaped keys count, and of repeated keys the last wins. relay/test/event-json.test.ts checks it
 * against `JSON.parse` on generated and mutated documents. The caller must have checked UTF-8 first:
 * bytes of 0x80 and above are taken as string content without being decoded.
 */

/** The top-level string fields of a JSON object; a field is absent when missing or not a string. */
export interface EventFields {
  id?: string;
  type?: string;
  object?: string;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;

const IN_OBJECT = 1;
const IN_ARRAY = 2;

/** Which top-level field a key names; indexes into the per-call field slots. */
const NOT_WANTED = -1;
const WANTED_KEYS = ['id', 'type', 'object'] as const;
const WANTED_BYTES = WANTED_KEYS.map((key) => Buffer.from(key, 'latin1'));

/** Shared between calls (the scan is synchronous): containers open at each depth, grown on demand. */
let stack = new Uint8Array(64);

/** 1 for a byte that may stand for itself inside a string: not a control character, quote or backslash. */
const PLAIN_STRING_BYTE = Uint8Array.from({ length: 256 }, (_, c) =>
  c >= 0x20 && c !== QUOTE && c !== BACKSLASH ? 1 : 0
);

/** Set by scanString: whether the string it just read had an escape (then it must be decoded). */
let sawEscape = false;

function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function skipWhitespace(bytes: Uint8Array, i: number): number {
  while (i < bytes.length && isWhitespace(bytes[i] as number)) i++;
  return i;
}

function isHex(c: number | undefined): boolean {
  return (
    c !== undefined && ((c >= ZERO && c <= NINE) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66))
  );
}

/** From just after an opening quote; the index after the closing quote, or -1. Sets `sawEscape`. */
function scanString(bytes: Uint8Array, i: number): number {
  const end = bytes.length;
  sawEscape = false;
  while (i < end) {
    // Most string bytes are plain: one table look-up each.
    while (i < end && PLAIN_STRING_BYTE[bytes[i] as number] === 1) i++;
    if (i >= end) return -1;
    const c = bytes[i] as number;
    if (c === QUOTE) return i + 1;
    if (c < 0x20) return -1;
    if (c === BACKSLASH) {
      sawEscape = true;
      const e = bytes[i + 1];
      if (e === 0x75 /* u */) {
        if (!(isHex(bytes[i + 2]) && isHex(bytes[i + 3]) && isHex(bytes[i + 4]) && isHex(bytes[i + 5])))
          return -1;
        i += 6;
        continue;
      }
      // " \ / b f n r t
      if (
        e === QUOTE ||
        e === BACKSLASH ||
        e === 0x2f ||
        e === 0x62 ||
        e === 0x66 ||
        e === 0x6e ||
        e === 0x72 ||
        e === 0x74
      ) {
        i += 2;
        continue;
      }
      return -1;
    }
    i++;
  }
  return -1;
}

function skipDigits(bytes: Uint8Array, i: number): number {
  while (i < bytes.length && (bytes[i] as number) >= ZERO && (bytes[i] as number) <= NINE) i++;
  return i;
}

function isDigit(c: number | undefined): boolean {
  return c !== undefined && c >= ZERO && c <= NINE;
}

/** `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`; the index after it, or -1. */
function scanNumber(bytes: Uint8Array, i: number): number {
  if (bytes[i] === MINUS) i++;
  if (bytes[i] === ZERO) i++;
  else if (isDigit(bytes[i])) i = skipDigits(bytes, i + 1);
  else return -1;
  if (bytes[i] === DOT) {
    if (!isDigit(bytes[i + 1])) return -1;
    i = skipDigits(bytes, i + 2);
  }
  if (bytes[i] === 0x65 || bytes[i] === 0x45 /* e E */) {
    i++;
    if (bytes[i] === PLUS || bytes[i] === MINUS) i++;
    if (!isDigit(bytes[i])) return -1;
    i = skipDigits(bytes, i + 1);
  }
  return i;
}

function matchesLiteral(bytes: Uint8Array, i: number, literal: string): boolean {
  for (let k = 0; k < literal.length; k++) if (bytes[i + k] !== literal.charCodeAt(k)) return false;
  return true;
}

/** Which wanted key the string between `start` and `end` (quotes excluded) spells, if any. */
function wantedKey(bytes: Uint8Array, start: number, end: number, escaped: boolean): number {
  if (escaped) {
    // Rare ("\u0069d" is "id" to JSON.parse): decode the key the slow way.
    return (WANTED_KEYS as readonly string[]).indexOf(decodeString(bytes, start, end, true));
  }
  for (let k = 0; k < WANTED_BYTES.length; k++) {
    const want = WANTED_BYTES[k] as Buffer;
    if (want.length !== end - start) continue;
    let same = true;
    for (let j = 0; j < want.length; j++) {
      if (bytes[start + j] !== want[j]) {
        same = false;
        break;
      }
    }
    if (same) return k;
  }
  return NOT_WANTED;
}

/**
 * The top-level fields of `bytes` when it is exactly one JSON object (surrounding whitespace
 * allowed); undefined when it is not valid JSON or not an object.
 */
export function scanEventJson(bytes: Uint8Array): EventFields | undefined {
  const length = bytes.length;
  // Start and end (quotes excluded) of the last string value of each wanted key; -1 when its last
  // value was not a string, or it never appeared.
  const fieldStart = [-1, -1, -1];
  const fieldEnd = [-1, -1, -1];
  const fieldEscaped = [false, false, false];

  let i = skipWhitespace(bytes, 0);
  if (bytes[i] !== OPEN_OBJECT) return undefined;
  let depth = 0;
  // The wanted key whose value is being read at depth 1, else NOT_WANTED.
  let field = NOT_WANTED;

  // Each turn reads one value at `i`, then closes what ends after it and moves to the next value.
  for (;;) {
    i = skipWhitespace(bytes, i);
    const c = bytes[i];
    let containerOpened = false;
    if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (field !== NOT_WANTED) fieldStart[field] = -1;
      const close = c === OPEN_OBJECT ? CLOSE_OBJECT : CLOSE_ARRAY;
      i = skipWhitespace(bytes, i + 1);
      if (bytes[i] === close) {
        i++;
      } else {
        if (depth === stack.length) {
          const grown = new Uint8Array(stack.length * 2);
          grown.set(stack);
          stack = grown;
        }
        stack[depth++] = c === OPEN_OBJECT ? IN_OBJECT : IN_ARRAY;
        containerOpened = true;
      }
    } else if (c === QUOTE) {
      const start = i + 1;
      i = scanString(bytes, start);
      if (i < 0) return undefined;
      if (field !== NOT_WANTED) {
        fieldStart[field] = start;
        fieldEnd[field] = i - 1;
        fieldEscaped[field] = sawEscape;
      }
    } else {
      if (c === MINUS || isDigit(c)) i = scanNumber(bytes, i);
      else if (c === 0x74 /* t */ && matchesLiteral(bytes, i, 'true')) i += 4;
      else if (c === 0x66 /* f */ && matchesLiteral(bytes, i, 'false')) i += 5;
      else if (c === 0x6e /* n */ && matchesLiteral(bytes, i, 'null')) i += 4;
      else return undefined;
      if (i < 0) return undefined;
      if (field !== NOT_WANTED) fieldStart[field] = -1;
    }
    field = NOT_WANTED;

    if (!containerOpened) {
      // After a value: close every container that ends here, then expect a comma.
      for (;;) {
        i = skipWhitespace(bytes, i);
        if (depth === 0)
          return i === length ? fieldsOf(bytes, fieldStart, fieldEnd, fieldEscaped) : undefined;
        const inObject = stack[depth - 1] === IN_OBJECT;
        const d = bytes[i];
        if (d === COMMA) {
          i = skipWhitespace(bytes, i + 1);
          break;
        }
        if (d !== (inObject ? CLOSE_OBJECT : CLOSE_ARRAY)) return undefined;
        depth--;
        i++;
      }
    }
    // At the first member of a container just opened, or the next one after a comma.
    if (stack[depth - 1] === IN_OBJECT) {
      if (bytes[i] !== QUOTE) return undefined;
      const start = i + 1;
      i = scanString(bytes, start);
      if (i < 0) return undefined;
      if (depth === 1) field = wantedKey(bytes, start, i - 1, sawEscape);
      i = skipWhitespace(bytes, i);
      if (bytes[i] !== COLON) return undefined;
      i++;
    }
  }
}

function fieldsOf(bytes: Uint8Array, starts: number[], ends: number[], escaped: boolean[]): EventFields {
  const fields: EventFields = {};
  for (let k = 0; k < WANTED_KEYS.length; k++) {
    const start = starts[k] as number;
    if (start < 0) continue;
    fields[WANTED_KEYS[k] as keyof EventFields] = decodeString(
      bytes,
      start,
      ends[k] as number,
      escaped[k] === true
    );
  }
  return fields;
}

/** The text of a string already scanned (quotes excluded); escapes are left to JSON.parse. */
function decodeString(bytes: Uint8Array, start: number, end: number, escaped: boolean): string {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('utf8');
  return escaped ? (JSON.parse(`"${text}"`) as string) : text;
}
