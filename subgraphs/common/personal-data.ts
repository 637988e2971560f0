import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { Column, type EntityMetadata, type EntitySubscriberInterface, type InsertEvent, type UpdateEvent, type ValueTransformer } from 'typeorm';
import { EnvReader, isProduction } from './env';
import { normalisePhone } from './sheet-values';

/**
 * Phone numbers and addresses at rest (issue 15): sealed with AES-256-GCM, and phones also kept
 * as a keyed hash (HMAC-SHA256) of their normalised form, which is what the hub looks them up by.
 *
 * Written on node:crypto rather than a library: AES-GCM and HMAC are in Node's standard library
 * (OpenSSL underneath), and what is left to write (a key id in front of the ciphertext, a key ring
 * from configuration) is a few lines that no maintained npm library offers as TypeORM columns.
 */

/** A sealed value: `<key id>:<base64url of IV (12 bytes) | tag (16 bytes) | ciphertext>`. */
const KEY_ID = /^[a-z0-9-]{1,16}$/;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

export interface PersonalDataKey {
  id: string;
  secret: Buffer;
}

/** The keys that seal personal data (the first, newest, seals; every one opens) and the key of its hashes. */
export class KeyRing {
  private readonly byId: Map<string, Buffer>;

  constructor(
    readonly keys: readonly PersonalDataKey[],
    private readonly hashKey: Buffer,
  ) {
    if (keys.length === 0) throw new Error('A key ring needs at least one key');
    this.byId = new Map(keys.map((key) => [key.id, key.secret]));
  }

  /** The id of the key that seals new values. */
  get currentKeyId(): string {
    return this.keys[0].id;
  }

