// SuSiE kernels against scalar loops at lengths 1, 3, 4, 100, 240.
import {
  susieMatVec, susieLogBf, susieWeightedExpSum, susieSerPosterior, susieStandardiseLd,
  susieRemoveEffect, susieEffectMoments, susieAddTo, susieExpectedRss, susieBrentLogV,
} from "../../assembly/susie";

const LENGTHS: i32[] = [1, 3, 4, 100, 240];

function filled(n: i32, k: f64, offset: f64): usize {
  const p = heap.alloc(<usize>n << 3);
  for (let i = 0; i < n; i++) store<f64>(p + (<usize>i << 3), Math.sin(<f64>i * k + 0.3) + offset);
  return p;
}

function at(p: usize, i: i32): f64 {
  return load<f64>(p + (<usize>i << 3));
}

function relClose(a: f64, b: f64, tol: f64): bool {
  return Math.abs(a - b) <= tol * Math.max(1.0, Math.abs(b));
}

describe("susieMatVec", () => {
  it("equals the scalar product row by row", () => {
    for (let t = 0; t < LENGTHS.length; t++) {
      const p = LENGTHS[t];
      const a = filled(p * p, 0.37, 0.0);
      const x = filled(p, 1.1, 0.1);
      const y = heap.alloc(<usize>p << 3);
      susieMatVec(a, x, p, y);
      for (let i = 0; i < p; i++) {
        let s = 0.0;
        for (let j = 0; j < p; j++) s += at(a, i * p + j) * at(x, j);
        expect(relClose(at(y, i), s, 1e-13)).toBe(true);
      }
    }
  });
});

describe("susieLogBf", () => {
  it("equals −½log(1 + V/s2) + t·V/(V + s2) and log Σ pw·exp(lbf), for constant and varying s2", () => {
    for (let t = 0; t < LENGTHS.length; t++) {
      const p = LENGTHS[t];
      const tt = filled(p, 0.9, 1.5); // t = ½ b²/s2 > 0
      const pw = heap.alloc(<usize>p << 3);
      for (let j = 0; j < p; j++) store<f64>(pw + (<usize>j << 3), 1.0 / <f64>p);
      for (let varying = 0; varying < 2; varying++) {
        const s2 = heap.alloc(<usize>p << 3);
        for (let j = 0; j < p; j++) store<f64>(s2 + (<usize>j << 3), varying ? 0.5 + 0.01 * <f64>(j % 7) : 0.5);
        const lbf = heap.alloc(<usize>p << 3);
        const V = 0.8;
        const ll = susieLogBf(tt, s2, pw, p, V, lbf);
        let m = -Infinity;
        for (let j = 0; j < p; j++) {
          const s = at(s2, j);
          const want = -0.5 * Math.log(1.0 + V / s) + (at(tt, j) * V) / (V + s);
          expect(relClose(at(lbf, j), want, 1e-14)).toBe(true);
          m = Math.max(m, want);
        }
        let sum = 0.0;
        for (let j = 0; j < p; j++) sum += at(pw, j) * Math.exp(at(lbf, j) - m);
        expect(relClose(ll, m + Math.log(sum), 1e-14)).toBe(true);
        expect(relClose(susieWeightedExpSum(lbf, pw, p, m), sum, 1e-14)).toBe(true);
        // V = 0: every Bayes factor is 1
        expect(Math.abs(susieLogBf(tt, s2, pw, p, 0.0, lbf) - Math.log(<f64>p * (1.0 / <f64>p)))).toBeLessThan(1e-14);
      }
    }
  });
});

describe("susieSerPosterior", () => {
  it("equals the scalar posterior: alpha, mean and second moment", () => {
    for (let t = 0; t < LENGTHS.length; t++) {
      const p = LENGTHS[t];
      const xtr = filled(p, 0.7, 0.0);
      const d = filled(p, 0.3, 3.0);
      const lbf = filled(p, 1.3, 0.0);
      const pw = heap.alloc(<usize>p << 3);
      for (let j = 0; j < p; j++) store<f64>(pw + (<usize>j << 3), 1.0 / <f64>p);
      const alpha = heap.alloc(<usize>p << 3);
      const mu = heap.alloc(<usize>p << 3);
      const mu2 = heap.alloc(<usize>p << 3);
      const V = 0.3;
      const sigma2 = 1.2;
      const model = 0.4;
      susieSerPosterior(xtr, d, pw, lbf, p, V, sigma2, model, alpha, mu, mu2);
      for (let j = 0; j < p; j++) {
        const v = 1.0 / (1.0 / V + at(d, j) / sigma2);
        const m = (v * at(xtr, j)) / sigma2;
        expect(relClose(at(alpha, j), at(pw, j) * Math.exp(at(lbf, j) - model), 1e-14)).toBe(true);
        expect(relClose(at(mu, j), m, 1e-15)).toBe(true);
        expect(relClose(at(mu2, j), v + m * m, 1e-15)).toBe(true);
      }
      // V = 0: the effect is exactly zero
      susieSerPosterior(xtr, d, pw, lbf, p, 0.0, sigma2, model, alpha, mu, mu2);
      for (let j = 0; j < p; j++) {
        expect(at(mu, j)).toBe(0.0);
        expect(at(mu2, j)).toBe(0.0);
      }
    }
  });
});

