/**
 * Record Ids as the platform shapes them: a 3-character key prefix, 12 characters that make the
 * 15-character case-sensitive Id, and the 3-character suffix that makes it case-insensitive.
 */
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const ID_15 = /^[a-zA-Z0-9]{15}$/;
const ID_18 = /^[a-zA-Z0-9]{18}$/;

/** The 3-character suffix: one character per 5-character chunk, encoding which letters are upper case. */
export function checksumSuffix(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charCodeAt(chunk * 5 + i);
      if (c >= 65 && c <= 90) bits |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET[bits];
  }
  return suffix;
}

export function to18(id: string): string {
  if (ID_18.test(id)) return id.slice(0, 15) + checksumSuffix(id.slice(0, 15));
  if (ID_15.test(id)) return id + checksumSuffix(id);
  throw new Error(`not a record id: ${id}`);
}

/** True when the text is a 15- or 18-character Id (an 18-character one must carry the right suffix). */
export function isValidId(id: unknown): id is string {
  if (typeof id !== 'string') return false;
  if (ID_15.test(id)) return true;
  if (!ID_18.test(id)) return false;
  return id.slice(15).toUpperCase() === checksumSuffix(id.slice(0, 15));
}

/** Returns the canonical 18-character form, or null when the text is not an Id. */
export function normalizeId(id: unknown): string | null {
  return isValidId(id) ? to18(id) : null;
}

function base62(n: number, width: number): string {
  let out = '';
  let v = n;
  while (v > 0) {
    out = BASE62[v % 62] + out;
    v = Math.floor(v / 62);
  }
  return out.padStart(width, '0');
}

/** Sequential Ids per key prefix; the instance part ("8d") is fixed for this org. */
export class IdFactory {
  private readonly counters = new Map<string, number>();

  constructor(initial?: Record<string, number>) {
    for (const [prefix, n] of Object.entries(initial ?? {})) this.counters.set(prefix, n);
  }

  next(prefix: string): string {
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    return to18(`${prefix}8d${base62(n, 10)}`);
  }

  state(): Record<string, number> {
    return Object.fromEntries(this.counters);
  }
}

/** Key prefixes for custom objects: a0A, a0B, ... in the order of their API names. */
export function customKeyPrefix(index: number): string {
  return `a${BASE62[Math.floor(index / 52) % 62]}${BASE62[10 + (index % 52)]}`;
}
