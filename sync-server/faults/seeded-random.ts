/** A small seeded random (mulberry32), so a fault run can be replayed from the seed it prints. */

/** Returns a function giving numbers in [0, 1) determined by `seed`. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seed from HARBOR_FAULTS_SEED when set, else a fresh one. */
export function faultSeed(): number {
  const raw = process.env.HARBOR_FAULTS_SEED;
  return raw ? Number(raw) >>> 0 : Math.floor(Math.random() * 2 ** 32);
}
