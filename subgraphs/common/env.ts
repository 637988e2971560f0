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
    const value = this.source[name];
    return value === undefined || value === '' ? fallback : value;
  }

  int(name: string, fallback: number, { min = 0, max = Number.MAX_SAFE_INTEGER } = {}): number {
    const raw = this.string(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!/^-?\d+$/.test(raw) || value < min || value > max) {
      this.problems.push(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
      return fallback;
    }
    return value;
  }

  boolean(name: string, fallback: boolean): boolean {
    const raw = this.string(name);
    if (raw === undefined) return fallback;
    if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
    if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
    this.problems.push(`${name} must be true or false, got "${raw}"`);
    return fallback;
  }

  url(name: string, protocols: string[]): string | undefined {
    const raw = this.string(name);
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
