/**
 * C struct layouts as data, and {@link StructView}, which reads and writes a struct's fields by
 * name in a `Uint8Array`. Little-endian, as the ESP32 and x86_64 are. Pure: no FFI, runs anywhere.
 *
 * A layout is written from the C header (offsets and sizes as `offsetof`/`sizeof` give them) and
 * checked against the C compiler by a test that asks the library for them.
 *
 * @module
 */
import { type Either, left, right } from "fp-ts/lib/Either.js";
import { macOfBytes } from "../../core/device.ts";

/** Where a field sits in its struct: `[offset, size]` in bytes. */
export type Field = readonly [offset: number, size: number];

/** A C struct: `sizeof`, `alignof`, its fields by name, and its name (for messages). */
export interface Layout {
  readonly name?: string;
  readonly size: number;
  readonly align: number;
  readonly fields: Readonly<Record<string, Field>>;
}

/**
 * The layout if it is consistent (every field inside the struct, the size a multiple of the
 * alignment), else a message naming the struct and what is wrong.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkLayout } from "./layout.ts";
 * const ok = checkLayout({ name: "pair_t", size: 8, align: 4, fields: { a: [0, 4], b: [4, 4] } });
 * assert.equal(ok._tag, "Right");
 * const bad = checkLayout({ name: "pair_t", size: 8, align: 4, fields: { b: [6, 4] } });
 * assert.ok(bad._tag === "Left" && /pair_t.*b/.test(bad.left));
 * ```
 */
export function checkLayout<L extends Layout>(layout: L): Either<string, L> {
  const { size, align } = layout;
  const name = layout.name ?? "(unnamed)";
  if (!Number.isInteger(align) || align < 1 || size % align !== 0) {
    return left(`struct ${name}: size ${size} is not a multiple of its alignment ${align}`);
  }
  for (const [field, [offset, width]] of Object.entries(layout.fields)) {
    if (!Number.isInteger(offset) || !Number.isInteger(width) || offset < 0 || width < 1) {
      return left(`struct ${name}: field "${field}" has offset ${offset} and size ${width}`);
    }
    if (offset + width > size) {
      return left(
        `struct ${name}: field "${field}" (offset ${offset}, size ${width}) ends past its size ${size}`,
      );
    }
  }
  return right(layout);
}

function labelOf(layout: Layout): string {
  return layout.name === undefined ? "the struct" : `struct ${layout.name}`;
}

/** A field name of `L`, checked at compile time when `L` is declared `as const`. */
export type FieldName<L extends Layout> = keyof L["fields"] & string;

const MAC =
  /^([0-9a-f]{2}):([0-9a-f]{2}):([0-9a-f]{2}):([0-9a-f]{2}):([0-9a-f]{2}):([0-9a-f]{2})$/i;
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/**
 * A struct's fields by name, over its bytes. Reads and writes go straight to the memory given
 * (no copy), so a view over a buffer passed to C sees what C wrote.
 *
 * Misuse is a programming error and throws: a field the layout does not have (the message names
 * the struct and the field, never a silent 0), a read whose width is not the field's, a number
 * out of the field's range. Data that may not fit (text, a MAC, an address) is refused as a value.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { type Layout, StructView } from "./layout.ts";
 * const station = {
 *   name: "station_t",
 *   size: 16,
 *   align: 4,
 *   fields: { ssid: [0, 8], channel: [8, 1], ip: [12, 4] },
 * } as const satisfies Layout;
 * const view = new StructView(station);
 * assert.equal(view.setCString("ssid", "home")._tag, "Right");
 * assert.equal(view.setCString("ssid", "too long!")._tag, "Left");
 * view.setU8("channel", 6);
 * assert.equal(view.setIpv4("ip", "192.168.4.1")._tag, "Right");
 * assert.deepEqual([view.cstring("ssid"), view.u8("channel"), view.ipv4("ip")], ["home", 6, "192.168.4.1"]);
 * assert.throws(() => view.u8("chanel" as "channel"), /struct station_t has no field "chanel"/);
 * ```
 */
export class StructView<L extends Layout = Layout> {
  /** Exactly `layout.size` bytes: a view on the memory given, or fresh zeroed bytes. */
  readonly memory: Uint8Array;
  readonly #data: DataView;
  /** `struct NAME` (or "the struct"), and `NAME` (or "struct") before a field's name. */
  readonly #label: string;
  readonly #prefix: string;

  /** Throws a RangeError when `memory` is shorter than the struct. */
  constructor(readonly layout: L, memory: Uint8Array = new Uint8Array(layout.size)) {
    if (memory.byteLength < layout.size) {
      throw new RangeError(
        `${labelOf(layout)} needs ${layout.size} bytes, the memory given has ${memory.byteLength}`,
      );
    }
    this.#label = labelOf(layout);
    this.#prefix = layout.name ?? "struct";
    this.memory = memory.subarray(0, layout.size);
    this.#data = new DataView(this.memory.buffer, this.memory.byteOffset, layout.size);
  }

