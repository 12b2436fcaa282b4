import type { AnalyzedProvider, AnalyzedResource } from "./types";

/**
 * Analyze and AnalyzeStack requests encoded straight to protobuf bytes, the bytes google-protobuf's
 * serializeBinary() writes for the messages protoConvert builds (same fields, same order, map keys sorted),
 * without building a message object per property value first: for a scan of state, building those objects
 * cost the CLI as much CPU as the pack spends answering, and most of its memory during AnalyzeStack.
 * A value Struct.fromJavaScript would refuse (undefined, a function), or one google-protobuf encodes in its
 * own way (a lone UTF-16 surrogate; a `__proto__` key, which its map turns into a prototype), throws
 * NotEncodable: the caller then takes the google-protobuf path.
 */
export class NotEncodable extends Error {}

/** String.prototype.isWellFormed (Node.js 20), missing from the ES2022 library types the project compiles with. */
type WellFormedCheck = { isWellFormed(): boolean };

const VARINT = 0;
const FIXED64 = 1;
const LENGTH_DELIMITED = 2;
/** The longest string whose UTF-8 length, if it is ASCII, fits in one varint byte. */
const SHORT_STRING = 0x7f;

class Writer {
  private buf = Buffer.allocUnsafe(16 * 1024);
  private pos = 0;

  private ensure(n: number): void {
    if (this.pos + n > this.buf.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
      this.buf.copy(bigger, 0, 0, this.pos);
      this.buf = bigger;
    }
  }

  private varint(n: number): void {
    this.ensure(10);
    while (n > 0x7f) {
      this.buf[this.pos++] = (n & 0x7f) | 0x80;
      n = Math.floor(n / 128);
    }
    this.buf[this.pos++] = n;
  }

  tag(field: number, wireType: number): void {
    this.varint((field << 3) | wireType);
  }

  /** A varint field: a bool or an enum. */
  varintField(field: number, value: number): void {
    this.tag(field, VARINT);
    this.varint(value);
  }

  double(field: number, value: number): void {
    this.tag(field, FIXED64);
    this.ensure(8);
    this.pos = this.buf.writeDoubleLE(value, this.pos);
  }

  string(field: number, value: string): void {
    if (value.length <= SHORT_STRING && this.shortAscii(field, value)) {
      return;
    }
    if (!(value as unknown as WellFormedCheck).isWellFormed()) {
      throw new NotEncodable("a string holds a lone UTF-16 surrogate");
    }
    this.tag(field, LENGTH_DELIMITED);
    const length = Buffer.byteLength(value, "utf8");
    this.varint(length);
    this.ensure(length);
    this.pos += this.buf.write(value, this.pos, length, "utf8");
  }

  /**
   * Most strings in state are short and ASCII (keys, types, ids): copied a character at a time, without the
   * three native calls of the general path. False, with nothing written, when the value is not ASCII.
   */
  private shortAscii(field: number, value: string): boolean {
    const mark = this.pos;
    this.tag(field, LENGTH_DELIMITED);
    this.ensure(value.length + 1);
    const buf = this.buf;
    buf[this.pos] = value.length;
    let at = this.pos + 1;
    for (let i = 0; i < value.length; i++) {
      const c = value.charCodeAt(i);
      if (c > 0x7f) {
        this.pos = mark;
        return false;
      }
      buf[at++] = c;
    }
    this.pos = at;
    return true;
  }

  /** A length-delimited field whose body `write` appends; the length is put in front of it afterwards. */
  message(field: number, write: () => void): void {
    this.tag(field, LENGTH_DELIMITED);
    this.ensure(1);
    const start = ++this.pos;
    write();
    const length = this.pos - start;
    let size = 1;
    for (let n = length; n > 0x7f; n = Math.floor(n / 128)) {
      size++;
    }
    if (size > 1) {
      this.ensure(size - 1);
      this.buf.copyWithin(start + size - 1, start, this.pos);
      this.pos += size - 1;
    }
    let at = start - 1;
    let n = length;
    while (n > 0x7f) {
      this.buf[at++] = (n & 0x7f) | 0x80;
      n = Math.floor(n / 128);
    }
    this.buf[at] = n;
  }

  raw(bytes: Uint8Array): void {
    this.ensure(bytes.length);
    this.buf.set(bytes, this.pos);
    this.pos += bytes.length;
  }

  get position(): number {
    return this.pos;
  }

  /** Drops what was written after `position` (a message abandoned half-way). */
  truncate(position: number): void {
    this.pos = position;
  }

  /** The bytes written, as a view of the writer's buffer. */
  bytes(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }
}

