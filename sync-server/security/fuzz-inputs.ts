/** fast-check arbitraries for hostile input: wrong types, `__proto__` keys, odd unicode, deep and huge bodies, bad query values. */
import fc from 'fast-check';

/** Strings with any code point, lone surrogates, controls and lookalikes. */
export const oddString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' ', '\u0000', '\uD800', '\uDFFF', '\u202E', '\uFEFF', 'ａｄａ', '𝔞', '..', '/', '%', '%00', '"', '\\'),
);

const dangerousKey = fc.constantFrom('__proto__', 'constructor', 'prototype', '_id', '_rev', '_deleted', '_attachments', 'docs', 'keys');

/** Any JSON value, often with dangerous keys and wrong-typed fields. */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(null, true, false, 0, -1, 1e308, -0, Number.MAX_SAFE_INTEGER + 2),
    oddString,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(dangerousKey, oddString), tie('value'), { maxKeys: 5 }),
  ),
})).value;

/** A JSON request body as text: generated values, `__proto__` written literally, deep nesting, or malformed text. */
export const bodyText: fc.Arbitrary<string> = fc.oneof(
  hostileJson.map((v) => JSON.stringify(v) ?? 'null'),
  fc.record({ docs: hostileJson, keys: hostileJson, new_edits: hostileJson, email: hostileJson, password: hostileJson, token: hostileJson, name: hostileJson }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
  hostileJson.map((v) => `{"__proto__": ${JSON.stringify(v) ?? 'null'}, "docs": [{"__proto__": {"_id": "x"}}], "keys": {"__proto__": []}}`),
  fc.integer({ min: 100, max: 20_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
  fc.integer({ min: 100, max: 5_000 }).map((depth) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)),
  fc.constantFrom('', '{', '[1,]', '{"docs": [', 'nul', '\u0000', '"\uD800"', '{"docs":[]}garbage'),
);

/** Percent-encodes the UTF-8 bytes (lone surrogates become U+FFFD), so any string can go into a URL. */
export function encode(value: string): string {
  return [...Buffer.from(value, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
}

const queryName = fc.constantFrom('since', 'limit', 'feed', 'include_docs', 'heartbeat', 'keys', 'style', 'seq_interval', 'since[]', 'limit[a]', 'keys[]');
const queryValue = fc.oneof(
  oddString.map(encode),
  fc.constantFrom('-1', '1e999', 'NaN', 'Infinity', '0x10', '1.5', '99999999999999999999', '999999999999999', '1001', 'now', 'longpoll', 'eventsource', 'continuous', 'true', '[', '%', '%E0%A4%A', '[1,2]', '["a",{"b":1}]', '[' + '"x",'.repeat(1000) + '"y"]', '[' + '"x",'.repeat(1001) + '"y"]'),
);

/** How far past a per-request bound (documents, keys) an array goes: just past it, or far. */
export const countPastBound: fc.Arbitrary<number> = fc.oneof(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 4, max: 400 }));

/**
 * A query string of generated names and values, repeated names included; kept under Node's 16 KB header limit,
 * as what is past it never reaches the app (malformed-requests.test.ts covers that answer). Five long values
 * together could pass it, which made this property fail on some seeds only. The length is counted as sent: the
 * client percent-encodes quotes and brackets, which makes `["x",…]` three times longer on the wire.
 */
export const queryText: fc.Arbitrary<string> = fc
  .array(fc.tuple(queryName, queryValue), { maxLength: 5 })
  .map((pairs) => (pairs.length ? '?' + pairs.map(([k, v]) => `${k}=${v}`).join('&') : ''))
  .filter((query) => query.replace(/[^\w%&=.~?-]/g, '%00').length <= 12_000);

/** A fact an upload declares: the right value (`right`, filled in by the test), a generated one, or none. */
export const uploadFact: fc.Arbitrary<string | undefined> = fc.oneof(fc.constant('right'), oddString, fc.constant(undefined));

/** An upload's body: nothing, a few bytes, or text that looks like JSON. */
export const uploadBody: fc.Arbitrary<Buffer> = fc.oneof(
  fc.uint8Array({ maxLength: 3_000 }).map((bytes) => Buffer.from(bytes)),
  bodyText.map((text) => Buffer.from(text)),
);
