/**
 * google.protobuf.Struct read straight from its wire bytes into the plain value that google-protobuf's
 * `Struct.deserializeBinary(bytes).toJavaScript()` returns, without building a message object per value
 * (which is what makes a large config slow to receive). It mirrors that pair exactly: map keys come out
 * sorted, a repeated key or oneof field keeps its last value, unknown fields are skipped. Whatever it cannot
 * mirror with certainty (a value of no kind, a missing map value, a group, a `__proto__` key, text that is not
 * valid UTF-8, truncated bytes) throws Unmirrored, which `mirrored` turns into `undefined`, and the caller
 * decodes with google-protobuf instead.
 */

export const VARINT = 0;
const FIXED64 = 1;
export const LENGTH_DELIMITED = 2;
const FIXED32 = 5;

export class Unmirrored extends Error {}

export class WireReader {
  constructor(
    readonly bytes: Buffer,
    public pos: number,
    readonly end: number,
  ) {}

  get done(): boolean {
    return this.pos >= this.end;
  }

  varint(): number {
    let value = 0;
    for (let shift = 0; shift < 70; shift += 7) {
      if (this.pos >= this.end) throw new Unmirrored();
      const byte = this.bytes[this.pos++];
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
    throw new Unmirrored();
  }

  /** A field's tag as [field number, wire type]. */
  tag(): [number, number] {
    const tag = this.varint();
    return [Math.floor(tag / 8), tag % 8];
  }

  /** The bounds of a length-delimited field's payload, which the reader then steps over. */
  delimited(): [number, number] {
    const length = this.varint();
    const start = this.pos;
    if (start + length > this.end) throw new Unmirrored();
    this.pos = start + length;
    return [start, this.pos];
  }

  text(): string {
    const [start, end] = this.delimited();
    const text = this.bytes.toString("utf8", start, end);
    // Buffer replaces malformed UTF-8 with U+FFFD where google-protobuf's own decoder may differ.
    if (text.includes("\uFFFD")) throw new Unmirrored();
    return text;
  }

  skip(wireType: number): void {
    if (wireType === VARINT) this.varint();
    else if (wireType === FIXED64) this.pos += 8;
    else if (wireType === LENGTH_DELIMITED) this.delimited();
    else if (wireType === FIXED32) this.pos += 4;
    else throw new Unmirrored();
    if (this.pos > this.end) throw new Unmirrored();
  }

  expect(wireType: number, expected: number): void {
    if (wireType !== expected) throw new Unmirrored();
  }

  sub(): WireReader {
    const [start, end] = this.delimited();
    return new WireReader(this.bytes, start, end);
  }
}

/** A google.protobuf.Struct as `Struct.toJavaScript()` returns it. */
export function structValue(reader: WireReader): Record<string, unknown> {
  const fields = new Map<string, unknown>();
  while (!reader.done) {
    const [field, wireType] = reader.tag();
    if (field !== 1) {
      reader.skip(wireType);
      continue;
    }
    reader.expect(wireType, LENGTH_DELIMITED);
    const entry = reader.sub();
    let key = "";
    let value: { v: unknown } | undefined;
    while (!entry.done) {
      const [entryField, entryWireType] = entry.tag();
      if (entryField === 1) {
        entry.expect(entryWireType, LENGTH_DELIMITED);
        key = entry.text();
      } else if (entryField === 2) {
        entry.expect(entryWireType, LENGTH_DELIMITED);
        value = { v: kindValue(entry.sub()) };
      } else entry.skip(entryWireType);
    }
    if (!value || key === "__proto__") throw new Unmirrored();
    fields.set(key, value.v);
  }
  const result: Record<string, unknown> = {};
  for (const key of [...fields.keys()].sort()) result[key] = fields.get(key);
  return result;
}

function listValue(reader: WireReader): unknown[] {
  const values: unknown[] = [];
  while (!reader.done) {
    const [field, wireType] = reader.tag();
    if (field !== 1) {
      reader.skip(wireType);
      continue;
    }
    reader.expect(wireType, LENGTH_DELIMITED);
    values.push(kindValue(reader.sub()));
  }
  return values;
}

/** A google.protobuf.Value: its last kind field decides, as in google-protobuf's oneof. */
function kindValue(reader: WireReader): unknown {
  let value: { v: unknown } | undefined;
  while (!reader.done) {
    const [field, wireType] = reader.tag();
    switch (field) {
      case 1:
        reader.expect(wireType, VARINT);
        reader.varint();
        value = { v: null };
        break;
      case 2:
        reader.expect(wireType, FIXED64);
        if (reader.pos + 8 > reader.end) throw new Unmirrored();
        value = { v: reader.bytes.readDoubleLE(reader.pos) };
        reader.pos += 8;
        break;
      case 3:
        reader.expect(wireType, LENGTH_DELIMITED);
        value = { v: reader.text() };
        break;
      case 4:
        reader.expect(wireType, VARINT);
        value = { v: reader.varint() !== 0 };
        break;
      case 5:
        reader.expect(wireType, LENGTH_DELIMITED);
        value = { v: structValue(reader.sub()) };
        break;
      case 6:
        reader.expect(wireType, LENGTH_DELIMITED);
        value = { v: listValue(reader.sub()) };
        break;
      default:
        reader.skip(wireType);
    }
  }
  if (!value) throw new Unmirrored();
  return value.v;
}

/** What `decode` returns, or undefined when any part of the bytes it reads cannot be mirrored. */
export function mirrored<T>(decode: () => T): T | undefined {
  try {
    return decode();
  } catch (e) {
    // Buffer's reads throw RangeError past the end: bytes this reader cannot mirror either.
    if (e instanceof Unmirrored || e instanceof RangeError) return undefined;
    throw e;
  }
}
