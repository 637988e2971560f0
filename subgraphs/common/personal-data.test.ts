import { readSubgraphConfig } from './config';
import { EnvReader } from './env';
import { DEVELOPMENT_KEY_ID, KeyRing, PersonalDataError, readKeyRing } from './personal-data';

const key = (fill: string) => Buffer.alloc(32, fill).toString('base64');
const ring = (keys: string, hashKey = key('h')) => readKeyRing(new EnvReader({ NODE_ENV: 'production', PERSONAL_DATA_KEYS: keys, PERSONAL_DATA_HASH_KEY: hashKey }));

describe('sealing', () => {
  const ab = ring(`b:${key('b')},a:${key('a')}`);

  it('seals with the newest key, a new IV each time, and opens what it sealed', () => {
    const first = ab.seal('0912345678');
    const second = ab.seal('0912345678');
    expect(first).toMatch(/^b:[A-Za-z0-9_-]+$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain('912345678');
    expect(ab.open(first)).toBe('0912345678');
    expect(ab.open(ab.seal('Bản Xốp Cháo, xã Tam Quang'))).toBe('Bản Xốp Cháo, xã Tam Quang');
  });

  it('opens values sealed by an older key of the ring, and refuses keys no longer in it', () => {
    const a = ring(`a:${key('a')}`);
    const sealedByA = a.seal('0977000111');
    expect(ab.open(sealedByA)).toBe('0977000111');
    expect(() => ring(`b:${key('b')}`).open(sealedByA)).toThrow(PersonalDataError);
  });

  // The character three from the end carries only ciphertext bits, never base64url's padding bits, so changing it always alters a byte.
  const changeOneCharacter = (sealed: string) => `${sealed.slice(0, -3)}${sealed.at(-3) === 'A' ? 'B' : 'A'}${sealed.slice(-2)}`;

  it.each([
    ['a changed character', changeOneCharacter],
    ['a cut value', (sealed: string) => sealed.slice(0, 20)],
    ['another key id of the ring', (sealed: string) => `a${sealed.slice(1)}`],
    ['no key id', (sealed: string) => sealed.slice(2)],
  ])('refuses a value with %s (authenticated encryption)', (_why, tamper) => {
    const sealed = ab.seal('0912345678');
    expect(() => ab.open(tamper(sealed))).toThrow(PersonalDataError);
  });

  it('never says the value in its error', () => {
    const sealed = ab.seal('0912345678');
    expect(() => ab.open(changeOneCharacter(sealed))).toThrow(/^Personal data cannot be decrypted: the stored value is altered/);
  });
});

describe('phone hashes', () => {
  it('hash one phone in every form alike, and depend on the hash key', () => {
    const hashes = ring(`a:${key('a')}`);
    const hash = hashes.phoneHash('0912345678');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(['+84912345678', '+84 912 345 678', '0912.345.678'].map((form) => hashes.phoneHash(form))).toEqual([hash, hash, hash]);
    expect(hashes.phoneHash('0912345679')).not.toBe(hash);
    expect(ring(`a:${key('a')}`, key('k')).phoneHash('0912345678')).not.toBe(hash);
    // Only the hash key counts: sealing keys rotate without touching hashes.
    expect(ring(`b:${key('b')}`).phoneHash('0912345678')).toBe(hash);
  });
});

describe('the key ring from configuration', () => {
  it('gives development the published development keys', () => {
    const development = readKeyRing(new EnvReader({ NODE_ENV: 'development' }));
    expect(development.currentKeyId).toBe(DEVELOPMENT_KEY_ID);
    expect(development).toBeInstanceOf(KeyRing);
  });

  it('refuses to start production without keys, with a clear message', () => {
    expect(() => readSubgraphConfig('teams', 4001, { NODE_ENV: 'production', JWT_SECRET: 'a-production-secret-of-at-least-32-chars' })).toThrow(
      /this runs as production: set PERSONAL_DATA_KEYS \(id:base64 keys, newest first\) and PERSONAL_DATA_HASH_KEY/,
    );
  });

  it('refuses the development keys, short keys, bad ids and repeated ids in production', () => {
    const development = readKeyRing(new EnvReader({ NODE_ENV: 'test' }));
    const developmentKey = (development.keys[0].secret as Buffer).toString('base64');
    const problems = (env: NodeJS.ProcessEnv) => {
      const reader = new EnvReader({ NODE_ENV: 'production', PERSONAL_DATA_HASH_KEY: key('h'), ...env });
      readKeyRing(reader);
      return () => reader.done();
    };
    expect(problems({ PERSONAL_DATA_KEYS: `prod:${developmentKey}` })).toThrow(/must not be the published development keys/);
    expect(problems({ PERSONAL_DATA_KEYS: `a:${Buffer.alloc(16).toString('base64')}` })).toThrow(/key "a" must be 32 bytes/);
    expect(problems({ PERSONAL_DATA_KEYS: `Key_1:${key('a')}` })).toThrow(/key id "Key_1" must be 1 to 16 lower-case letters/);
    expect(problems({ PERSONAL_DATA_KEYS: `a:${key('a')},a:${key('b')}` })).toThrow(/listed twice/);
    expect(problems({ PERSONAL_DATA_KEYS: `a:${key('a')}`, PERSONAL_DATA_HASH_KEY: 'c2hvcnQ=' })).toThrow(/PERSONAL_DATA_HASH_KEY must be at least 32 bytes/);
    expect(problems({ PERSONAL_DATA_KEYS: `a:${key('a')}` })).not.toThrow();
  });
});
