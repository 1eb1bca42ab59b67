// The text-row parser of LD matrices: plain decimals parsed exactly (as the
// division the host's parser does), every separator plink writes, and -1 for
// whatever the host must read itself.
import { parseDecimalRow } from "../../assembly/ld_text";

function row(text: string, n: i32, out: usize): i32 {
  const bytes = String.UTF8.encode(text);
  return parseDecimalRow(changetype<usize>(bytes), bytes.byteLength, out, n, 1e-6);
}

function at(p: usize, i: i32): f64 {
  return load<f64>(p + (<usize>i << 3));
}

describe("parseDecimalRow", () => {
  it("reads plain decimals separated by spaces, tabs or commas", () => {
    const out = heap.alloc(8 * 8);
    expect(row("1.000000 -0.828703\t0.000828,-0 +0.5  1", 8, out)).toBe(6);
    expect(at(out, 0)).toBe(1.0);
    expect(at(out, 1)).toBe(-828703.0 / 1e6);
    expect(at(out, 2)).toBe(828.0 / 1e6);
    expect(1.0 / at(out, 3)).toBe(-Infinity);
    expect(at(out, 4)).toBe(0.5);
    expect(at(out, 5)).toBe(1.0);
    expect(row("", 8, out)).toBe(0);
    expect(row("0.123456789012345", 8, out)).toBe(1);
    expect(at(out, 0)).toBe(123456789012345.0 / 1e15);
    heap.free(out);
  });

  it("reads plink's d.dddddd by its eight-byte path as the digit loop does, and falls back on anything near it", () => {
    const out = heap.alloc(16 * 8);
    // 8-byte tokens with and without a sign, at the end, before each separator
    expect(row("0.828703 -0.106140	1.000000,0.000000 -0.000001 0.999999 9.9999991", 16, out)).toBe(-1);
    expect(row("0.828703 -0.106140	1.000000,0.000000 -0.000001 0.999999 -1.000000", 16, out)).toBe(7);
    expect(at(out, 0)).toBe(828703.0 / 1e6);
    expect(at(out, 1)).toBe(-106140.0 / 1e6);
    expect(at(out, 2)).toBe(1.0);
    expect(at(out, 3)).toBe(0.0);
    expect(at(out, 4)).toBe(-1.0 / 1e6);
    expect(at(out, 5)).toBe(999999.0 / 1e6);
    expect(at(out, 6)).toBe(-1.0);
    // near misses go to the digit loop: 7 decimals, 5 decimals, two leading digits, a letter, a colon, '/' and ':' (just outside '0'..'9')
    expect(row("0.8287031 0.82870 00.82870", 16, out)).toBe(3);
    expect(at(out, 0)).toBe(8287031.0 / 1e7);
    expect(at(out, 1)).toBe(82870.0 / 1e5);
    expect(at(out, 2)).toBe(82870.0 / 1e5);
    expect(row("0.82a703", 16, out)).toBe(-1);
    expect(row("0.82/703", 16, out)).toBe(-1);
    expect(row("0.82:703", 16, out)).toBe(-1);
    expect(row("0,0.828703", 16, out)).toBe(2);
    expect(at(out, 0)).toBe(0.0);
    expect(at(out, 1)).toBe(828703.0 / 1e6);
    heap.free(out);
  });

  it("hands back exponents, nan, long mantissas, values outside [-1, 1] and rows longer than n", () => {
    const out = heap.alloc(8 * 8);
    expect(row("0.5 1e-3", 8, out)).toBe(-1);
    expect(row("nan 0.5", 8, out)).toBe(-1);
    expect(row("0.1234567890123456", 8, out)).toBe(-1);
    expect(row("1.5", 8, out)).toBe(-1);
    expect(row("-1.0000011", 8, out)).toBe(-1);
    expect(row("1.0000009", 8, out)).toBe(1);
    expect(row("0.1 0.2 0.3", 2, out)).toBe(-1);
    expect(row("- 0.5", 8, out)).toBe(-1);
    expect(row(".", 8, out)).toBe(-1);
    heap.free(out);
  });
});
