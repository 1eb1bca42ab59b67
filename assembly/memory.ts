// Host-owned scratch memory: the host allocates typed buffers here and passes
// their addresses to the kernels, so no call copies its inputs.

/** Allocates `bytes` bytes aligned to 16, for v128 loads. */
export function alloc(bytes: usize): usize {
  return heap.alloc(bytes);
}

/** Frees a block returned by `alloc`. */
export function free(ptr: usize): void {
  heap.free(ptr);
}
