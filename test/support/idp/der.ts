/**
 * A minimal DER (ITU-T X.690) encoder: only the universal types an X.509 certificate needs.
 * Every function returns a complete TLV, so structures are built by nesting calls.
 */

/** Bytes backed by a plain ArrayBuffer, so they can be handed to WebCrypto as a `BufferSource`. */
export type Bytes = Uint8Array<ArrayBuffer>;

/** Concatenates byte strings. */
export function concatBytes(parts: readonly Uint8Array[]): Bytes {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function encodeLength(length: number): Bytes {
  if (length < 0x80) return Uint8Array.of(length);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

/** One tag-length-value; `tag` is the full identifier octet. */
export function tlv(tag: number, content: Uint8Array): Bytes {
  return concatBytes([Uint8Array.of(tag), encodeLength(content.length), content]);
}

/** SEQUENCE of already encoded elements. */
export function sequence(...elements: Uint8Array[]): Bytes {
  return tlv(0x30, concatBytes(elements));
}

/** SET of already encoded elements (callers pass a single element, so no DER sorting is needed). */
export function set(...elements: Uint8Array[]): Bytes {
  return tlv(0x31, concatBytes(elements));
}

/** Context-specific, constructed, explicit tag `[n]` around an encoded element. */
export function explicit(tagNumber: number, element: Uint8Array): Bytes {
  return tlv(0xa0 | tagNumber, element);
}

/**
 * INTEGER from an unsigned big-endian magnitude. DER wants the shortest two's-complement form:
 * leading zero octets are dropped, and one is added back when the top bit would read as a sign.
 */
export function unsignedInteger(magnitude: Uint8Array): Bytes {
  let start = 0;
  while (start < magnitude.length - 1 && magnitude[start] === 0) start++;
  const trimmed = magnitude.length === 0 ? Uint8Array.of(0) : magnitude.subarray(start);
  const needsPad = (trimmed[0] ?? 0) & 0x80;
  return tlv(0x02, needsPad ? concatBytes([Uint8Array.of(0), trimmed]) : trimmed);
}

/** INTEGER from a non-negative bigint. */
export function bigintInteger(value: bigint): Bytes {
  if (value < 0n) throw new RangeError("only non-negative integers are supported");
  const hex = value.toString(16);
  const padded = hex.length % 2 === 0 ? hex : `0${hex}`;
  const bytes = new Uint8Array(padded.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(padded.slice(i * 2, i * 2 + 2), 16);
  return unsignedInteger(bytes);
}

/** OBJECT IDENTIFIER from dotted notation, e.g. "2.5.4.3". */
export function objectIdentifier(dotted: string): Bytes {
  const arcs = dotted.split(".").map((arc) => BigInt(arc));
  const [first, second, ...rest] = arcs;
  if (first === undefined || second === undefined) throw new RangeError(`invalid OID: ${dotted}`);
  const bytes: number[] = [];
  for (const arc of [first * 40n + second, ...rest]) {
    // Base-128, most significant group first, continuation bit on all but the last group.
    const groups: number[] = [Number(arc & 0x7fn)];
    for (let value = arc >> 7n; value > 0n; value >>= 7n) groups.unshift(Number(value & 0x7fn) | 0x80);
    bytes.push(...groups);
  }
  return tlv(0x06, Uint8Array.from(bytes));
}

/** NULL. */
export function nullValue(): Bytes {
  return Uint8Array.of(0x05, 0x00);
}

/** UTF8String. */
export function utf8String(text: string): Bytes {
  return tlv(0x0c, new TextEncoder().encode(text));
}

/** BIT STRING of whole octets (zero unused bits), as used for keys and signatures. */
export function bitString(bytes: Uint8Array): Bytes {
  return tlv(0x03, concatBytes([Uint8Array.of(0), bytes]));
}

function digits(value: number, width: number): string {
  return String(value).padStart(width, "0");
}

/**
 * A certificate validity time. RFC 5280 §4.1.2.5 requires UTCTime (YYMMDDHHMMSSZ) through 2049 and
 * GeneralizedTime (YYYYMMDDHHMMSSZ) from 2050 on; sub-second precision is not allowed in either.
 */
export function validityTime(date: Date): Bytes {
  const year = date.getUTCFullYear();
  const rest =
    digits(date.getUTCMonth() + 1, 2) +
    digits(date.getUTCDate(), 2) +
    digits(date.getUTCHours(), 2) +
    digits(date.getUTCMinutes(), 2) +
    digits(date.getUTCSeconds(), 2) +
    "Z";
  if (year < 1950 || year > 9999) throw new RangeError(`validity year out of range: ${year}`);
  if (year < 2050) return tlv(0x17, new TextEncoder().encode(digits(year % 100, 2) + rest));
  return tlv(0x18, new TextEncoder().encode(digits(year, 4) + rest));
}