  /** Whether the layout has this field. */
  has(name: string): boolean {
    return Object.hasOwn(this.layout.fields, name);
  }

  u8(name: FieldName<L>): number {
    return this.#data.getUint8(this.#at(name, 1, "u8"));
  }
  i8(name: FieldName<L>): number {
    return this.#data.getInt8(this.#at(name, 1, "i8"));
  }
  u16(name: FieldName<L>): number {
    return this.#data.getUint16(this.#at(name, 2, "u16"), true);
  }
  i16(name: FieldName<L>): number {
    return this.#data.getInt16(this.#at(name, 2, "i16"), true);
  }
  u32(name: FieldName<L>): number {
    return this.#data.getUint32(this.#at(name, 4, "u32"), true);
  }
  i32(name: FieldName<L>): number {
    return this.#data.getInt32(this.#at(name, 4, "i32"), true);
  }
  u64(name: FieldName<L>): bigint {
    return this.#data.getBigUint64(this.#at(name, 8, "u64"), true);
  }
  i64(name: FieldName<L>): bigint {
    return this.#data.getBigInt64(this.#at(name, 8, "i64"), true);
  }

  /** A C `bool` (or any integer field up to 8 bytes): true when any byte is non-zero. */
  bool(name: FieldName<L>): boolean {
    const [offset, size] = this.#field(name);
    if (size > 8) throw this.#widthError(name, size, "bool", "1 to 8");
    return this.memory.subarray(offset, offset + size).some((byte) => byte !== 0);
  }

