// SIMD LD-feature kernels against plain scalar versions, at lengths where
// remainder loops matter.
import { ldScoreRow, topRRow, ldNeighbours, neighbourFeatures } from "../../assembly/ld_features";

const LENGTHS: i32[] = [1, 3, 4, 100, 240];

// Deterministic pseudo-random values in [-1, 1), with some exact repeats for ties.
let state: u32 = 12345;
function rnd(): f64 {
  state = state * 1664525 + 1013904223;
  const v = <f64>(state >> 8) / <f64>(1 << 24) * 2.0 - 1.0;
  return Math.round(v * 50.0) / 50.0;
}

function fillRow(n: i32): usize {
  const row = heap.alloc(<usize>n << 3);
  for (let j = 0; j < n; j++) store<f64>(row + (<usize>j << 3), rnd());
  return row;
}

function scalarLdScore(row: usize, n: i32): f64 {
  let s = 0.0;
  for (let j = 0; j < n; j++) {
    const v = load<f64>(row + (<usize>j << 3));
    s += v * v;
  }
  return s - 1.0;
}

// Scalar reference for top r: repeated selection of the largest remaining value,
// lowest index among equals, self excluded.
function scalarTopR(row: usize, n: i32, i: i32, r: i32, outIdx: usize): i32 {
  let found = 0;
  for (let k = 0; k < r; k++) {
    let best = -1;
    for (let j = 0; j < n; j++) {
      if (j == i) continue;
      let taken = false;
      for (let q = 0; q < found; q++) if (load<i32>(outIdx + (<usize>q << 2)) == j) taken = true;
      if (taken) continue;
      if (best < 0 || load<f64>(row + (<usize>j << 3)) > load<f64>(row + (<usize>best << 3))) best = j;
    }
    if (best < 0) break;
    store<i32>(outIdx + (<usize>k << 2), best);
    found++;
  }
  return found;
}

describe("ldScoreRow", () => {
  it("equals the scalar sum of squares minus one", () => {
    for (let t = 0; t < LENGTHS.length; t++) {
      const n = LENGTHS[t];
      const row = fillRow(n);
      expect(Math.abs(ldScoreRow(row, n) - scalarLdScore(row, n))).toBeLessThan(1e-12);
      heap.free(row);
    }
  });
});

describe("topRRow", () => {
  it("selects the same neighbours as a scalar selection, ties to the lower index", () => {
    for (let t = 0; t < LENGTHS.length; t++) {
      const n = LENGTHS[t];
      const row = fillRow(n);
      const r = 5;
      const vals = heap.alloc(<usize>r << 3);
      const idx = heap.alloc(<usize>r << 2);
      const want = heap.alloc(<usize>r << 2);
      for (let i = 0; i < n; i += 7) {
        const got = topRRow(row, n, i, r, vals, idx);
        const exp = scalarTopR(row, n, i, r, want);
        expect(got).toBe(exp);
        for (let k = 0; k < exp; k++) {
          expect(load<i32>(idx + (<usize>k << 2))).toBe(load<i32>(want + (<usize>k << 2)));
        }
        for (let k = exp; k < r; k++) {
          expect(load<i32>(idx + (<usize>k << 2))).toBe(-1);
          expect(load<f64>(vals + (<usize>k << 3))).toBe(0.0);
        }
      }
      heap.free(row);
      heap.free(vals);
      heap.free(idx);
      heap.free(want);
    }
  });
});

/** ldNeighbours then neighbourFeatures: the features of an n-variant block; returns the padded count. */
function features(ld: usize, n: i32, beta: usize, se: usize, nbeta: usize, r: i32, out: usize): i32 {
  const score = heap.alloc(<usize>n << 3);
  const vals = heap.alloc(<usize>(n * r) << 3);
  const idx = heap.alloc(<usize>(n * r) << 2);
  const padded = ldNeighbours(ld, n, r, score, vals, idx);
  neighbourFeatures(n, beta, se, nbeta, r, score, vals, idx, out);
  heap.free(score);
  heap.free(vals);
  heap.free(idx);
  return padded;
}

