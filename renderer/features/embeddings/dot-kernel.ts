/*
 * The dot products of a similarity matrix, the costly part of the analysis (n²/2 × dim
 * multiply-adds: 128 million per model at 500 × 1,024, two billion at 2,000). A WebAssembly
 * SIMD kernel does four lanes per instruction where V8's scalar loop does one; where
 * WebAssembly or its SIMD is missing, the same blocks run in plain JavaScript.
 *
 * The module is a few hundred bytes, assembled here from its opcodes (no toolchain, nothing
 * fetched): one function, `dots(vec, r0, r1, c0, c1, dim, out, n)`, which for every row r in
 * [r0, r1) and column c in [c0, c1) writes the dot product of rows r and c of `vec` (rows of
 * `dim` floats, dim a multiple of 4) to out[r·n + c] and to out[c·n + r]. It works in tiles
 * of 2 rows × 4 columns (eight 4-lane accumulators in registers); rows or columns past the
 * end are clamped to the last one, so their extra writes repeat the same values. The
 * products are summed in float32 per lane, then the four lanes together: within a few units
 * in the last place of float32 of the float64 sum (the tests hold it to 1e-5).
 *
 * Needs 'wasm-unsafe-eval' in the page's script-src (it allows compiling WebAssembly, not
 * JavaScript eval); without it compiling throws and the JavaScript blocks are used.
 */

/** Bytes of a WebAssembly page. */
const PAGE = 65_536;

/** Unsigned LEB128. */
function uleb(value: number): number[] {
  const out: number[] = [];
  let v = value >>> 0;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
}

