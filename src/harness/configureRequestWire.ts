/**
 * The bytes of a ConfigureAnalyzerRequest, written directly: exactly what google-protobuf's
 * `serializeBinary()` writes for the same request (map keys sorted, a zero enforcement level omitted), without
 * building a message object per value. The Pulumi CLI encodes this request in Go in milliseconds; google-protobuf
 * in this Node harness took seconds for a config with a thousand vendors, which a measurement of the pack's
 * start-up would count against the pack. The pack receives the same bytes either way.
 *
 * ConfigureAnalyzerRequest: map<string, PolicyConfig> policyConfig = 1. PolicyConfig: EnforcementLevel
 * enforcementLevel = 1, google.protobuf.Struct properties = 2. Struct: map<string, Value> fields = 1. Value:
 * null_value = 1, number_value = 2, string_value = 3, bool_value = 4, struct_value = 5, list_value = 6.
 * ListValue: repeated Value values = 1.
 */

const tag = (field: number, wireType: number) => field * 8 + wireType;
const VARINT = 0;
const FIXED64 = 1;
const LENGTH_DELIMITED = 2;

const varintSize = (n: number) => (n < 0x80 ? 1 : n < 0x4000 ? 2 : n < 0x200000 ? 3 : n < 0x10000000 ? 4 : 5);
const delimitedSize = (payload: number) => 1 + varintSize(payload) + payload;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function kindOf(value: unknown, at: string): "null" | "number" | "string" | "boolean" | "array" | "object" {
  if (value === null) {
    return "null";
  }
  if (Array.isArray(value)) {
    return "array";
  }
  const type = typeof value;
  if (type === "number" || type === "string" || type === "boolean" || type === "object") {
    return type as "number" | "string" | "boolean" | "object";
  }
  throw new Error(`${at}: a policy config value must be JSON, not ${type}`);
}

/**
 * Sizes of every object and list, computed once and read again while writing. The policies' properties
 * usually share their values (the same vendor list for every policy): a shared value is measured once and
 * its bytes, once written, are copied.
 */
class Encoder {
  private readonly sizes = new Map<object, number>();
  private readonly written = new Map<object, [number, number]>();
  private buffer = Buffer.alloc(0);
  private pos = 0;

  valueSize(value: unknown, at: string): number {
    switch (kindOf(value, at)) {
      case "null":
      case "boolean":
        return 2;
      case "number":
        return 9;
      case "string":
        return delimitedSize(Buffer.byteLength(value as string));
      case "array":
        return delimitedSize(this.listSize(value as Json[], at));
      case "object":
        return delimitedSize(this.structSize(value as Record<string, Json>, at));
    }
  }

  structSize(struct: Record<string, unknown>, at: string): number {
    const known = this.sizes.get(struct);
    if (known !== undefined) {
      return known;
    }
    let size = 0;
    for (const key of Object.keys(struct)) {
      size += delimitedSize(delimitedSize(Buffer.byteLength(key)) + delimitedSize(this.valueSize(struct[key], `${at}.${key}`)));
    }
    this.sizes.set(struct, size);
    return size;
  }

  private listSize(list: unknown[], at: string): number {
    const known = this.sizes.get(list);
    if (known !== undefined) {
      return known;
    }
    let size = 0;
    list.forEach((value, i) => (size += delimitedSize(this.valueSize(value, `${at}[${i}]`))));
    this.sizes.set(list, size);
    return size;
  }

  /** The size of a value measured before, read back without walking it again. */
  private measured(value: unknown): number {
    return value !== null && typeof value === "object" ? delimitedSize(this.sizes.get(value)!) : this.valueSize(value, "");
  }

  start(size: number): void {
    this.buffer = Buffer.alloc(size);
    this.pos = 0;
  }

  result(): Buffer {
    return this.buffer;
  }

  varint(n: number): void {
    while (n >= 0x80) {
      this.buffer[this.pos++] = (n & 0x7f) | 0x80;
      n = Math.floor(n / 128);
    }
    this.buffer[this.pos++] = n;
  }

  text(field: number, text: string): void {
    this.varint(tag(field, LENGTH_DELIMITED));
    this.varint(Buffer.byteLength(text));
    this.pos += this.buffer.write(text, this.pos, "utf8");
  }

  header(field: number, payload: number): void {
    this.varint(tag(field, LENGTH_DELIMITED));
    this.varint(payload);
  }

  value(value: unknown): void {
    if (value === null || typeof value !== "object") {
      this.scalar(value);
      return;
    }
    const earlier = this.written.get(value);
    if (earlier) {
      this.pos += this.buffer.copy(this.buffer, this.pos, earlier[0], earlier[1]);
      return;
    }
    const start = this.pos;
    if (Array.isArray(value)) {
      this.header(6, this.sizes.get(value)!);
      for (const item of value) {
        this.header(1, this.measured(item));
        this.value(item);
      }
    } else {
      this.header(5, this.sizes.get(value)!);
      this.struct(value as Record<string, unknown>);
    }
    this.written.set(value, [start, this.pos]);
  }

  private scalar(value: unknown): void {
    if (value === null) {
      this.varint(tag(1, VARINT));
      this.varint(0);
    } else if (typeof value === "number") {
      this.varint(tag(2, FIXED64));
      this.pos = this.buffer.writeDoubleLE(value, this.pos);
    } else if (typeof value === "string") {
      this.text(3, value);
    } else {
      this.varint(tag(4, VARINT));
      this.varint(value ? 1 : 0);
    }
  }

  struct(struct: Record<string, unknown>): void {
    for (const key of Object.keys(struct).sort()) {
      const valueSize = this.measured(struct[key]);
      this.header(1, delimitedSize(Buffer.byteLength(key)) + delimitedSize(valueSize));
      this.text(1, key);
      this.header(2, valueSize);
      this.value(struct[key]);
    }
  }
}

/** One policy's entry of the request: its enforcement level as the proto enum, and its properties. */
export interface PolicyConfigWire {
  enforcementLevel: number;
  properties: Record<string, unknown>;
}

export function configureRequestBytes(config: Record<string, PolicyConfigWire>): Buffer {
  const encoder = new Encoder();
  const policies = Object.keys(config)
    .sort()
    .map((name) => {
      const { enforcementLevel, properties } = config[name];
      const propertiesSize = encoder.structSize(properties, `${name}.properties`);
      const size = (enforcementLevel !== 0 ? 1 + varintSize(enforcementLevel) : 0) + delimitedSize(propertiesSize);
      return { name, enforcementLevel, properties, propertiesSize, size, entrySize: delimitedSize(Buffer.byteLength(name)) + delimitedSize(size) };
    });
  encoder.start(policies.reduce((size, policy) => size + delimitedSize(policy.entrySize), 0));
  for (const { name, enforcementLevel, properties, propertiesSize, size, entrySize } of policies) {
    encoder.header(1, entrySize);
    encoder.text(1, name);
    encoder.header(2, size);
    if (enforcementLevel !== 0) {
      encoder.varint(tag(1, VARINT));
      encoder.varint(enforcementLevel);
    }
    encoder.header(2, propertiesSize);
    encoder.struct(properties);
  }
  return encoder.result();
}
