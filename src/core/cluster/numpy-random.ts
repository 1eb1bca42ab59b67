// numpy's legacy RandomState draws, bit for bit: the Mersenne Twister
// (MT19937) seeded as np.random.seed(s) seeds it, uniform doubles as
// np.random.rand gives them, and integers as np.random.randint draws them
// (masked rejection). The published clustering draws each restart's initial
// values from this stream, so the same seed gives the same starts here.
// see: Matsumoto & Nishimura (1998), ACM TOMACS 8(1):3 (MT19937, init_genrand);
//      numpy/random/src/mt19937 (mt19937_seed, mt19937_next_double) and
//      numpy/random/src/distributions (random_bounded_uint64_fill, use_masked).

/** The largest seed numpy takes (seeds are 32-bit). */
export const MAX_SEED = 0xffffffff;

const N = 624;
const M = 397;

export class NumpyRandomState {
  private readonly mt = new Uint32Array(N);
  private pos = N;

  /** The state np.random.seed(seed) makes, seed an integer in [0, 2^32). */
  constructor(seed: number) {
    if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) throw new Error(`a seed is an integer from 0 to ${MAX_SEED} (got ${seed})`);
    let s = seed >>> 0;
    for (let i = 0; i < N; i++) {
      this.mt[i] = s;
      s = (Math.imul(1812433253, s ^ (s >>> 30)) + i + 1) >>> 0;
    }
  }

  /** The next 32 bits (genrand_int32). */
  nextU32(): number {
    const mt = this.mt;
    if (this.pos >= N) {
      for (let i = 0; i < N; i++) {
        const y = (mt[i] & 0x80000000) | (mt[(i + 1) % N] & 0x7fffffff);
        mt[i] = mt[(i + M) % N] ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
      }
      this.pos = 0;
    }
    let y = mt[this.pos++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** Uniform on [0, 1) from 53 bits, as np.random.rand: (a >> 5) 2^26 + (b >> 6), over 2^53. */
  uniform(): number {
    const a = this.nextU32() >>> 5;
    const b = this.nextU32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** An integer in [low, high), as np.random.randint(low, high): 32-bit draws masked to the range, rejected above it. */
  int(low: number, high: number): number {
    const range = high - 1 - low;
    if (range <= 0) return low;
    if (range > 0xfffffffe) throw new Error("mlmages: NumpyRandomState.int supports ranges below 2^32");
    let mask = range;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    for (;;) {
      const v = (this.nextU32() & mask) >>> 0;
      if (v <= range) return low + v;
    }
  }
}
