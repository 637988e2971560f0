import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { decodeJwt } from 'jose';
import { AuditEntry } from '../../common/audit';
import { createTestSubgraph, errorCodes, type TestSubgraph } from '../../common/testing/subgraph';
import { partners } from '..';
import { Offer, Partner, PartnerCredential, Platform } from '../entities';
import { addDays, todayInVietnam } from '../../common/dates';
import { callersFor, fakeOffer, fakePartner, fakeTree } from '../testing/factories';
import { PARTNER_TOKEN_SECONDS } from './credential.resolver';

const tree = fakeTree();
const ids = { a: randomUUID(), b: randomUUID() };
const callers = callersFor(tree, ids.a, ids.b);
let subgraph: TestSubgraph;
let partnerA: Partner;
let partnerB: Partner;

beforeAll(async () => {
  subgraph = await createTestSubgraph(partners, tree.units);
  ({ partner: partnerA } = await fakePartner(subgraph.db, { id: ids.a, name: 'Tập đoàn Alpha', shortName: 'Alpha' }));
  ({ partner: partnerB } = await fakePartner(subgraph.db, { id: ids.b, name: 'Tổng công ty Beta', shortName: 'Beta' }));
});
afterAll(() => subgraph.close());

const ISSUE = /* GraphQL */ `
  mutation ($partnerId: ID!, $label: String!) {
    issuePartnerCredential(partnerId: $partnerId, label: $label) {
      apiKey
      credential { id label issuedAt issuedBy revokedAt partner { id name } }
    }
  }
`;
const REVOKE = `mutation ($id: ID!) { revokePartnerCredential(id: $id) { id revokedAt } }`;
const EXCHANGE = `mutation ($key: String!) { partnerAccessToken(apiKey: $key) { token expiresInSeconds partner { id name } } }`;
const CREDENTIALS = `query ($partnerId: ID!) { partnerCredentials(partnerId: $partnerId) { id label issuedBy revokedAt partner { id } } }`;
const UPDATE = `mutation ($id: ID!, $input: UpdatePartnerInput!) { updatePartner(id: $id, input: $input) { id shortName } }`;
const ADD_PLATFORM = `mutation ($id: ID!, $name: String!) { addPlatform(partnerId: $id, input: { name: $name, kind: APP }) { id name } }`;

const KEY = /^dtp_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

async function rowCounts() {
  const { manager } = subgraph.db;
  return [await manager.count(PartnerCredential), await manager.count(AuditEntry)];
}

/** Issues a key for `partner` as an admin. */
async function issue(partner: Partner = partnerA, label = 'Hệ thống đào tạo') {
  const result = await subgraph.execute(ISSUE, { as: callers.admin, variables: { partnerId: partner.id, label } });
  expect(result.errors).toBeUndefined();
  return result.data!.issuePartnerCredential as { apiKey: string; credential: { id: string; label: string } };
}

/** Exchanges `apiKey` for a token as an anonymous caller (a partner's system). */
async function tokenFor(apiKey: string): Promise<string> {
  const result = await subgraph.execute(EXCHANGE, { variables: { key: apiKey } });
  expect(result.errors).toBeUndefined();
  return result.data!.partnerAccessToken.token;
}

const bearer = (token: string) => `Bearer ${token}`;

