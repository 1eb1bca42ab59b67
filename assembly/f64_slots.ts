// Element access to f64 arrays in linear memory: base address and index.

/** base[i] */
@inline
export function at(base: usize, i: i32): f64 {
  return load<f64>(base + (<usize>i << 3));
}

/** base[i] = v */
@inline
export function put(base: usize, i: i32, v: f64): void {
  store<f64>(base + (<usize>i << 3), v);
}
