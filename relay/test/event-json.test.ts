import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { scanEventJson, type EventFields } from '../src/event-json.js';
import { FIXTURES } from './support/harness.js';
import { prng, testSeed } from './support/prng.js';

/** What scanEventJson must answer, worked out with JSON.parse (the reference it replaces). */
function reference(bytes: Buffer): EventFields | undefined {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const fields: EventFields = {};
  for (const key of ['id', 'type', 'object'] as const) {
    const v = (value as Record<string, unknown>)[key];
    if (typeof v === 'string' && Object.hasOwn(value, key)) fields[key] = v;
  }
  return fields;
}

function agrees(text: string | Buffer): void {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  assert.deepEqual(scanEventJson(bytes), reference(bytes), JSON.stringify(bytes.toString('utf8')));
}

describe('scanEventJson: accepts what JSON.parse accepts, reads fields as JSON.parse does', () => {
  test('the fixtures, pretty-printed as Stripe sends them and compact', () => {
    for (const fixture of Object.values(FIXTURES)) {
      agrees(fixture);
      agrees(JSON.stringify(JSON.parse(fixture)));
      assert.ok(scanEventJson(Buffer.from(fixture))?.id?.startsWith('evt_'));
    }
  });

  test('objects only at the top; any JSON value inside', () => {
    for (const text of [
      '{}',
      ' \t\r\n{ } \n',
      '[]',
      '[{"id":"evt_1"}]',
      '"evt_1"',
      '1',
      'null',
      'true',
      '{"a":[],"b":{},"c":[[],[{}]],"d":[1,-2,3.5,-0.0,1e5,1E+5,2e-3,0],"e":[true,false,null]}',
      '{"a" : 1 , "b" :\n[ 1 , 2 ] }'
    ])
      agrees(text);
  });

  test('numbers: the JSON grammar, no more', () => {
    for (const n of [
      '0',
      '-0',
      '01',
      '-01',
      '1.',
      '.5',
      '1.5',
      '-',
      '+1',
      '1e',
      '1e+',
      '1e-7',
      '1E07',
      '0x10',
      'Infinity',
      '-Infinity',
      'NaN',
      '1e400',
      '12345678901234567890',
      '1.2.3',
      '1-2',
      '--1'
    ])
      agrees(`{"n":${n}}`);
  });

  test('literals, whitespace and separators', () => {
    for (const text of [
      '{"a":tru}',
      '{"a":nul}',
      '{"a":nulll}',
      '{"a":True}',
      '{"a":undefined}',
      '{"a":1,}',
      '{,"a":1}',
      '{"a":1,,"b":2}',
      '{"a"::1}',
      '{"a" 1}',
      '{"a":1 "b":2}',
      '{a:1}',
      "{'a':1}",
      '{"a":[1,]}',
      '{"a":[,1]}',
      '{"a":[1 2]}',
      '{"a":1}}',
      '{"a":1',
      '{"a":[1}',
      '{"a":{]}',
      '{}{}',
      '{} x',
      '{}\u0000',
      '\u00a0{}',
      '\ufeff{}',
      '{}\u000b',
      '{}\f',
      '{"a"/*c*/:1}',
      '{"a":1}//c'
    ])
      agrees(text);
  });

  test('strings: escapes, control characters, non-ASCII', () => {
    for (const text of [
      '{"s":"a\\"b"}',
      '{"s":"a\\\\"}',
      '{"s":"\\/\\b\\f\\n\\r\\t"}',
      '{"s":"\\u00e9\\u00E9\\uD83D\\uDE00\\ud800"}',
      '{"s":"\\x41"}',
      '{"s":"\\u12"}',
      '{"s":"\\u12G4"}',
      '{"s":"\\\'"}',
      '{"s":"\\ "}',
      '{"s":"\\',
      '{"s":"tab\there"}',
      '{"s":"line\nbreak"}',
      '{"s":"nul\u0000"}',
      '{"s":"unit separator\u001f"}',
      '{"s":"del\u007f"}',
      '{"s":"é ü 日本 😀"}',
      '{"s":"\u2028\u2029"}',
      '{"s":"unterminated}'
    ])
      agrees(text);
  });

  test('fields: the last of repeated keys wins, escaped keys count, nested ones do not', () => {
    for (const text of [
      '{"id":"evt_1","type":"a.b","object":"event"}',
      '{"id":"evt_1","id":"evt_2"}',
      '{"id":"evt_1","id":2}',
      '{"id":2,"id":"evt_1"}',
      '{"id":"evt_1","id":{"id":"evt_3"}}',
      '{"id":["evt_1"]}',
      '{"id":null,"type":true}',
      '{"\\u0069d":"evt_esc","typ\\u0065":"x"}',
      '{"id":"evt_\\u0031\\n","type":"a\\"b"}',
      '{"data":{"id":"sub_1","type":"nested","object":"subscription"}}',
      '{"data":{"object":{"id":"cus_1"}},"id":"evt_last"}',
      '{"ID":"evt_1","Type":"x","ids":"evt_2","i":"evt_3"}',
      '{"object":"v2.core.event","id":"evt_1","type":"x"}',
      '{"id":"","type":""}',
      '{"__proto__":{"id":"evt_p"},"constructor":"x"}'
    ])
      agrees(text);
  });

  test('deep nesting is fine, as for JSON.parse', () => {
    agrees(`{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
    agrees(`{"a":${'['.repeat(100_000)}${']'.repeat(99_999)}}`);
    agrees(`{"a":${'{"b":'.repeat(10_000)}1${'}'.repeat(10_000)}}`);
  });

  test('generated and mutated documents agree with JSON.parse', () => {
    const seed = testSeed(20261207);
    const random = prng(seed);
    const int = (max: number) => Math.floor(random() * max);
    const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
    const ws = () => pick(['', '', '', ' ', '\n  ', '\t', '\r\n']);
    const strings = [
      'id',
      'type',
      'object',
      'evt_1',
      'a\\"b',
      '\\u0069d',
      'é',
      'x y',
      '',
      '\\n',
      'v2.core.event'
    ];
    const value = (depth: number): string => {
      switch (depth > 4 ? int(4) : int(7)) {
        case 0:
          return pick(['0', '-1', '3.25', '1e3', '-0.5E-2', '12']);
        case 1:
          return pick(['true', 'false', 'null']);
        case 2:
        case 3:
          return `"${pick(strings)}"`;
        case 4:
          return `[${Array.from({ length: int(4) }, () => ws() + value(depth + 1) + ws()).join(',')}]`;
        default:
          return `{${Array.from(
            { length: int(5) },
            () => `${ws()}"${pick(strings)}"${ws()}:${ws()}${value(depth + 1)}${ws()}`
          ).join(',')}}`;
      }
    };
    // Bytes that matter to the grammar, so mutations often land on a syntax edge.
    const alphabet = [...'{}[],:"\\ \n0-.eutn', '\u0001', '\u001f'];
    let valid = 0;
    for (let i = 0; i < 4000; i++) {
      let text = `{${ws()}"id":"evt_${i}"${ws()},"type":"t","data":${value(0)}}`;
      if (i % 2 === 1) {
        const chars = [...text];
        for (let m = 1 + int(3); m > 0; m--) {
          const at = int(chars.length + 1);
          const op = int(3);
          if (op === 0) chars.splice(at, 1);
          else if (op === 1) chars.splice(at, 0, pick(alphabet));
          else chars.splice(at, 1, pick(alphabet));
        }
        text = chars.join('');
      }
      const bytes = Buffer.from(text, 'utf8');
      const expected = reference(bytes);
      if (expected !== undefined) valid++;
      assert.deepEqual(scanEventJson(bytes), expected, `seed ${seed}, case ${i}: ${JSON.stringify(text)}`);
    }
    // Both sides of the line are exercised.
    assert.ok(valid > 2000 && valid < 3800, `valid ${valid} of 4000`);
  });
});
