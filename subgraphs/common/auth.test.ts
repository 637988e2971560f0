import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphQLError } from 'graphql';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { createTokenVerifier, REMEMBER_VERIFIED_SECONDS, Role, signToken, Viewer, type HubClaims } from './auth';
import { tokensAccepted } from './metrics';
import { runInRequestScope } from './request-scope';

const SECRET = 'auth-test-secret-that-is-long-enough-for-hs256';
const verify = createTokenVerifier({ secret: SECRET });
const bearer = (token: string) => `Bearer ${token}`;
const admin: HubClaims = { sub: 'admin-1', roles: [Role.ADMIN] };

/** Expects `promise` to be refused as UNAUTHENTICATED with a message matching `reason`. */
async function expectRejected(promise: Promise<unknown>, reason: RegExp): Promise<void> {
  const error = await promise.then(
    () => {
      throw new Error('expected the token to be rejected');
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(GraphQLError);
  expect((error as GraphQLError).extensions.code).toBe('UNAUTHENTICATED');
  expect((error as GraphQLError).message).toMatch(reason);
}

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('createTokenVerifier with an HS256 secret', () => {
  it('makes a caller without an Authorization header anonymous', async () => {
    expect(await verify(undefined)).toBe(Viewer.anonymous);
    expect(await verify('')).toBe(Viewer.anonymous);
    expect(Viewer.anonymous.isAuthenticated).toBe(false);
  });

  it('turns a valid token into a viewer with its subject, roles, units and team', async () => {
    const token = await signToken(
      { sub: 'lan', roles: [Role.OFFICER, Role.TEAM_LEADER], units: ['40', '17227'], team: 'team-1' },
      SECRET,
    );
    const viewer = await verify(bearer(token));
    expect(viewer).toMatchObject({
      subject: 'lan',
      roles: [Role.OFFICER, Role.TEAM_LEADER],
      unitCodes: ['40', '17227'],
      teamId: 'team-1',
      partnerId: undefined,
    });
    expect(viewer.isAuthenticated).toBe(true);
  });

  it('refuses an expired token, saying so', async () => {
    const expiredAt = Math.floor(Date.now() / 1000) - 60;
    const token = await signToken(admin, SECRET, { expiresIn: expiredAt });
    await expectRejected(verify(bearer(token)), /mã đã hết hạn/);
  });

  it('refuses a token signed with another secret', async () => {
    const token = await signToken(admin, 'another-secret-that-is-also-long-enough');
    await expectRejected(verify(bearer(token)), /chữ ký của mã không khớp/);
  });

  it('refuses an unsigned token (alg: none)', async () => {
    const exp = Math.floor(Date.now() / 1000) + 3600;
    const token = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ sub: 'mallory', roles: ['ADMIN'], exp })}.`;
    await expectRejected(verify(bearer(token)), /không chấp nhận mã ký bằng thuật toán none$/);
  });

  it.each([
    ['a bare token', (token: string) => token],
    ['another scheme', (token: string) => `Basic ${token}`],
    ['Bearer without a token', () => 'Bearer'],
    ['two tokens', (token: string) => `Bearer ${token} ${token}`],
  ])('refuses an Authorization header that is %s', async (_what, header) => {
    const token = await signToken(admin, SECRET);
    await expectRejected(verify(header(token)), /phải có dạng "Bearer <mã>"/);
  });

  it('says why in English to a caller who reads English, with the same code', async () => {
    const token = await signToken({ sub: 't', roles: [Role.TEAM_LEADER] }, SECRET);
    await runInRequestScope('auth-test', 'en', () => expectRejected(verify(bearer(token)), /^Invalid token: a token of the team's leader or deputies \(TEAM_LEADER\) needs team$/));
    await runInRequestScope('auth-test', 'en', () => expectRejected(verify('Bearer not-a-jwt'), /^Invalid token: it is not a JWT$/));
  });

  it('refuses a header whose token is not a JWT', async () => {
    await expectRejected(verify('Bearer not-a-jwt'), /không phải một mã JWT/);
  });

  it.each([
    ['an OFFICER token without units', { sub: 'o', roles: [Role.OFFICER] }, /^Mã đăng nhập không hợp lệ: mã của cán bộ Đoàn phụ trách đơn vị \(OFFICER\) phải ghi units$/],
    ['an OFFICER token with an empty unit list', { sub: 'o', roles: [Role.OFFICER], units: [] }, /\(OFFICER\) phải ghi units/],
    ['a TEAM_LEADER token without a team', { sub: 't', roles: [Role.TEAM_LEADER] }, /\(TEAM_LEADER\) phải ghi team/],
    ['a PARTNER token without a partner', { sub: 'p', roles: [Role.PARTNER] }, /\(PARTNER\) phải ghi partner/],
    ['a token with an unknown role', { sub: 'x', roles: ['SUPERUSER' as Role] }, /vai trò \(roles\) phải là một danh sách trong số ADMIN, OFFICER/],
    ['a token without a subject', { sub: '', roles: [Role.ADMIN] }, /không ghi người dùng \(sub\)/],
  ])('refuses %s', async (_what, claims, reason) => {
    await expectRejected(verify(bearer(await signToken(claims, SECRET))), reason);
  });

  describe('times: exp required, a bounded lifetime, a small clock skew', () => {
    const now = () => Math.floor(Date.now() / 1000);
    const HOUR = 3600;
    /** An ADMIN token with exactly these time claims (seconds since the epoch), none by default. */
    const signedWith = ({ iat, exp, nbf }: { iat?: number; exp?: number; nbf?: number }) => {
      let jwt = new SignJWT({ roles: [Role.ADMIN] }).setProtectedHeader({ alg: 'HS256' }).setSubject('mallory');
      if (iat !== undefined) jwt = jwt.setIssuedAt(iat);
      if (exp !== undefined) jwt = jwt.setExpirationTime(exp);
      if (nbf !== undefined) jwt = jwt.setNotBefore(nbf);
      return jwt.sign(new TextEncoder().encode(SECRET));
    };

    it.each([
      ['without exp', () => ({ iat: now() }), /^Mã đăng nhập không hợp lệ: mã không ghi thời hạn \(exp\)$/],
      ['without any time claim', () => ({}), /không ghi thời hạn \(exp\)/],
      ['issued a year ahead', () => ({ iat: now() + 365 * 24 * HOUR, exp: now() + 365 * 24 * HOUR + HOUR }), /^Mã đăng nhập không hợp lệ: mã ghi thời điểm cấp ở tương lai \(iat\)$/],
      ['issued two minutes ahead', () => ({ iat: now() + 120, exp: now() + HOUR }), /thời điểm cấp ở tương lai/],
      ['not valid for another hour', () => ({ iat: now(), nbf: now() + HOUR, exp: now() + 2 * HOUR }), /^Mã đăng nhập không hợp lệ: mã chưa đến thời điểm có hiệu lực \(nbf\)$/],
      ['living a year', () => ({ iat: now(), exp: now() + 365 * 24 * HOUR }), /^Mã đăng nhập không hợp lệ: mã có hiệu lực 31536000 giây, dài hơn mức cho phép là 86400 giây$/],
      ['living a year without iat', () => ({ exp: now() + 365 * 24 * HOUR }), /dài hơn mức cho phép là 86400 giây/],
      ['issued long ago for a long life, though not yet expired', () => ({ iat: now() - 30 * 24 * HOUR, exp: now() + HOUR }), /dài hơn mức cho phép là 86400 giây/],
    ])('refuses a token %s', async (_what, claims, reason) => {
      await expectRejected(verify(bearer(await signedWith(claims()))), reason);
    });

    it('accepts a day’s lifetime, clocks a little apart, and a token without iat that expires within a day', async () => {
      for (const claims of [
        { iat: now(), exp: now() + 24 * HOUR },
        { iat: now() + 30, exp: now() + HOUR, nbf: now() + 30 },
        { iat: now() - HOUR, exp: now() - 30 },
        { exp: now() + 24 * HOUR },
      ]) {
        expect((await verify(bearer(await signedWith(claims)))).subject).toBe('mallory');
      }
    });

    it('follows the configured maximum lifetime and skew', async () => {
      const strict = createTokenVerifier({ secret: SECRET, maxLifetimeSeconds: 15 * 60, clockSkewSeconds: 0 });
      await expectRejected(strict(bearer(await signedWith({ iat: now(), exp: now() + HOUR }))), /hiệu lực 3600 giây, dài hơn mức cho phép là 900 giây/);
      await expectRejected(strict(bearer(await signedWith({ iat: now() + 5, exp: now() + 60 }))), /thời điểm cấp ở tương lai/);
      expect((await strict(bearer(await signedWith({ iat: now(), exp: now() + 15 * 60 })))).subject).toBe('mallory');
    });

    it('accepts the tokens the hub signs itself', async () => {
      expect((await verify(bearer(await signToken(admin, SECRET)))).subject).toBe('admin-1');
      expect((await verify(bearer(await signToken(admin, SECRET, { expiresIn: '15m' })))).subject).toBe('admin-1');
    });
  });

  describe('a token verified within the last minute', () => {
    /** Only the clock is faked: jose's crypto runs on the real event loop. */
    const fakeClock = () =>
      jest.useFakeTimers({ doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] });
    afterEach(() => jest.useRealTimers());
    /** How many tokens were accepted since `before`, by outcome. */
    const acceptedSince = async (before?: Record<string, number>) => {
      const counts = Object.fromEntries((await tokensAccepted.get()).values.map(({ labels, value }) => [String(labels.outcome), value]));
      return Object.fromEntries(['verified', 'remembered'].map((outcome) => [outcome, (counts[outcome] ?? 0) - (before?.[outcome] ?? 0)]));
    };

    it('is accepted again without checking its signature, until the minute has passed', async () => {
      fakeClock();
      const remembering = createTokenVerifier({ secret: SECRET });
      const token = bearer(await signToken(admin, SECRET, { expiresIn: '1h' }));
      const before = await acceptedSince();
      for (let request = 0; request < 3; request++) expect((await remembering(token)).subject).toBe('admin-1');
      expect(await acceptedSince(before)).toEqual({ verified: 1, remembered: 2 });

      jest.setSystemTime(Date.now() + REMEMBER_VERIFIED_SECONDS * 1000);
      expect((await remembering(token)).subject).toBe('admin-1');
      expect(await acceptedSince(before)).toEqual({ verified: 2, remembered: 2 });
    });

    it('is refused once it has expired, however recently it was verified', async () => {
      fakeClock();
      const remembering = createTokenVerifier({ secret: SECRET, clockSkewSeconds: 0 });
      const token = bearer(await signToken(admin, SECRET, { expiresIn: '10s' }));
      expect((await remembering(token)).subject).toBe('admin-1');
      jest.setSystemTime(Date.now() + 10_000);
      await expectRejected(remembering(token), /mã đã hết hạn/);
    });

    it('is not remembered when refused, nor for another verifier', async () => {
      const stranger = bearer(await signToken(admin, 'another-secret-that-is-also-long-enough'));
      await expectRejected(verify(stranger), /chữ ký của mã không khớp/);
      await expectRejected(verify(stranger), /chữ ký của mã không khớp/);
      const token = bearer(await signToken(admin, SECRET));
      expect((await verify(token)).subject).toBe('admin-1');
      await expectRejected(createTokenVerifier({ secret: 'another-secret-that-is-also-long-enough' })(token), /chữ ký của mã không khớp/);
    });
  });

  describe('when the configuration sets an issuer and an audience', () => {
    const strict = createTokenVerifier({ secret: SECRET, issuer: 'https://id.example.vn', audience: 'hub' });

    it('accepts a token from that issuer for that audience', async () => {
      const token = await signToken(admin, SECRET, { issuer: 'https://id.example.vn', audience: 'hub' });
      expect((await strict(bearer(token))).subject).toBe('admin-1');
    });

    it.each([
      ['another issuer', { issuer: 'https://evil.example', audience: 'hub' }, /iss/],
      ['no issuer', { audience: 'hub' }, /iss/],
      ['another audience', { issuer: 'https://id.example.vn', audience: 'other-service' }, /aud/],
      ['no audience', { issuer: 'https://id.example.vn' }, /aud/],
    ])('refuses a token with %s', async (_what, options, reason) => {
      await expectRejected(strict(bearer(await signToken(admin, SECRET, options))), reason);
    });
  });
});

describe('createTokenVerifier with a JWKS URL', () => {
  const KID = 'hub-key-1';
  let server: Server;
  let jwksUrl: string;
  let issuerKey: KeyLike;
  let strangerKey: KeyLike;

  const signRs256 = (key: KeyLike, claims: HubClaims = admin) =>
    new SignJWT({ roles: claims.roles })
      .setProtectedHeader({ alg: 'RS256', kid: KID })
      .setSubject(claims.sub)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(key);

  beforeAll(async () => {
    const issuerPair = await generateKeyPair('RS256', { extractable: true });
    issuerKey = issuerPair.privateKey;
    strangerKey = (await generateKeyPair('RS256', { extractable: true })).privateKey;
    const jwks = { keys: [{ ...(await exportJWK(issuerPair.publicKey)), kid: KID, alg: 'RS256', use: 'sig' }] };

    server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(jwks));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  });

  it('accepts an RS256 token signed with a key the JWKS publishes', async () => {
    const viewer = await createTokenVerifier({ jwksUrl })(bearer(await signRs256(issuerKey)));
    expect(viewer).toMatchObject({ subject: 'admin-1', roles: [Role.ADMIN] });
  });

  it('refuses an RS256 token signed with a key the JWKS does not publish', async () => {
    await expectRejected(createTokenVerifier({ jwksUrl })(bearer(await signRs256(strangerKey))), /chữ ký của mã không khớp/);
  });

  it('answers 503, not "invalid token", when the issuer’s keys cannot be fetched', async () => {
    const unreachable = jwksUrl.replace(/:\d+\//, ':1/');
    const error = await createTokenVerifier({ jwksUrl: unreachable })(bearer(await signRs256(issuerKey))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', http: { status: 503 } });
  });

  it('refuses an HS256 token when only a JWKS is configured', async () => {
    const token = await signToken(admin, SECRET);
    await expectRejected(createTokenVerifier({ jwksUrl })(bearer(token)), /không chấp nhận mã ký bằng thuật toán HS256/);
  });
});

describe('Viewer', () => {
  it('oversees a unit path when one of its units is on it, and admins oversee everything', () => {
    const officer = Viewer.fromClaims({ sub: 'o', roles: [Role.OFFICER], units: ['17227'] });
    expect(officer.oversees('/40/17227/')).toBe(true);
    expect(officer.oversees('/40/17227/17227.01/')).toBe(true);
    expect(officer.oversees('/40/')).toBe(false);
    expect(officer.oversees('/40/172270/')).toBe(false);
    expect(Viewer.fromClaims({ sub: 'a', roles: [Role.ADMIN] }).oversees('/01/')).toBe(true);
    expect(Viewer.fromClaims({ sub: 'l', roles: [Role.TEAM_LEADER], team: 't', units: ['40'] }).oversees('/40/')).toBe(false);
  });


  const viewerOf = (claims: HubClaims) => Viewer.fromClaims(claims);

  it('leads only the team of its TEAM_LEADER claim', () => {
    const leader = viewerOf({ sub: 'l', roles: [Role.TEAM_LEADER], team: 'team-1' });
    expect(leader.leads('team-1')).toBe(true);
    expect(leader.leads('team-2')).toBe(false);
  });

  it('does not lead a team named in its token without the TEAM_LEADER role', () => {
    expect(viewerOf({ sub: 'o', roles: [Role.OFFICER], units: ['40'], team: 'team-1' }).leads('team-1')).toBe(false);
  });

  it('insist refuses naming the action in the catalogue’s words, in the caller’s language', async () => {
    const leader = viewerOf({ sub: 'l', roles: [Role.TEAM_LEADER], team: 'team-1' });
    const refused = (action: () => void) => {
      try {
        action();
      } catch (error) {
        return error as GraphQLError;
      }
      throw new Error('expected a refusal');
    };
    const inVietnamese = refused(() => leader.insist(false, 'actions.reportForTeam', { teamName: 'Tổ công nghệ số thôn Đông' }));
    expect(inVietnamese.extensions.code).toBe('FORBIDDEN');
    expect(inVietnamese.message).toBe('Bạn không có quyền báo cáo cho Tổ công nghệ số thôn Đông');
    await runInRequestScope('auth-test', 'en', async () => {
      expect(refused(() => leader.insist(false, 'actions.runEvent')).message).toBe('You may not run this event');
    });
    expect(refused(() => Viewer.anonymous.insist(false, 'actions.runEvent')).extensions.code).toBe('UNAUTHENTICATED');
    // A text written in the code would reach people as written, half English: TypeScript refuses it
    // (an action is a key of the catalogue's actions; npm run typecheck fails if this line compiles).
    // @ts-expect-error
    expect(refused(() => leader.insist(false, 'run this event')).message).toBe('Bạn không có quyền run this event');
  });

  it('insist words nothing when the action is allowed', () => {
    const unread = {
      get teamName(): string {
        throw new Error('the refusal was worded');
      },
    };
    expect(() => viewerOf(admin).insist(true, 'actions.reportForTeam', unread)).not.toThrow();
    expect(() => viewerOf(admin).insist(false, 'actions.reportForTeam', unread)).toThrow('the refusal was worded');
  });

  it('requireSignedIn returns a signed-in viewer and refuses an anonymous one', () => {
    const viewer = viewerOf(admin);
    expect(viewer.requireSignedIn()).toBe(viewer);
    expect(() => Viewer.anonymous.requireSignedIn()).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) }),
    );
  });
});
