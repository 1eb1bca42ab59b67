# Runs the published ML-MAGES clustering on the dev reference's shrunk effects
# after np.random.seed(SEED), and prints each of its 25 restarts' K̂ and BIC:
# the figures tests/cluster.test.ts holds mlmages' restarts to (mlmages draws
# the restarts' starts from the same numpy stream).
# Run: python3 scripts/published-restarts.py <ML-MAGES checkout> <shared folder> SEED SET...
#      (SET: T1, T1-T2, ...; needs numpy, scipy, pandas, scikit-learn)
import contextlib
import io
import sys

import numpy as np

checkout, shared, seed, sets = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
sys.path.insert(0, checkout)
import mlmages._cls_funcs as cf  # noqa: E402

ks, bics = [], []
get_cls, compute_ic = cf.get_cls, cf.compute_IC


def recording_get_cls(*args, **kwargs):
    out = get_cls(*args, **kwargs)
    ks.append(int(out[2]))
    return out


def recording_compute_ic(*args, **kwargs):
    out = compute_ic(*args, **kwargs)
    bics.append(float(out[1]))
    return out


cf.get_cls, cf.compute_IC = recording_get_cls, recording_compute_ic
for name in sets:
    ks.clear()
    bics.clear()
    b = np.vstack([np.loadtxt(f"{shared}/oracle/dev/reference/shrink_{t}.txt") for t in name.split("-")]).T
    if b.shape[1] == 1:
        b = b[:, 0]
    n = b.shape[0]
    np.random.seed(seed)
    with contextlib.redirect_stdout(io.StringIO()):
        nz, _ = cf.adjust_zero_threshold(b, init_zero_cutoff=1e-5, any_zero=True, min_nz=1000, max_nz=n // 3, adjust_scale=2, max_iter=10)
        _, _, k, _ = cf.extract_multivariate_components(nz, K=20, n_runs=25)
    print(f'"{name}": {{ K: {k}, Ks: [{", ".join(map(str, ks))}], bic: [{", ".join(f"{x:.3f}" for x in bics)}] }},')