describe('issuePartnerCredential', () => {
  it('gives an admin a key shown once, keeping only a hash of its secret, and audits it without the secret', async () => {
    const result = await subgraph.execute(ISSUE, { as: callers.admin, variables: { partnerId: partnerA.id, label: '  Hệ thống đào tạo Viettel Nghệ An  ' } });
    expect(result.errors).toBeUndefined();
    const { apiKey, credential } = result.data?.issuePartnerCredential;
    expect(credential).toMatchObject({
      label: 'Hệ thống đào tạo Viettel Nghệ An',
      issuedBy: 'admin',
      revokedAt: null,
      partner: { id: partnerA.id, name: partnerA.name },
    });
    const [, id, secret] = KEY.exec(apiKey) ?? [];
    expect(id).toBe(credential.id);
    expect(secret).toHaveLength(43);

    const row = await subgraph.db.manager.findOneByOrFail(PartnerCredential, { id: credential.id });
    expect(row.secretHash).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(secret);

    const entries = await subgraph.db.manager.findBy(AuditEntry, { entityId: credential.id });
    expect(entries).toEqual([expect.objectContaining({ actor: 'admin', action: 'issuePartnerCredential', entityType: 'PartnerCredential' })]);
    expect(JSON.stringify(entries)).not.toContain(secret);
    expect(JSON.stringify(entries)).not.toContain(row.secretHash);
  });

  it('makes a different key every time', async () => {
    const first = await issue();
    const second = await issue();
    expect(first.credential.id).not.toBe(second.credential.id);
    expect(KEY.exec(first.apiKey)?.[2]).not.toBe(KEY.exec(second.apiKey)?.[2]);
  });

  it.each([
    ['the partner itself', callers.partner, 'FORBIDDEN'],
    ['an officer', callers.provinceOfficer, 'FORBIDDEN'],
    ['a team leader', callers.villageLeader, 'FORBIDDEN'],
    ['an anonymous caller', undefined, 'UNAUTHENTICATED'],
  ])('refuses %s and writes nothing', async (_who, as, code) => {
    const before = await rowCounts();
    const result = await subgraph.execute(ISSUE, { as, variables: { partnerId: partnerA.id, label: 'Khoá tự cấp' } });
    expect(errorCodes(result)).toEqual([code]);
    expect(result.data).toBeNull();
    expect(await rowCounts()).toEqual(before);
  });

  it.each([
    ['too short once trimmed', '  x  '],
    ['too long', 'K'.repeat(121)],
  ])('rejects a label %s, naming it, and writes nothing', async (_why, label) => {
    const before = await rowCounts();
    const result = await subgraph.execute(ISSUE, { as: callers.admin, variables: { partnerId: partnerA.id, label } });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0].extensions?.field).toBe('label');
    expect(await rowCounts()).toEqual(before);
  });

  it('answers NOT_FOUND for an unknown partner and writes nothing', async () => {
    const before = await rowCounts();
    const result = await subgraph.execute(ISSUE, { as: callers.admin, variables: { partnerId: randomUUID(), label: 'Hệ thống' } });
    expect(errorCodes(result)).toEqual(['NOT_FOUND']);
    expect(await rowCounts()).toEqual(before);
  });
});

