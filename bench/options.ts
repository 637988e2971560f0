/**
 * A number above 0 from a command-line option (`--scale`) or a variable (`BENCH_PORT`);
 * otherwise prints what is wrong and the usage, and exits.
 */
export function positiveNumber(
  raw: string | undefined,
  name: string,
  fallback: number,
  { integer = true, max = Number.MAX_SAFE_INTEGER, usage }: { integer?: boolean; max?: number; usage: string },
): number {
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isFinite(value) || value <= 0 || value > max || (integer && !Number.isInteger(value))) {
    console.error(`${name} must be ${integer ? 'a whole number' : 'a number'} above 0${max < Number.MAX_SAFE_INTEGER ? ` and at most ${max}` : ''}, got "${raw}"\n\n${usage}`);
    process.exit(2);
  }
  return value;
}
