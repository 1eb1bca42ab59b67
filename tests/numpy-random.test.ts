// numpy's legacy RandomState draws (src/core/cluster/numpy-random.ts) against
// numpy 1.24 itself: np.random.seed(s); np.random.rand(...); np.random.randint(...).
// The 1000 draws cross the twist of the 624-word state; randint(5, 6) draws nothing.
import { describe, expect, it } from "vitest";
import { NumpyRandomState } from "../src/core/cluster/numpy-random.js";

describe("NumpyRandomState", () => {
  it("gives np.random.rand's doubles at the seeding edges 0 and 2^32 - 1", () => {
    const zero = new NumpyRandomState(0);
    expect([zero.uniform(), zero.uniform()]).toEqual([0.5488135039273248, 0.7151893663724195]);
    const top = new NumpyRandomState(4294967295);
    expect([top.uniform(), top.uniform()]).toEqual([0.0976320289940138, 0.9123828453026218]);
  });

  it("follows np.random.seed(1234) through rand and randint, across the state's twist", () => {
    const rs = new NumpyRandomState(1234);
    expect([rs.uniform(), rs.uniform(), rs.uniform()]).toEqual([0.1915194503788923, 0.6221087710398319, 0.4377277390071145]);
    const again = new NumpyRandomState(1234);
    let last = 0;
    for (let i = 0; i < 1000; i++) last = again.uniform();
    expect(last).toBe(0.4772453753499617);
    expect(Array.from({ length: 8 }, () => again.int(3, 11))).toEqual([10, 7, 8, 9, 4, 10, 4, 10]);
    expect(Array.from({ length: 4 }, () => again.int(0, 1000))).toEqual([803, 515, 521, 257]);
    expect([again.int(5, 6), again.int(5, 6)]).toEqual([5, 5]);
    expect(again.uniform()).toBe(0.46442070218186504);
  });

  it("refuses seeds numpy refuses", () => {
    expect(() => new NumpyRandomState(-1)).toThrow(/seed/);
    expect(() => new NumpyRandomState(2 ** 32)).toThrow(/seed/);
    expect(() => new NumpyRandomState(1.5)).toThrow(/seed/);
  });
});
