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