describe("susieStandardiseLd", () => {
  it("equals ((1/csd_j)(n1 r_ij))/csd_i, rows with csd = 1 included", () => {
    for (let t = 0; t < LENGTHS.length; t++) {
      const p = LENGTHS[t];
      const r = filled(p * p, 0.21, 0.0);
      const a = heap.alloc(<usize>(p * p) << 3);
      memory.copy(a, r, <usize>(p * p) << 3);
      const csd = heap.alloc(<usize>p << 3);
      const inv = heap.alloc(<usize>p << 3);
      for (let j = 0; j < p; j++) {
        const c = j % 3 == 0 ? 1.0 : 0.9 + 0.01 * <f64>j;
        store<f64>(csd + (<usize>j << 3), c);
        store<f64>(inv + (<usize>j << 3), 1.0 / c);
      }
      susieStandardiseLd(a, p, 289999.0, csd, inv);
      for (let i = 0; i < p; i++)
        for (let j = 0; j < p; j++) {
          const want = ((1.0 / at(csd, j)) * (289999.0 * at(r, i * p + j))) / at(csd, i);
          expect(at(a, i * p + j)).toBe(want);
        }
    }
  });
});

describe("susieRemoveEffect / susieEffectMoments / susieAddTo / susieExpectedRss", () => {
  it("equal their formulas", () => {
    for (let t = 0; t < LENGTHS.length; t++) {
      const p = LENGTHS[t];
      const xty = filled(p, 0.5, 0.0);
      const xtxr = filled(p, 0.8, 0.2);
      const xtxr0 = filled(p, 0.8, 0.2);
      const xtxbl = filled(p, 1.7, 0.0);
      const d = filled(p, 0.3, 3.0);
      const s2 = filled(p, 0.4, 2.0);
      const xtr = heap.alloc(<usize>p << 3);
      const tt = heap.alloc(<usize>p << 3);
      susieRemoveEffect(xty, xtxr, xtxbl, d, s2, p, xtr, tt);
      for (let j = 0; j < p; j++) {
        const r = at(xtxr0, j) - at(xtxbl, j);
        expect(at(xtxr, j)).toBe(r);
        expect(at(xtr, j)).toBe(at(xty, j) - r);
        const bhat = at(xtr, j) / at(d, j);
        expect(relClose(at(tt, j), (0.5 * bhat * bhat) / at(s2, j), 1e-15)).toBe(true);
      }
      const alpha = filled(p, 0.9, 1.1);
      const mu = filled(p, 0.6, 0.0);
      const mu2 = filled(p, 0.2, 1.5);
      const b = heap.alloc(<usize>p << 3);
      let bx = 0.0;
      let db2 = 0.0;
      for (let j = 0; j < p; j++) {
        bx += at(alpha, j) * at(mu, j) * at(xtr, j);
        db2 += at(d, j) * at(alpha, j) * at(mu2, j);
      }
      expect(relClose(susieEffectMoments(alpha, mu, mu2, xtr, d, p, b), -2.0 * bx + db2, 1e-13)).toBe(true);
      for (let j = 0; j < p; j++) expect(at(b, j)).toBe(at(alpha, j) * at(mu, j));
      susieAddTo(xtxbl, xtxr, p);
      for (let j = 0; j < p; j++) expect(at(xtxr, j)).toBe(at(xtxr0, j) - at(xtxbl, j) + at(xtxbl, j));
      // one effect (L = 1): E‖y − Xb‖² = yᵀy − 2bᵀXᵀy + bᵀXᵀXb − bᵀXᵀXb + Σ d·alpha·mu2
      const er2 = susieExpectedRss(alpha, mu, mu2, xtxbl, xtxr, xty, d, 1, p, 7.0);
      let want = 7.0;
      for (let j = 0; j < p; j++) {
        const bj = at(alpha, j) * at(mu, j);
        want += -2.0 * bj * at(xty, j) + bj * at(xtxr, j) - bj * at(xtxbl, j) + at(d, j) * at(alpha, j) * at(mu2, j);
      }
      expect(relClose(er2, want, 1e-12)).toBe(true);
    }
  });
});

describe("susieBrentLogV", () => {
  it("finds the log V maximising the SER log-likelihood, as a fine grid search does", () => {
    // p = 4 variants, one strong: the likelihood has an interior maximum in log V
    const p = 4;
    const t = heap.alloc(32);
    const s2 = heap.alloc(32);
    const pw = heap.alloc(32);
    const lbf = heap.alloc(32);
    const tv: f64[] = [12.5, 0.3, 2.0, 0.05];
    for (let j = 0; j < p; j++) {
      store<f64>(t + (<usize>j << 3), tv[j]);
      store<f64>(s2 + (<usize>j << 3), 0.01);
      store<f64>(pw + (<usize>j << 3), 0.25);
    }
    const lV = susieBrentLogV(t, s2, pw, p, lbf, -30.0, 15.0, 1.4901161193847656e-8);
    let best = -30.0;
    let bestF = Infinity;
    for (let g = -30.0; g <= 15.0; g += 1e-4) {
      const f = -susieLogBf(t, s2, pw, p, Math.exp(g), lbf);
      if (f < bestF) {
        bestF = f;
        best = g;
      }
    }
    expect(Math.abs(lV - best)).toBeLessThan(2e-4);
    expect(-susieLogBf(t, s2, pw, p, Math.exp(lV), lbf)).toBeLessThanOrEqual(bestF + 1e-12);
  });
});
