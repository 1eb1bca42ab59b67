// A cluster's covariance ellipse in pixel space. The cluster is a zero-mean
// Gaussian with 2×2 covariance Σ (two traits' block of its p×p Σ); drawn on
// axes with sx, sy pixels per effect unit (y pointing down), the points
// follow the Gaussian with covariance S = D Σ D, D = diag(sx, −sy). The
// nsd-σ ellipse has semi-axes nsd·√λ along S's eigenvectors. Only +, ×, ÷
// and √ are used (exactly rounded everywhere), so the SVG is the same bytes
// on every engine: the rotation is written as a matrix from the eigenvector,
// not as an angle from atan2.

/** Semi-axes (pixels) and the major axis' direction (cos, sin) in pixel coordinates. */
export interface EllipseGeometry {
  rx: number;
  ry: number;
  cos: number;
  sin: number;
}

/** The nsd-σ ellipse of covariance `sigma` (2×2, effect units) on axes scaled by sx, sy pixels per unit. */
export function ellipseGeometry(sigma: number[][], sx: number, sy: number, nsd = 2): EllipseGeometry {
  const A = sigma[0][0] * sx * sx;
  const C = sigma[1][1] * sy * sy;
  const B = -sigma[0][1] * sx * sy;
  const m = (A + C) / 2;
  const d = (A - C) / 2;
  const r = Math.sqrt(d * d + B * B);
  const l1 = m + r;
  const l2 = Math.max(0, m - r);
  let vx = 1;
  let vy = 0;
  if (B !== 0) {
    [vx, vy] = d >= 0 ? [d + r, B] : [B, r - d];
    const norm = Math.sqrt(vx * vx + vy * vy);
    vx /= norm;
    vy /= norm;
  } else if (C > A) {
    [vx, vy] = [0, 1];
  }
  return { rx: nsd * Math.sqrt(Math.max(0, l1)), ry: nsd * Math.sqrt(l2), cos: vx, sin: vy };
}
