/**
 * Seeded randomness for the sandboxes, so a run is reproducible from its seed: the sandbox org's faults
 * and the sandbox payment system's settlements and faults. In the payment system each payment draws from
 * its own stream (seed + idempotency key), which keeps its settlement the same whatever order
 * concurrent submissions arrive in.
 */

/** FNV-1a, 32 bits. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** mulberry32: small, fast, good enough for simulation; returns 0 <= x < 1. */
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

export function streamFor(seed: number, label: string): () => number {
  return seededRandom(hashString(`${seed}:${label}`));
}

/** Picks a key of `weights` with probability proportional to its weight. */
export function pickWeighted<K extends string>(
  random: () => number,
  weights: Readonly<Record<K, number>>
): K {
  const entries = Object.entries(weights) as [K, number][];
  const total = entries.reduce((sum, [, w]) => sum + Math.max(0, w), 0);
  let roll = random() * total;
  for (const [key, weight] of entries) {
    roll -= Math.max(0, weight);
    if (roll < 0) return key;
  }
  return entries[entries.length - 1][0];
}