/** Signed LEB128 (small constants). */
function sleb(value: number): number[] {
  const out: number[] = [];
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    const done = (v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

const str = (s: string) => [...uleb(s.length), ...[...s].map((ch) => ch.charCodeAt(0))];
const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];

// Opcodes used below.
const I32 = 0x7f;
const F32 = 0x7d;
const V128 = 0x7b;
const get = (i: number) => [0x20, ...uleb(i)];
const set = (i: number) => [0x21, ...uleb(i)];
const i32c = (v: number) => [0x41, ...sleb(v)];
const ADD = 0x6a;
const MUL = 0x6c;
const LT_S = 0x48;
const GE_S = 0x4e;
const GE_U = 0x4f;
const SELECT = 0x1b;
const BLOCK = [0x02, 0x40];
const LOOP = [0x03, 0x40];
const END = 0x0b;
const br = (depth: number) => [0x0c, ...uleb(depth)];
const brIf = (depth: number) => [0x0d, ...uleb(depth)];
const F32_ADD = 0x92;
const f32Store = [0x38, 2, 0];
const v128Load = [0xfd, ...uleb(0x00), 4, 0];
const v128Zero = [0xfd, ...uleb(0x0c), ...new Array<number>(16).fill(0)];
const F32X4_ADD = [0xfd, ...uleb(0xe4)];
const F32X4_MUL = [0xfd, ...uleb(0xe6)];
const lane = (l: number) => [0xfd, ...uleb(0x1f), l];

// Locals: parameters first, then i32s, v128s, one f32.
const [VEC, R0, R1, C0, C1, DIM, OUT, N] = [0, 1, 2, 3, 4, 5, 6, 7];
const [ROW_BYTES, C, CA, CB, CC, R, RB, PA0, PA1, PB0, PB1, PB2, PB3, ENDP, LAST_R, LAST_C] = Array.from(
  { length: 16 },
  (_, k) => 8 + k,
) as [
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
];
const ACC = Array.from({ length: 8 }, (_, k) => 24 + k); // s00 s01 s02 s03 s10 s11 s12 s13
const X0 = 32;
const X1 = 33;
const Y = 34;
const TMP = 35;

/** min(a, b) of two i32 locals/expressions already encoded. */
const min = (a: number[], b: number[]) => [...a, ...b, ...a, ...b, LT_S, SELECT];

/** The function body of `dots`. */
function dotsBody(): number[] {
  const code: number[] = [];
  const emit = (...parts: (number | number[])[]) => {
    for (const p of parts) {
      if (Array.isArray(p)) code.push(...p);
      else code.push(p);
    }
  };
  const rowAddress = (row: number) => [...get(VEC), ...get(row), ...get(ROW_BYTES), MUL, ADD];
  emit(get(DIM), i32c(4), MUL, set(ROW_BYTES));
  emit(get(R1), i32c(-1), ADD, set(LAST_R));
  emit(get(C1), i32c(-1), ADD, set(LAST_C));
  emit(get(C0), set(C));
  emit(BLOCK, LOOP); // columns, four at a time
  emit(get(C), get(C1), GE_S, brIf(1));
  emit(min([...get(C), ...i32c(1), ADD], get(LAST_C)), set(CA));
  emit(min([...get(C), ...i32c(2), ADD], get(LAST_C)), set(CB));
  emit(min([...get(C), ...i32c(3), ADD], get(LAST_C)), set(CC));
  emit(get(R0), set(R));
  emit(BLOCK, LOOP); // rows, two at a time
  emit(get(R), get(R1), GE_S, brIf(1));
  emit(min([...get(R), ...i32c(1), ADD], get(LAST_R)), set(RB));
  emit(rowAddress(R), set(PA0), rowAddress(RB), set(PA1));
  emit(rowAddress(C), set(PB0), rowAddress(CA), set(PB1), rowAddress(CB), set(PB2), rowAddress(CC), set(PB3));
  emit(get(PA0), get(ROW_BYTES), ADD, set(ENDP));
  for (const acc of ACC) emit(v128Zero, set(acc));
  emit(BLOCK, LOOP); // four dimensions per step
  emit(get(PA0), get(ENDP), GE_U, brIf(1));
  emit(get(PA0), v128Load, set(X0), get(PA1), v128Load, set(X1));
  [PB0, PB1, PB2, PB3].forEach((pb, col) => {
    emit(get(pb), v128Load, set(Y));
    for (const [row, x] of [
      [0, X0],
      [1, X1],
    ] as const) {
      const acc = ACC[row * 4 + col] as number;
      emit(get(acc), get(x), get(Y), F32X4_MUL, F32X4_ADD, set(acc));
    }
  });
  for (const p of [PA0, PA1, PB0, PB1, PB2, PB3]) emit(get(p), i32c(16), ADD, set(p));
  emit(br(0), END, END);
  // Each accumulator's four lanes summed, stored at (row, col) and (col, row).
  [R, RB].forEach((row, ri) => {
    [C, CA, CB, CC].forEach((col, ci) => {
      const acc = ACC[ri * 4 + ci] as number;
      emit(get(acc), lane(0), get(acc), lane(1), F32_ADD, get(acc), lane(2), get(acc), lane(3), F32_ADD);
      emit(F32_ADD, set(TMP));
      const at = (a: number, b: number) => [
        ...get(OUT),
        ...get(a),
        ...get(N),
        MUL,
        ...get(b),
        ADD,
        ...i32c(4),
        MUL,
        ADD,
      ];
      emit(at(row, col), get(TMP), f32Store, at(col, row), get(TMP), f32Store);
    });
  });
  emit(get(R), i32c(2), ADD, set(R), br(0), END, END);
  emit(get(C), i32c(4), ADD, set(C), br(0), END, END);
  emit(END);
  const locals = [3, ...uleb(16), I32, ...uleb(11), V128, ...uleb(1), F32];
  const body = [...locals, ...code];
  return [...uleb(body.length), ...body];
}

/** The module's bytes: imports memory `e.m`, exports `dots`. */
export function kernelModuleBytes(): Uint8Array<ArrayBuffer> {
  const type = section(1, [1, 0x60, 8, ...new Array<number>(8).fill(I32), 0]);
  const imports = section(2, [1, ...str('e'), ...str('m'), 0x02, 0x00, 0]);
  const funcs = section(3, [1, 0]);
  const exports = section(7, [1, ...str('dots'), 0x00, 0]);
  const code = section(10, [1, ...dotsBody()]);
  return Uint8Array.from([
    0x00,
    0x61,
    0x73,
    0x6d,
    1,
    0,
    0,
    0,
    ...type,
    ...imports,
    ...funcs,
    ...exports,
    ...code,
  ]);
}

/** `dots` as described above, on a Float32Array of the whole memory (offsets in floats). */
export type DotsFn = (
  mem: Float32Array,
  vec: number,
  r0: number,
  r1: number,
  c0: number,
  c1: number,
  dim: number,
  out: number,
  n: number,
) => void;

/**
 * The same blocks in plain JavaScript (tiles of 2 × 4, clamped, mirrored): the fallback, and
 * the reference the tests hold the SIMD kernel to. Sums in float64.
 */
export const dotsJs: DotsFn = (mem, vec, r0, r1, c0, c1, dim, out, n) => {
  const lastR = r1 - 1;
  const lastC = c1 - 1;
  for (let c = c0; c < c1; c += 4) {
    const c1_ = Math.min(c + 1, lastC);
    const c2 = Math.min(c + 2, lastC);
    const c3 = Math.min(c + 3, lastC);
    const b0 = vec + c * dim;
    const b1 = vec + c1_ * dim;
    const b2 = vec + c2 * dim;
    const b3 = vec + c3 * dim;
    for (let r = r0; r < r1; r += 2) {
      const rb = Math.min(r + 1, lastR);
      const a0 = vec + r * dim;
      const a1 = vec + rb * dim;
      let s00 = 0;
      let s01 = 0;
      let s02 = 0;
      let s03 = 0;
      let s10 = 0;
      let s11 = 0;
      let s12 = 0;
      let s13 = 0;
      for (let k = 0; k < dim; k++) {
        const x0 = mem[a0 + k] as number;
        const x1 = mem[a1 + k] as number;
        let y = mem[b0 + k] as number;
        s00 += x0 * y;
        s10 += x1 * y;
        y = mem[b1 + k] as number;
        s01 += x0 * y;
        s11 += x1 * y;
        y = mem[b2 + k] as number;
        s02 += x0 * y;
        s12 += x1 * y;
        y = mem[b3 + k] as number;
        s03 += x0 * y;
        s13 += x1 * y;
      }
      const cols = [c, c1_, c2, c3];
      const sums = [s00, s01, s02, s03, s10, s11, s12, s13];
      for (let q = 0; q < 8; q++) {
        const row = q < 4 ? r : rb;
        const col = cols[q & 3] as number;
        const v = sums[q] as number;
        mem[out + row * n + col] = v;
        mem[out + col * n + row] = v;
      }
    }
  }
};

/** Rows per block: a block's rows stay in the L2 cache while every column streams past them. */
export const ROW_BLOCK = 16;

/** A scratch memory and the kernel that works in it. */
export interface DotKernel {
  /** 'simd' for WebAssembly SIMD, 'js' for the fallback. */
  readonly kind: 'simd' | 'js';
  /** The memory as floats, at least `floats` long (grown, never shrunk; re-read after each call). */
  floats(floats: number): Float32Array;
  dots: DotsFn;
}

function jsKernel(): DotKernel {
  let mem = new Float32Array(0);
  return {
    kind: 'js',
    floats(floats) {
      if (mem.length < floats) mem = new Float32Array(floats);
      return mem;
    },
    dots: dotsJs,
  };
}

function simdKernel(): DotKernel | null {
  if (typeof WebAssembly === 'undefined') return null;
  try {
    const memory = new WebAssembly.Memory({ initial: 1 });
    const module = new WebAssembly.Module(kernelModuleBytes());
    const instance = new WebAssembly.Instance(module, { e: { m: memory } });
    const fn = instance.exports.dots as (...args: number[]) => void;
    return {
      kind: 'simd',
      floats(floats) {
        const bytes = floats * 4;
        if (memory.buffer.byteLength < bytes)
          memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / PAGE));
        return new Float32Array(memory.buffer);
      },
      dots: (_mem, vec, r0, r1, c0, c1, dim, out, n) => fn(vec * 4, r0, r1, c0, c1, dim, out * 4, n),
    };
  } catch {
    // No SIMD in this engine, or a CSP without 'wasm-unsafe-eval': the JavaScript blocks.
    return null;
  }
}

let shared: DotKernel | null = null;

/** This thread's kernel (SIMD when it compiles, else JavaScript), made once. */
export function dotKernel(prefer: 'simd' | 'js' = 'simd'): DotKernel {
  if (prefer === 'js') return jsKernel();
  shared ??= simdKernel() ?? jsKernel();
  return shared;
}

/** `dim` rounded up to a multiple of 4 (rows are zero-padded so the kernel's lanes line up). */
export const paddedDim = (dim: number): number => Math.ceil(dim / 4) * 4;
