/** One setting a service read: what `npm run compose` makes the configuration table from. */
export interface EnvRead {
  name: string;
  kind: 'string' | 'int' | 'boolean' | 'url';
  fallback?: string | number | boolean;
  min?: number;
  max?: number;
  protocols?: string[];
}

let recording: EnvRead[] | undefined;

/** Every setting `read` reads through an EnvReader, in order (it may throw: its reads are kept). */
export function recordEnvReads(read: () => unknown): EnvRead[] {
  const reads: EnvRead[] = [];
  recording = reads;
  try {
    read();
  } catch {
    // An invalid configuration still read what it read.
  } finally {
    recording = undefined;
  }
  return reads;
}

/**
 * Typed, validated environment: every service reads its settings through one of these
 * and, when any is invalid, prints them all and exits before serving anything.
 */
export class EnvReader {
  private readonly problems: string[] = [];

  constructor(private readonly source: NodeJS.ProcessEnv = process.env) {}

  string(name: string, fallback: string): string;
  string(name: string): string | undefined;
  string(name: string, fallback?: string): string | undefined {
    recording?.push({ name, kind: 'string', fallback });
    return this.raw(name) ?? fallback;
  }

  private raw(name: string): string | undefined {
    const value = this.source[name];
    return value === undefined || value === '' ? undefined : value;
  }

  /** `bounds.why`: what sets the bounds (a legal minimum), said when a value is refused. */
  int(name: string, fallback: number, { min = 0, max = Number.MAX_SAFE_INTEGER, why }: { min?: number; max?: number; why?: string } = {}): number {
    recording?.push({ name, kind: 'int', fallback, min, max });
    const raw = this.raw(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!/^-?\d+$/.test(raw) || value < min || value > max) {
      this.problems.push(`${name} must be a whole number from ${min} to ${max}${why ? ` (${why})` : ''}, got "${raw}"`);
      return fallback;
    }
    return value;
  }

  boolean(name: string, fallback: boolean): boolean {
    recording?.push({ name, kind: 'boolean', fallback });
    const raw = this.raw(name);
    if (raw === undefined) return fallback;
    if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
    if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
    this.problems.push(`${name} must be true or false, got "${raw}"`);
    return fallback;
  }

  url(name: string, protocols: string[]): string | undefined {
    recording?.push({ name, kind: 'url', protocols });
    const raw = this.raw(name);
    if (raw === undefined) return undefined;
    try {
      const { protocol } = new URL(raw);
      if (protocols.includes(protocol.replace(/:$/, ''))) return raw;
    } catch {
      // reported below
    }
    this.problems.push(`${name} must be a ${protocols.join(' or ')} URL, got "${raw}"`);
    return undefined;
  }

  require(condition: boolean, problem: string): void {
    if (!condition) this.problems.push(problem);
  }

  /** Throws one error listing every problem found so far. */
  done(): void {
    if (this.problems.length > 0) {
      throw new Error(`Invalid configuration:\n  - ${this.problems.join('\n  - ')}`);
    }
  }
}

/** The NODE_ENV values of a developer's machine and of a test run. */
const DEVELOPMENT_NODE_ENVS = ['development', 'test'];

/**
 * Whether a process runs as production: the one place every service and script decides it.
 * Development defaults (the published development secret, demo data, error details and
 * suggestions, introspection, the landing page) need an explicit NODE_ENV=development or test
 * (`npm start`, the scripts and jest set them) and no key source (JWT_JWKS_URL or JWT_SECRET):
 * a missing or mistyped NODE_ENV, or real keys, mean production.
 */
export function isProduction(env: EnvReader): boolean {
  const keySource = env.string('JWT_JWKS_URL') !== undefined || env.string('JWT_SECRET') !== undefined;
  return keySource || !DEVELOPMENT_NODE_ENVS.includes(env.string('NODE_ENV') ?? '');
}