/** google.protobuf.Value as Value.fromJavaScript builds it (null 1, number 2, string 3, bool 4, struct 5, list 6). */
function writeValue(w: Writer, v: unknown): void {
  switch (typeof v) {
    case "string":
      w.string(3, v);
      return;
    case "number":
      w.double(2, v);
      return;
    case "boolean":
      w.varintField(4, v ? 1 : 0);
      return;
    case "object":
      if (v === null) {
        w.varintField(1, 0); // NullValue.NULL_VALUE
      } else if (Array.isArray(v)) {
        w.message(6, () => {
          for (let i = 0; i < v.length; i++) {
            w.message(1, () => writeValue(w, v[i]));
          }
        });
      } else {
        w.message(5, () => writeStruct(w, v as Record<string, unknown>));
      }
      return;
    default:
      throw new NotEncodable(`a ${typeof v} value`);
  }
}

/** google.protobuf.Struct: its map entries in sorted key order, as google-protobuf writes maps. */
function writeStruct(w: Writer, obj: Record<string, unknown>): void {
  const keys: string[] = [];
  // for…in, as Struct.fromJavaScript reads an object.
  for (const key in obj) {
    // google-protobuf's map keeps its entries in a plain object, where this key sets the prototype instead.
    if (key === "__proto__") throw new NotEncodable("a __proto__ key");
    keys.push(key);
  }
  keys.sort();
  for (const key of keys) {
    w.message(1, () => {
      w.string(1, key);
      w.message(2, () => writeValue(w, obj[key]));
    });
  }
}

function writeStringIfSet(w: Writer, field: number, value: string | undefined): void {
  if (value) {
    w.string(field, value);
  }
}

/** The options the engine sends for a resource registered without explicit ones (protoConvert's resourceOptions). */
function writeOptions(w: Writer, parent: string | undefined): void {
  w.message(7, () => undefined);
  writeStringIfSet(w, 8, parent);
}

function writeProvider(w: Writer, provider: AnalyzedProvider): void {
  writeStringIfSet(w, 1, provider.type);
  w.message(2, () => writeStruct(w, provider.properties));
  writeStringIfSet(w, 3, provider.urn);
  writeStringIfSet(w, 4, provider.name);
}

/** The fields AnalyzeRequest and AnalyzerResource share (1 to 6). */
function writeResourceFields(w: Writer, r: AnalyzedResource): void {
  writeStringIfSet(w, 1, r.type);
  const properties = r.properties;
  w.message(2, () => writeStruct(w, properties));
  writeStringIfSet(w, 3, r.urn);
  writeStringIfSet(w, 4, r.name);
  w.message(5, () => writeOptions(w, r.parent));
  if (r.provider) {
    const provider = r.provider;
    w.message(6, () => writeProvider(w, provider));
  }
}

/** AnalyzerResource adds parent (7), dependencies (8) and property dependencies (9, without empty lists). */
function writeAnalyzerResource(w: Writer, r: AnalyzedResource): void {
  writeResourceFields(w, r);
  writeStringIfSet(w, 7, r.parent);
  for (const dependency of r.dependencies ?? []) {
    w.string(8, dependency);
  }
  const propertyDependencies = r.propertyDependencies ?? {};
  for (const key of Object.keys(propertyDependencies)
    .filter((k) => propertyDependencies[k].length > 0)
    .sort()) {
    w.message(9, () => {
      w.string(1, key);
      w.message(2, () => {
        for (const urn of propertyDependencies[key]) {
          w.string(1, urn);
        }
      });
    });
  }
}

/**
 * AnalyzeRequest { type 1, properties 2, urn 3, name 4, options 5, provider 6 }. A fresh writer each time, on
 * purpose: with one writer reused for every request, the CLI's resident memory grew to 908 MB over the 50,000
 * Analyze calls of one large stack instead of staying near 360 MB, as its buffers' external memory was what
 * prompted V8's full collections of the calls' garbage.
 */
export function encodeAnalyzeRequest(r: AnalyzedResource): Uint8Array {
  const w = new Writer();
  writeResourceFields(w, r);
  return w.bytes();
}

/**
 * AnalyzeStackRequest { repeated AnalyzerResource resources = 1 }. `encodeOne` is called for a resource the
 * direct encoding refuses (NotEncodable), and returns its AnalyzerResource bytes another way.
 */
export function encodeAnalyzeStackRequest(resources: Iterable<AnalyzedResource>, encodeOne: (r: AnalyzedResource) => Uint8Array): Uint8Array {
  const w = new Writer();
  for (const r of resources) {
    const start = w.position;
    try {
      w.message(1, () => writeAnalyzerResource(w, r));
    } catch (e) {
      if (!(e instanceof NotEncodable)) {
        throw e;
      }
      w.truncate(start);
      const bytes = encodeOne(r);
      w.message(1, () => w.raw(bytes));
    }
  }
  return w.bytes();
}