  /** A pointer field (4 bytes on the ESP32, 8 on a 64-bit host), as its address. */
  pointer(name: FieldName<L>): bigint {
    const [offset, size] = this.#field(name);
    if (size === 8) return this.#data.getBigUint64(offset, true);
    if (size === 4) return BigInt(this.#data.getUint32(offset, true));
    throw this.#widthError(name, size, "pointer", "4 or 8");
  }

  /** A copy of the field's bytes. */
  bytes(name: FieldName<L>): Uint8Array {
    const [offset, size] = this.#field(name);
    return this.memory.slice(offset, offset + size);
  }

  /** A `char[N]` field: the text up to the first NUL (or all N bytes), decoded as UTF-8. */
  cstring(name: FieldName<L>): string {
    const field = this.#bytesOf(name);
    const end = field.indexOf(0);
    return new TextDecoder().decode(end === -1 ? field : field.subarray(0, end));
  }

  /** A 6-byte MAC address field as `aa:bb:cc:dd:ee:ff`. */
  mac(name: FieldName<L>): string {
    const offset = this.#at(name, 6, "mac");
    return macOfBytes(this.memory.subarray(offset, offset + 6));
  }

  /** A 4-byte IPv4 address in network order (`esp_ip4_addr_t`, `in_addr`), dotted. */
  ipv4(name: FieldName<L>): string {
    const offset = this.#at(name, 4, "ipv4");
    return Array.from(this.memory.subarray(offset, offset + 4)).join(".");
  }

  setU8(name: FieldName<L>, value: number): void {
    this.#data.setUint8(this.#at(name, 1, "u8"), this.#integer(name, value, 0, 0xff));
  }
  setI8(name: FieldName<L>, value: number): void {
    this.#data.setInt8(this.#at(name, 1, "i8"), this.#integer(name, value, -0x80, 0x7f));
  }
  setU16(name: FieldName<L>, value: number): void {
    this.#data.setUint16(this.#at(name, 2, "u16"), this.#integer(name, value, 0, 0xffff), true);
  }
  setI16(name: FieldName<L>, value: number): void {
    const checked = this.#integer(name, value, -0x8000, 0x7fff);
    this.#data.setInt16(this.#at(name, 2, "i16"), checked, true);
  }
  setU32(name: FieldName<L>, value: number): void {
    const checked = this.#integer(name, value, 0, 0xffff_ffff);
    this.#data.setUint32(this.#at(name, 4, "u32"), checked, true);
  }
  setI32(name: FieldName<L>, value: number): void {
    const checked = this.#integer(name, value, -0x8000_0000, 0x7fff_ffff);
    this.#data.setInt32(this.#at(name, 4, "i32"), checked, true);
  }
  setU64(name: FieldName<L>, value: bigint | number): void {
    const checked = this.#big(name, value, 0n, 2n ** 64n - 1n);
    this.#data.setBigUint64(this.#at(name, 8, "u64"), checked, true);
  }
  setI64(name: FieldName<L>, value: bigint | number): void {
    const checked = this.#big(name, value, -(2n ** 63n), 2n ** 63n - 1n);
    this.#data.setBigInt64(this.#at(name, 8, "i64"), checked, true);
  }

  /** Writes 1 or 0 into the field's bytes (a C `bool`, or a wider integer flag). */
  setBool(name: FieldName<L>, value: boolean): void {
    const [offset, size] = this.#field(name);
    if (size > 8) throw this.#widthError(name, size, "bool", "1 to 8");
    this.memory.fill(0, offset, offset + size);
    this.memory[offset] = value ? 1 : 0;
  }

  /** Writes an address into a 4- or 8-byte pointer field. */
  setPointer(name: FieldName<L>, address: bigint): void {
    const [offset, size] = this.#field(name);
    if (size !== 4 && size !== 8) throw this.#widthError(name, size, "pointer", "4 or 8");
    const checked = this.#big(name, address, 0n, 2n ** BigInt(size * 8) - 1n);
    if (size === 8) this.#data.setBigUint64(offset, checked, true);
    else this.#data.setUint32(offset, Number(checked), true);
  }

  /** Copies `bytes` into the field and zeroes the rest of it; a Left when they do not fit. */
  setBytes(name: FieldName<L>, bytes: Uint8Array): Either<string, void> {
    const [offset, size] = this.#field(name);
    if (bytes.byteLength > size) {
      return left(
        `${this.#prefix}.${name} holds ${size} bytes, not ${bytes.byteLength}`,
      );
    }
    this.memory.fill(0, offset, offset + size);
    this.memory.set(bytes, offset);
    return right(undefined);
  }

  /** Writes `text` as UTF-8 with its NUL into a `char[N]`; a Left when it does not fit. */
  setCString(name: FieldName<L>, text: string): Either<string, void> {
    const [, size] = this.#field(name);
    const encoded = new TextEncoder().encode(text);
    if (encoded.includes(0)) return left(`${this.#prefix}.${name}: the text contains a NUL`);
    if (encoded.byteLength + 1 > size) {
      return left(
        `${this.#prefix}.${name} holds ${size - 1} bytes of text and a NUL; "${text}" ` +
          `is ${encoded.byteLength} bytes`,
      );
    }
    return this.setBytes(name, encoded);
  }

  /** Writes `aa:bb:cc:dd:ee:ff` into a 6-byte field; a Left when it is no such MAC. */
  setMac(name: FieldName<L>, text: string): Either<string, void> {
    const offset = this.#at(name, 6, "mac");
    const match = MAC.exec(text);
    if (match === null) return left(`${this.#prefix}.${name}: "${text}" is not a MAC address`);
    this.memory.set(match.slice(1).map((hex) => parseInt(hex, 16)), offset);
    return right(undefined);
  }

  /** Writes a dotted IPv4 address in network order into a 4-byte field; a Left when malformed. */
  setIpv4(name: FieldName<L>, text: string): Either<string, void> {
    const offset = this.#at(name, 4, "ipv4");
    const octets = IPV4.exec(text)?.slice(1).map(Number);
    if (octets === undefined || octets.some((octet) => octet > 255)) {
      return left(`${this.#prefix}.${name}: "${text}" is not an IPv4 address`);
    }
    this.memory.set(octets, offset);
    return right(undefined);
  }

  #field(name: string): Field {
    const field = Object.hasOwn(this.layout.fields, name) ? this.layout.fields[name] : undefined;
    if (field === undefined) throw new Error(`${this.#label} has no field "${name}"`);
    return field;
  }

  #bytesOf(name: string): Uint8Array {
    const [offset, size] = this.#field(name);
    return this.memory.subarray(offset, offset + size);
  }

  /** The field's offset, when its size is the one the access needs. */
  #at(name: string, size: number, access: string): number {
    const [offset, actual] = this.#field(name);
    if (actual !== size) throw this.#widthError(name, actual, access, String(size));
    return offset;
  }

  #widthError(name: string, size: number, access: string, wanted: string): Error {
    return new Error(
      `${this.#prefix}.${name} is ${size} bytes: ${access} needs a field of ${wanted}`,
    );
  }

  #integer(name: string, value: number, min: number, max: number): number {
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new RangeError(`${this.#prefix}.${name}: ${value} is not in ${min}..${max}`);
    }
    return value;
  }

  #big(name: string, value: bigint | number, min: bigint, max: bigint): bigint {
    if (typeof value === "number" && !Number.isSafeInteger(value)) {
      throw new RangeError(`${this.#prefix}.${name}: ${value} is not a safe integer`);
    }
    const big = BigInt(value);
    if (big < min || big > max) {
      throw new RangeError(`${this.#prefix}.${name}: ${big} is not in ${min}..${max}`);
    }
    return big;
  }
}
