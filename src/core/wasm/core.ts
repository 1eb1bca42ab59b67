// The WebAssembly compute core: instantiated once per thread, it owns one
// linear memory from which the host allocates typed buffers and hands the
// kernels their addresses (no copy per call). Views are re-made on demand,
// since memory growth detaches old ones.
import { instantiate, instantiateSync } from "@assemblyscript/loader";
import { requireWasmSimd } from "./simd.js";

/** What the module can be made from: its bytes, a compiled module, or a fetch Response. */
export type WasmSource = BufferSource | WebAssembly.Module | Response | Promise<Response>;

/** Kernel exports shared by all modules of the core: memory management. */
export interface MemoryExports {
  memory: WebAssembly.Memory;
  alloc(bytes: number): number;
  free(ptr: number): void;
}

/** A typed buffer in WASM memory. `ptr` is its address; call `view()` for a fresh typed array. */
export class WasmBuffer<T extends Float64Array | Float32Array | Int32Array> {
  constructor(
    private readonly core: Core,
    readonly ptr: number,
    readonly length: number,
    private readonly make: (buf: ArrayBuffer, ptr: number, len: number) => T,
  ) {}

  /** A view of the buffer; valid until the next allocation (memory may grow). */
  view(): T {
    return this.make(this.core.memory.buffer, this.ptr, this.length);
  }

  /** Copies `src` into the buffer. */
  set(src: ArrayLike<number>, offset = 0): void {
    this.view().set(src, offset);
  }
}

export class Core {
  constructor(readonly exports: MemoryExports & Record<string, unknown>) {}

  get memory(): WebAssembly.Memory {
    return this.exports.memory;
  }

  /** The kernel functions, typed by the caller's interface. */
  kernels<K>(): K {
    return this.exports as unknown as K;
  }

  f64(length: number): WasmBuffer<Float64Array> {
    return new WasmBuffer(this, this.allocBytes(length * 8), length, (b, p, n) => new Float64Array(b, p, n));
  }

  f32(length: number): WasmBuffer<Float32Array> {
    return new WasmBuffer(this, this.allocBytes(length * 4), length, (b, p, n) => new Float32Array(b, p, n));
  }

  i32(length: number): WasmBuffer<Int32Array> {
    return new WasmBuffer(this, this.allocBytes(length * 4), length, (b, p, n) => new Int32Array(b, p, n));
  }

  /** Frees buffers made by this core. */
  free(...buffers: WasmBuffer<Float64Array | Float32Array | Int32Array>[]): void {
    for (const b of buffers) this.exports.free(b.ptr);
  }

  /** Runs `body` with a scope whose buffers are all freed afterwards, even on error. */
  scoped<R>(body: (scope: Scope) => R): R {
    const scope = new Scope(this);
    try {
      return body(scope);
    } finally {
      scope.release();
    }
  }

  private allocBytes(bytes: number): number {
    const ptr = this.exports.alloc(Math.max(bytes, 16));
    if (ptr === 0) throw new Error(`mlmages: out of WebAssembly memory allocating ${bytes} bytes`);
    return ptr;
  }
}

/** Buffers that live for one computation. */
export class Scope {
  private readonly held: WasmBuffer<Float64Array | Float32Array | Int32Array>[] = [];
  constructor(readonly core: Core) {}

  f64(length: number): WasmBuffer<Float64Array> {
    return this.keep(this.core.f64(length));
  }
  f32(length: number): WasmBuffer<Float32Array> {
    return this.keep(this.core.f32(length));
  }
  i32(length: number): WasmBuffer<Int32Array> {
    return this.keep(this.core.i32(length));
  }
  /** A float64 buffer holding a copy of `src`. */
  f64From(src: ArrayLike<number>): WasmBuffer<Float64Array> {
    const b = this.f64(src.length);
    b.set(src);
    return b;
  }
  /** A float32 buffer holding a copy of `src`. */
  f32From(src: ArrayLike<number>): WasmBuffer<Float32Array> {
    const b = this.f32(src.length);
    b.set(src);
    return b;
  }
  /** An int32 buffer holding a copy of `src`. */
  i32From(src: ArrayLike<number>): WasmBuffer<Int32Array> {
    const b = this.i32(src.length);
    b.set(src);
    return b;
  }

  release(): void {
    this.core.free(...this.held.splice(0));
  }

  private keep<T extends Float64Array | Float32Array | Int32Array>(b: WasmBuffer<T>): WasmBuffer<T> {
    this.held.push(b as unknown as WasmBuffer<Float64Array | Float32Array | Int32Array>);
    return b;
  }
}

/** Instantiates the core from its bytes, module or Response. Throws a clear message without SIMD. */
export async function createCore(source: WasmSource): Promise<Core> {
  requireWasmSimd();
  // A compiled module is instantiated directly: the loader's async path first
  // asks whether the source is a fetch Response, and in Node merely naming
  // Response loads the whole fetch implementation (~60 ms).
  const result =
    source instanceof WebAssembly.Module
      ? instantiateSync<Record<string, unknown>>(source, {})
      : await instantiate<Record<string, unknown>>(source as never, {});
  return new Core(result.exports as unknown as MemoryExports & Record<string, unknown>);
}
