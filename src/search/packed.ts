// A binary container for the index snapshot: a JSON header, then typed arrays, each 8-byte aligned, so that loading is
// one file read and views over it (no JSON arrays of millions of numbers to parse, no per-entry objects to rebuild).

const MAGIC = 0x58494150; // "PAIX" read as a little-endian uint32
const KINDS = { u32: Uint32Array, u16: Uint16Array } as const;
type Kind = keyof typeof KINDS;
export type PackedArray = Uint32Array | Uint16Array;

const align = (n: number) => Math.ceil(n / 8) * 8;
const kindOf = (array: PackedArray): Kind => (array instanceof Uint32Array ? 'u32' : 'u16');

/** Header (any JSON value) and arrays as one byte string. */
export function pack(header: unknown, arrays: readonly PackedArray[]): Uint8Array {
  const head = Buffer.from(
    JSON.stringify({ header, arrays: arrays.map((a) => ({ kind: kindOf(a), length: a.length })) }),
    'utf8',
  );
  const starts: number[] = [];
  let size = align(8 + head.length);
  for (const array of arrays) {
    starts.push(size);
    size = align(size + array.byteLength);
  }
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, head.length, true);
  out.set(head, 8);
  arrays.forEach((array, i) => out.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), starts[i]));
  return out;
}

/** Reads what `pack` wrote: views over `bytes` where aligned, copies otherwise. Throws on anything else. */
export function unpack(bytes: Uint8Array): { header: unknown; arrays: PackedArray[] } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 8 || view.getUint32(0, true) !== MAGIC) throw new Error('index: not a packed snapshot');
  const headLength = view.getUint32(4, true);
  const meta = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset + 8, headLength).toString('utf8')) as {
    header: unknown;
    arrays: { kind: Kind; length: number }[];
  };
  let at = align(8 + headLength);
  const arrays = meta.arrays.map(({ kind, length }) => {
    const Type = KINDS[kind];
    if (!Type) throw new Error('index: unknown array kind in snapshot');
    const byteLength = length * Type.BYTES_PER_ELEMENT;
    if (at + byteLength > bytes.length) throw new Error('index: truncated snapshot');
    const offset = bytes.byteOffset + at;
    const array =
      offset % Type.BYTES_PER_ELEMENT === 0
        ? new Type(bytes.buffer as ArrayBuffer, offset, length)
        : new Type(bytes.slice(at, at + byteLength).buffer);
    at = align(at + byteLength);
    return array;
  });
  return { header: meta.header, arrays };
}
