/**
 * A small seeded PRNG (sfc32) with the helpers the generator needs: the same seed always gives
 * the same data, on any machine, so benchmark runs compare like with like.
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** `seed` and any labels (e.g. a province code) make an independent, reproducible stream. */
  constructor(seed: number, ...labels: string[]) {
    let hash = 2166136261 ^ seed;
    const mix = (text: string) => {
      for (let index = 0; index < text.length; index += 1) hash = Math.imul(hash ^ text.charCodeAt(index), 16777619);
      return hash >>> 0;
    };
    this.a = mix(`a${labels.join('/')}`);
    this.b = mix('b');
    this.c = mix('c');
    this.d = 1;
    for (let warmUp = 0; warmUp < 15; warmUp += 1) this.next();
  }

  /** A float in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** A whole number from `min` to `max`, both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Up to `count` distinct items, in their original order. */
  sample<T>(items: readonly T[], count: number): T[] {
    if (count >= items.length) return [...items];
    const chosen = new Set<number>();
    while (chosen.size < count) chosen.add(Math.floor(this.next() * items.length));
    return [...chosen].sort((x, y) => x - y).map((index) => items[index]);
  }

  /** A random (version 4 shaped) UUID, reproducible from the seed. */
  uuid(): string {
    const hex = (digits: number) =>
      Array.from({ length: digits }, () => Math.floor(this.next() * 16).toString(16)).join('');
    return `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[this.int(0, 3)]}${hex(3)}-${hex(12)}`;
  }

  /** A whole amount of đồng from `min` to `max`, rounded to `step` (prices end in zeros). */
  money(min: number, max: number, step = 100_000): number {
    return Math.max(step, Math.round(this.int(min, max) / step) * step);
  }

  /** Mobile phone numbers as Vietnamese carriers issue them: 0 + 9 digits (03x, 07x, 08x, 09x). */
  phone(): string {
    return `0${this.pick(['3', '7', '8', '9'])}${String(this.int(0, 99_999_999)).padStart(8, '0')}`;
  }
}