describe('partnerCredentials', () => {
  it('lists a partner’s keys to an admin, without their secrets', async () => {
    const { partner } = await fakePartner(subgraph.db);
    const first = await issue(partner, 'Khoá thứ nhất');
    const second = await issue(partner, 'Khoá thứ hai');
    await issue(partnerB, 'Khoá của Beta');
    const result = await subgraph.execute(CREDENTIALS, { as: callers.admin, variables: { partnerId: partner.id } });
    expect(result.errors).toBeUndefined();
    expect(result.data?.partnerCredentials).toEqual(
      expect.arrayContaining([
        { id: first.credential.id, label: 'Khoá thứ nhất', issuedBy: 'admin', revokedAt: null, partner: { id: partner.id } },
        { id: second.credential.id, label: 'Khoá thứ hai', issuedBy: 'admin', revokedAt: null, partner: { id: partner.id } },
      ]),
    );
    expect(result.data?.partnerCredentials).toHaveLength(2);
    for (const { apiKey } of [first, second]) expect(JSON.stringify(result)).not.toContain(KEY.exec(apiKey)![2]);

    // The schema has no field that could carry the secret or its hash.
    const probe = await subgraph.execute(`query ($p: ID!) { partnerCredentials(partnerId: $p) { secretHash } }`, {
      as: callers.admin,
      variables: { p: partner.id },
    });
    expect(errorCodes(probe)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  it.each([
    ['the partner itself', callers.partner, 'FORBIDDEN'],
    ['an officer', callers.provinceOfficer, 'FORBIDDEN'],
    ['an anonymous caller', undefined, 'UNAUTHENTICATED'],
  ])('refuses %s', async (_who, as, code) => {
    await issue();
    const result = await subgraph.execute(CREDENTIALS, { as, variables: { partnerId: partnerA.id } });
    expect(errorCodes(result)).toEqual([code]);
    expect(result.data).toBeNull();
  });
});

describe('partnerAccessToken', () => {
  it('exchanges a key for a short-lived partner token', async () => {
    const { apiKey, credential } = await issue(partnerA, 'Hệ thống bán hàng');
    const result = await subgraph.execute(EXCHANGE, { variables: { key: `  ${apiKey}\n` } });
    expect(result.errors).toBeUndefined();
    const { token, expiresInSeconds, partner } = result.data?.partnerAccessToken;
    expect(expiresInSeconds).toBe(PARTNER_TOKEN_SECONDS);
    expect(partner).toEqual({ id: partnerA.id, name: partnerA.name });
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({ sub: `partner-credential:${credential.id}`, roles: ['PARTNER'], partner: partnerA.id });
    expect(claims.exp! - claims.iat!).toBe(PARTNER_TOKEN_SECONDS);
  });

  it('lets the token act for its partner, and not for another', async () => {
    const token = await tokenFor((await issue()).apiKey);
    const own = await subgraph.execute(UPDATE, { authorization: bearer(token), variables: { id: partnerA.id, input: { shortName: 'Alpha Số' } } });
    expect(own.errors).toBeUndefined();
    expect(own.data?.updatePartner).toEqual({ id: partnerA.id, shortName: 'Alpha Số' });
    const added = await subgraph.execute(ADD_PLATFORM, { authorization: bearer(token), variables: { id: partnerA.id, name: 'Alpha Pay' } });
    expect(added.errors).toBeUndefined();
    const [entry] = await subgraph.db.manager.findBy(AuditEntry, { entityId: added.data?.addPlatform.id });
    expect(entry.actor).toMatch(/^partner-credential:/);

    const platformsOfB = await subgraph.db.manager.countBy(Platform, { partnerId: partnerB.id });
    const other = await subgraph.execute(UPDATE, { authorization: bearer(token), variables: { id: partnerB.id, input: { shortName: 'Chiếm' } } });
    expect(errorCodes(other)).toEqual(['FORBIDDEN']);
    const otherPlatform = await subgraph.execute(ADD_PLATFORM, { authorization: bearer(token), variables: { id: partnerB.id, name: 'Chiếm Pay' } });
    expect(errorCodes(otherPlatform)).toEqual(['FORBIDDEN']);
    expect((await subgraph.db.manager.findOneByOrFail(Partner, { id: partnerB.id })).shortName).toBe(partnerB.shortName);
    expect(await subgraph.db.manager.countBy(Platform, { partnerId: partnerB.id })).toBe(platformsOfB);
  });

  it.each([
    ['a wrong secret', (key: string) => `${key.slice(0, -43)}${randomBytes(32).toString('base64url')}`],
    ['a secret off by one character', (key: string) => `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`],
    ['an unknown id', (key: string) => `dtp_${randomUUID()}_${key.slice(-43)}`],
    ['a malformed key', () => 'dtp_not-a-key'],
    ['a truncated key', (key: string) => key.slice(0, -1)],
  ])('refuses %s as an unknown or revoked API key', async (_what, spoil) => {
    const { apiKey } = await issue();
    const result = await subgraph.execute(EXCHANGE, { variables: { key: spoil(apiKey) } });
    expect(errorCodes(result)).toEqual(['UNAUTHENTICATED']);
    expect(result.errors?.[0].message).toBe('Khoá kết nối không tồn tại hoặc đã bị thu hồi');
    expect(result.data).toBeNull();
  });
});

describe('revokePartnerCredential', () => {
  it('stops the key at once: no new tokens, and tokens already issued no longer act for the partner here', async () => {
    const { apiKey, credential } = await issue();
    const token = await tokenFor(apiKey);
    expect((await subgraph.execute(UPDATE, { authorization: bearer(token), variables: { id: partnerA.id, input: { shortName: 'Trước' } } })).errors).toBeUndefined();

    const revoked = await subgraph.execute(REVOKE, { as: callers.admin, variables: { id: credential.id } });
    expect(revoked.errors).toBeUndefined();
    expect(revoked.data?.revokePartnerCredential.revokedAt).toEqual(expect.any(String));
    const [entry] = await subgraph.db.manager.findBy(AuditEntry, { entityId: credential.id, action: 'revokePartnerCredential' });
    expect(entry).toMatchObject({ actor: 'admin', entityType: 'PartnerCredential' });

    const exchange = await subgraph.execute(EXCHANGE, { variables: { key: apiKey } });
    expect(errorCodes(exchange)).toEqual(['UNAUTHENTICATED']);
    expect(exchange.errors?.[0].message).toBe('Khoá kết nối không tồn tại hoặc đã bị thu hồi');

    const before = await subgraph.db.manager.countBy(Platform, { partnerId: partnerA.id });
    const update = await subgraph.execute(UPDATE, { authorization: bearer(token), variables: { id: partnerA.id, input: { shortName: 'Sau' } } });
    expect(errorCodes(update)).toEqual(['FORBIDDEN']);
    const add = await subgraph.execute(ADD_PLATFORM, { authorization: bearer(token), variables: { id: partnerA.id, name: 'Sau Pay' } });
    expect(errorCodes(add)).toEqual(['FORBIDDEN']);
    expect((await subgraph.db.manager.findOneByOrFail(Partner, { id: partnerA.id })).shortName).toBe('Trước');
    expect(await subgraph.db.manager.countBy(Platform, { partnerId: partnerA.id })).toBe(before);

    // Staff tokens of the same partner, and its other keys, keep working.
    const staff = await subgraph.execute(UPDATE, { as: callers.partner, variables: { id: partnerA.id, input: { shortName: 'Nhân viên' } } });
    expect(staff.errors).toBeUndefined();
    const otherKeyToken = await tokenFor((await issue()).apiKey);
    const withOtherKey = await subgraph.execute(UPDATE, { authorization: bearer(otherKeyToken), variables: { id: partnerA.id, input: { shortName: 'Khoá khác' } } });
    expect(withOtherKey.errors).toBeUndefined();
  });

  it('shows a revoked token only the current offers, as to anyone', async () => {
    const today = todayInVietnam();
    const { partner } = await fakePartner(subgraph.db);
    await fakeOffer(subgraph.db, partner, [tree.province], { service: 'Ưu đãi hiện hành' });
    await fakeOffer(subgraph.db, partner, [tree.province], { service: 'Ưu đãi sắp tới', validFrom: addDays(today, 10), validUntil: addDays(today, 40) });
    const OFFERS = `query ($id: ID!) { partner(id: $id) { offers { service } } }`;
    const { apiKey, credential } = await issue(partner);
    const token = await tokenFor(apiKey);
    const services = async () =>
      (await subgraph.execute(OFFERS, { authorization: bearer(token), variables: { id: partner.id } })).data?.partner.offers.map(
        (offer: Offer) => offer.service,
      );
    expect(await services()).toEqual(['Ưu đãi sắp tới', 'Ưu đãi hiện hành']);
    expect((await subgraph.execute(REVOKE, { as: callers.admin, variables: { id: credential.id } })).errors).toBeUndefined();
    expect(await services()).toEqual(['Ưu đãi hiện hành']);
  });

  it('is harmless to repeat', async () => {
    const { credential } = await issue();
    const first = await subgraph.execute(REVOKE, { as: callers.admin, variables: { id: credential.id } });
    expect(first.errors).toBeUndefined();
    const second = await subgraph.execute(REVOKE, { as: callers.admin, variables: { id: credential.id } });
    expect(second.errors).toBeUndefined();
    // The revocation stands as it was first recorded (MySQL keeps whole seconds, so compare with the row).
    const row = await subgraph.db.manager.findOneByOrFail(PartnerCredential, { id: credential.id });
    expect(second.data?.revokePartnerCredential).toEqual({ id: credential.id, revokedAt: row.revokedAt!.toISOString() });
    expect(Math.abs(Date.parse(first.data?.revokePartnerCredential.revokedAt) - row.revokedAt!.getTime())).toBeLessThan(1000);
    expect(await subgraph.db.manager.countBy(AuditEntry, { entityId: credential.id, action: 'revokePartnerCredential' })).toBe(1);
  });

  it.each([
    ['the partner itself', callers.partner, 'FORBIDDEN'],
    ['an officer', callers.provinceOfficer, 'FORBIDDEN'],
    ['an anonymous caller', undefined, 'UNAUTHENTICATED'],
  ])('refuses %s and leaves the key working', async (_who, as, code) => {
    const { apiKey, credential } = await issue();
    const before = await rowCounts();
    const result = await subgraph.execute(REVOKE, { as, variables: { id: credential.id } });
    expect(errorCodes(result)).toEqual([code]);
    expect(await rowCounts()).toEqual(before);
    expect((await subgraph.db.manager.findOneByOrFail(PartnerCredential, { id: credential.id })).revokedAt).toBeNull();
    await tokenFor(apiKey);
  });

  it('refuses a token of its own key to revoke it', async () => {
    const { apiKey, credential } = await issue();
    const result = await subgraph.execute(REVOKE, { authorization: bearer(await tokenFor(apiKey)), variables: { id: credential.id } });
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
  });

  it('answers NOT_FOUND for an unknown key', async () => {
    const result = await subgraph.execute(REVOKE, { as: callers.admin, variables: { id: randomUUID() } });
    expect(errorCodes(result)).toEqual(['NOT_FOUND']);
  });
});