  seal(plain: string): string {
    const { id, secret } = this.keys[0];
    const iv = randomBytes(IV_BYTES);
    // The key id is authenticated too: a value cannot be passed off as sealed by another key.
    const cipher = createCipheriv('aes-256-gcm', secret, iv).setAAD(Buffer.from(id));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `${id}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
  }

  /** The plain value; throws on a value altered, cut, or sealed by a key not in the ring. */
  open(sealed: string): string {
    const separator = sealed.indexOf(':');
    const id = sealed.slice(0, separator);
    const secret = separator > 0 ? this.byId.get(id) : undefined;
    if (!secret) throw new PersonalDataError(`sealed by an unknown key ("${id.slice(0, 16)}")`);
    const raw = Buffer.from(sealed.slice(separator + 1), 'base64url');
    if (raw.length < IV_BYTES + TAG_BYTES) throw new PersonalDataError('too short to be sealed');
    const decipher = createDecipheriv('aes-256-gcm', secret, raw.subarray(0, IV_BYTES)).setAAD(Buffer.from(id));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new PersonalDataError('altered (authentication failed)');
    }
  }

  /** The key id a sealed value names. */
  static keyIdOf(sealed: string): string {
    return sealed.slice(0, Math.max(sealed.indexOf(':'), 0));
  }

  /** HMAC-SHA256 (hex) of a phone in one form, so 0912… and +84 912… hash alike. */
  phoneHash(phone: string): string {
    const normalised = normalisePhone(phone) ?? phone.replace(/[\s.\-()]/g, '');
    return createHmac('sha256', this.hashKey).update(normalised).digest('hex');
  }
}

/** A sealed value that cannot be opened: never shown as is (it may be personal data), refused. */
export class PersonalDataError extends Error {
  constructor(problem: string) {
    super(`Personal data cannot be decrypted: the stored value is ${problem}`);
  }
}

/** Published development keys (like the development JWT secret): never accepted in production. */
const development = (label: string) => createHash('sha256').update(`development-only personal data ${label}`).digest();
export const DEVELOPMENT_KEY_ID = 'dev';
const DEVELOPMENT_SECRET = development('key');
const DEVELOPMENT_HASH_KEY = development('hash key');

/** `PERSONAL_DATA_KEYS`: `id:base64,id:base64`, newest first; each key 32 random bytes (`openssl rand -base64 32`). */
function parseKeys(env: EnvReader, raw: string): PersonalDataKey[] {
  const keys: PersonalDataKey[] = [];
  for (const entry of raw.split(',').map((part) => part.trim()).filter(Boolean)) {
    const [id, encoded = ''] = entry.split(':', 2);
    const secret = Buffer.from(encoded, 'base64');
    env.require(KEY_ID.test(id), `PERSONAL_DATA_KEYS: key id "${id.slice(0, 16)}" must be 1 to 16 lower-case letters, digits or -`);
    env.require(secret.length === KEY_BYTES, `PERSONAL_DATA_KEYS: key "${id.slice(0, 16)}" must be ${KEY_BYTES} bytes in base64 (openssl rand -base64 32)`);
    env.require(!keys.some((key) => key.id === id), `PERSONAL_DATA_KEYS: key id "${id.slice(0, 16)}" is listed twice`);
    keys.push({ id, secret });
  }
  return keys;
}

/**
 * The key ring from PERSONAL_DATA_KEYS and PERSONAL_DATA_HASH_KEY; in development (see
 * isProduction) the published development keys when they are unset. Production needs both and
 * refuses the development ones.
 */
export function readKeyRing(env: EnvReader, production = isProduction(env)): KeyRing {
  const rawKeys = env.string('PERSONAL_DATA_KEYS');
  const rawHashKey = env.string('PERSONAL_DATA_HASH_KEY');
  const keys = rawKeys === undefined ? [] : parseKeys(env, rawKeys);
  const hashKey = rawHashKey === undefined ? undefined : Buffer.from(rawHashKey, 'base64');
  env.require(
    !production || (rawKeys !== undefined && rawHashKey !== undefined),
    'this runs as production: set PERSONAL_DATA_KEYS (id:base64 keys, newest first) and PERSONAL_DATA_HASH_KEY (base64), each from `openssl rand -base64 32`; see docs/personal-data.md',
  );
  env.require(rawKeys === undefined || keys.length > 0, 'PERSONAL_DATA_KEYS lists no key');
  env.require(hashKey === undefined || hashKey.length >= KEY_BYTES, `PERSONAL_DATA_HASH_KEY must be at least ${KEY_BYTES} bytes in base64`);
  env.require(
    !production || !keys.some((key) => key.secret.equals(DEVELOPMENT_SECRET)) && !hashKey?.equals(DEVELOPMENT_HASH_KEY),
    'PERSONAL_DATA_KEYS and PERSONAL_DATA_HASH_KEY must not be the published development keys in production',
  );
  const ring = keys.length > 0 ? keys : [{ id: DEVELOPMENT_KEY_ID, secret: DEVELOPMENT_SECRET }];
  return new KeyRing(ring, hashKey && hashKey.length >= KEY_BYTES ? hashKey : DEVELOPMENT_HASH_KEY);
}

let configured: KeyRing | undefined;

/** Sets the process's key ring (a subgraph at start, the key rotation command). */
export function useKeyRing(ring: KeyRing): void {
  configured = ring;
}

/** The process's key ring: as configured, else read from the environment (tests, scripts). */
export function keyRing(): KeyRing {
  if (!configured) {
    const env = new EnvReader(process.env);
    const ring = readKeyRing(env);
    env.done();
    configured = ring;
  }
  return configured;
}

/** Seals on the way to the database and opens on the way back, in memory: no query per row. */
export const sealedValue: ValueTransformer = {
  to: (value: string | null | undefined) => (typeof value === 'string' ? keyRing().seal(value) : value),
  from: (value: string | null) => (value === null || value === undefined ? value : keyRing().open(value)),
};

/** Room for a sealed value of up to `plainLength` characters (4 bytes each at most in UTF-8). */
export function sealedLength(plainLength: number): number {
  return 17 + Math.ceil((IV_BYTES + TAG_BYTES + 4 * plainLength) / 3) * 4;
}

/** A column of personal data (a phone, an address) stored sealed; `plainLength` bounds the plain value. */
export function SealedColumn(plainLength: number, { nullable = false } = {}): PropertyDecorator {
  return Column({ type: 'varchar', length: sealedLength(plainLength), nullable, transformer: sealedValue });
}

/** Hex HMAC-SHA256: the length of a phone hash column. */
export const PHONE_HASH_LENGTH = 64;

interface PhoneHashColumn {
  target: Function;
  property: string;
  source: string;
}
const phoneHashColumns: PhoneHashColumn[] = [];

/**
 * The keyed hash of the entity's phone property `source`, kept up to date on every insert and
 * update (see PhoneHashes): what the hub searches and compares phones by, never the phone itself.
 */
export function PhoneHashOf(source: string): PropertyDecorator {
  return (target, property) => {
    Column({ type: 'varchar', length: PHONE_HASH_LENGTH, nullable: true })(target, property);
    phoneHashColumns.push({ target: target.constructor, property: String(property), source });
  };
}

/** The keyed hash of a phone as typed (null for none). */
export function phoneHash(phone: string | null | undefined): string | null {
  return phone ? keyRing().phoneHash(phone) : null;
}

/** The phone hash columns of an entity (and of the classes it extends). */
export function phoneHashColumnsOf(metadata: EntityMetadata): PhoneHashColumn[] {
  return phoneHashColumns.filter((column) => metadata.inheritanceTree.includes(column.target));
}

/** Fills phone hash columns from the phones written, whether saved as entities or updated by criteria. */
export class PhoneHashes implements EntitySubscriberInterface {
  beforeInsert(event: InsertEvent<Record<string, unknown>>): void {
    fillPhoneHashes(event.metadata, event.entity);
  }

  beforeUpdate(event: UpdateEvent<Record<string, unknown>>): void {
    if (event.entity) fillPhoneHashes(event.metadata, event.entity as Record<string, unknown>);
  }
}

function fillPhoneHashes(metadata: EntityMetadata, entity: Record<string, unknown> | undefined): void {
  if (!entity) return;
  for (const { property, source } of phoneHashColumnsOf(metadata)) {
    if (source in entity) entity[property] = phoneHash(entity[source] as string | null);
  }
}