describe("ldNeighbours and neighbourFeatures", () => {
  it("give each row [beta, se, ldscore, top-r betas, their LD] as the row kernels do, at every length", () => {
    const r = 4;
    const w = 2 * r + 3;
    for (let t = 0; t < LENGTHS.length; t++) {
      const n = LENGTHS[t];
      const ld = heap.alloc(<usize>(n * n) << 3);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j <= i; j++) {
          const v = i == j ? 1.0 : rnd();
          store<f64>(ld + (<usize>(i * n + j) << 3), v);
          store<f64>(ld + (<usize>(j * n + i) << 3), v);
        }
      }
      const beta = fillRow(n);
      const se = fillRow(n);
      const nbeta = fillRow(n); // neighbours' betas from another vector (the published indexing)
      const out = heap.alloc(<usize>(n * w) << 3);
      const padded = features(ld, n, beta, se, nbeta, r, out);
      expect(padded).toBe(n - 1 < r ? n : 0);
      const idx = heap.alloc(<usize>r << 2);
      for (let i = 0; i < n; i++) {
        const o = out + (<usize>(i * w) << 3);
        expect(load<f64>(o)).toBe(load<f64>(beta + (<usize>i << 3)));
        expect(load<f64>(o + 8)).toBe(load<f64>(se + (<usize>i << 3)));
        expect(load<f64>(o + 16)).toBe(ldScoreRow(ld + (<usize>(i * n) << 3), n));
        const found = scalarTopR(ld + (<usize>(i * n) << 3), n, i, r, idx);
        for (let k = 0; k < r; k++) {
          const j = k < found ? load<i32>(idx + (<usize>k << 2)) : -1;
          expect(load<f64>(o + (<usize>(3 + k) << 3))).toBe(j < 0 ? 0.0 : load<f64>(nbeta + (<usize>j << 3)));
          expect(load<f64>(o + (<usize>(3 + r + k) << 3))).toBe(j < 0 ? 0.0 : load<f64>(ld + (<usize>(i * n + j) << 3)));
        }
      }
      heap.free(idx);
      heap.free(ld);
      heap.free(beta);
      heap.free(se);
      heap.free(nbeta);
      heap.free(out);
    }
  });

  it("pad blocks smaller than r + 1 with zeros", () => {
    // 2 variants, R = [[1, 0.5], [0.5, 1]], r = 3: one real neighbour each.
    const ld = heap.alloc(32);
    store<f64>(ld, 1.0); store<f64>(ld + 8, 0.5); store<f64>(ld + 16, 0.5); store<f64>(ld + 24, 1.0);
    const beta = heap.alloc(16); store<f64>(beta, 0.1); store<f64>(beta + 8, -0.2);
    const se = heap.alloc(16); store<f64>(se, 0.01); store<f64>(se + 8, 0.02);
    const w = 9;
    const out = heap.alloc(<usize>(2 * w) << 3);
    expect(features(ld, 2, beta, se, beta, 3, out)).toBe(2);
    // row 0: beta, se, ldscore = 1 + 0.25 - 1, beta of 1, 0, 0, LD 0.5, 0, 0
    const want: f64[] = [0.1, 0.01, 0.25, -0.2, 0, 0, 0.5, 0, 0];
    for (let c = 0; c < w; c++) expect(load<f64>(out + (<usize>c << 3))).toBe(want[c]);
    expect(load<f64>(out + (<usize>(w + 3) << 3))).toBe(0.1);
  });

  it("handle a single-variant block", () => {
    const ld = heap.alloc(8); store<f64>(ld, 1.0);
    const beta = heap.alloc(8); store<f64>(beta, 0.3);
    const se = heap.alloc(8); store<f64>(se, 0.1);
    const out = heap.alloc(<usize>7 << 3);
    expect(features(ld, 1, beta, se, beta, 2, out)).toBe(1);
    expect(load<f64>(out + 16)).toBe(0.0);
    expect(load<f64>(out + 24)).toBe(0.0);
  });
});
