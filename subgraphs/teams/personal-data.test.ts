import { Role } from '../common/auth';
import { EnvReader } from '../common/env';
import { keyIdsInUse, rotateKeys } from '../common/key-rotation';
import { PersonalDataError, phoneHash, readKeyRing, useKeyRing } from '../common/personal-data';
import { createTestSubgraph, errorCodes, type TestSubgraph } from '../common/testing/subgraph';
import { teams } from '.';
import { Person } from './entities';
import { fakePerson, fakePersonalDataRequest, fakeTeam, fakeTwoTierTree } from './testing/factories';
import { GIVEN_CONSENT } from '../common/testing/consent';

/** Phones and addresses sealed at rest, found by keyed hash, and re-sealed under a new key (issue 15). */
const key = (fill: string) => Buffer.alloc(32, fill).toString('base64');
const HASH_KEY = key('h');
const ringOf = (keys: string) => readKeyRing(new EnvReader({ NODE_ENV: 'production', PERSONAL_DATA_KEYS: keys, PERSONAL_DATA_HASH_KEY: HASH_KEY }));
const KEY_A = `a:${key('a')}`;
const KEY_B = `b:${key('b')}`;

let subgraph: TestSubgraph;
let tree: Awaited<ReturnType<typeof fakeTwoTierTree>>;

beforeAll(async () => {
  useKeyRing(ringOf(KEY_A));
  subgraph = await createTestSubgraph(teams);
  tree = await fakeTwoTierTree(subgraph.db);
});
afterAll(() => subgraph.close());

const chairman = () => ({ sub: 'chairman', roles: [Role.OFFICER], units: [tree.commune.code] });
const leaderOf = (teamId: string) => ({ sub: `leader-${teamId}`, roles: [Role.TEAM_LEADER], team: teamId });

const JOIN = `mutation ($input: JoinRequestInput!) { requestToJoin(input: $input) { id } }`;
const RECOMMEND = `mutation ($id: ID!) { recommendMembershipRequest(id: $id) { status } }`;
const DECIDE = `mutation ($id: ID!) { decideMembershipRequest(id: $id, approve: true) { member { id } } }`;
const CONTACT = `mutation ($memberId: ID!, $input: ContactInput!) { updateMemberContact(memberId: $memberId, input: $input) { id } }`;
const ROSTER = `query ($id: ID!) { team(id: $id) { members { fullName phone address } } }`;

const requestToJoin = (teamId: string, phone: string, address = 'Bản Pá Khôm, xã Tam Quang') =>
  subgraph.execute(JOIN, { variables: { input: { teamId, applicant: { fullName: 'Lò Thị Sen', phone, address, affiliation: 'RESIDENT' }, consent: GIVEN_CONSENT } } });

/** Every stored value of the personal columns, read straight from the database. */
async function stored(): Promise<string[]> {
  const people: Record<string, string | null>[] = await subgraph.db.manager.query('SELECT phone, address, phoneHash FROM person');
  const requests: Record<string, string | null>[] = await subgraph.db.manager.query('SELECT applicantPhone, applicantAddress, applicantPhoneHash FROM membership_request');
  return [...people, ...requests].flatMap((row) => Object.values(row)).filter((value): value is string => value !== null);
}

it('keeps no plain phone or address in the database, and reads them back through the API', async () => {
  const { team } = await fakeTeam(subgraph.db, tree.village);
  const applied = await requestToJoin(team.id, '+84977555111');
  expect(applied.errors).toBeUndefined();
  const id = applied.data!.requestToJoin.id;
  await subgraph.execute(RECOMMEND, { as: leaderOf(team.id), variables: { id } });
  const member = (await subgraph.execute(DECIDE, { as: chairman(), variables: { id } })).data!.decideMembershipRequest.member;
  expect((await subgraph.execute(CONTACT, { as: leaderOf(team.id), variables: { memberId: member.id, input: { address: 'Bản Huồi Cáng, xã Tam Quang' } } })).errors).toBeUndefined();

  const values = await stored();
  expect(values.length).toBeGreaterThan(0);
  for (const value of values) {
    expect(value).not.toMatch(/977555111|Pá Khôm|Huồi Cáng|Bản|thôn/);
    expect(value).toMatch(/^(a:[A-Za-z0-9_-]+|[0-9a-f]{64})$/);
  }
  const roster = (await subgraph.execute(ROSTER, { as: leaderOf(team.id), variables: { id: team.id } })).data!.team.members;
  expect(roster).toContainEqual({ fullName: 'Lò Thị Sen', phone: '+84977555111', address: 'Bản Huồi Cáng, xã Tam Quang' });
});

it('refuses a second membership or request by the same phone in its other form, found by hash', async () => {
  const { team } = await fakeTeam(subgraph.db, tree.village);
  expect((await requestToJoin(team.id, '0977555222')).errors).toBeUndefined();
  const second = await requestToJoin(team.id, '+84977555222');
  expect(errorCodes(second)).toEqual(['CONFLICT']);
  expect(second.errors![0].message).toMatch(/đang chờ xét duyệt/);

  const { team: other } = await fakeTeam(subgraph.db, tree.otherVillage);
  const id = (await requestToJoin(other.id, '0977555333')).data!.requestToJoin.id;
  await subgraph.execute(RECOMMEND, { as: leaderOf(other.id), variables: { id } });
  expect((await subgraph.execute(DECIDE, { as: chairman(), variables: { id } })).errors).toBeUndefined();
  const again = await requestToJoin(other.id, '+84977555333');
  expect(errorCodes(again)).toEqual(['CONFLICT']);
  expect(again.errors![0].message).toMatch(/đã là thành viên/);
});

it('keeps the phone hash with the phone, whether the person is saved or updated by criteria', async () => {
  const person = await fakePerson(subgraph.db, { phone: '0977555666' });
  const hashOf = async () => (await subgraph.db.manager.query('SELECT phoneHash FROM person WHERE id = ?', [person.id]))[0].phoneHash;
  expect(await hashOf()).toBe(phoneHash('+84977555666'));
  await subgraph.db.manager.update(Person, { id: person.id }, { phone: '+84977555777' });
  expect(await hashOf()).toBe(phoneHash('0977555777'));
  await subgraph.db.manager.update(Person, { id: person.id }, { phone: null });
  expect(await hashOf()).toBeNull();
});

it('refuses a tampered value instead of reading it', async () => {
  const { team, leader } = await fakeTeam(subgraph.db, tree.village);
  const [{ phone }] = await subgraph.db.manager.query('SELECT phone FROM person WHERE id = ?', [leader.personId]);
  const tampered = `${phone.slice(0, -4)}${phone.at(-4) === 'A' ? 'B' : 'A'}${phone.slice(-3)}`;
  await subgraph.db.manager.query('UPDATE person SET phone = ? WHERE id = ?', [tampered, leader.personId]);
  await expect(subgraph.db.manager.findOneBy(Person, { id: leader.personId })).rejects.toThrow(PersonalDataError);
  const read = await subgraph.execute(ROSTER, { as: leaderOf(team.id), variables: { id: team.id } });
  expect(read.errors?.[0].message).toMatch(/cannot be decrypted/);
  expect(JSON.stringify(read)).not.toContain(phone);
  await subgraph.db.manager.query('DELETE FROM member WHERE teamId = ?', [team.id]);
  await subgraph.db.manager.query('DELETE FROM person WHERE id = ?', [leader.personId]);
});

it('re-seals under a new key in resumable batches; with the old key gone everything still reads and is found by phone', async () => {
  const { team } = await fakeTeam(subgraph.db, tree.village, { members: 3 });
  expect((await requestToJoin(team.id, '0977555444')).errors).toBeUndefined();
  await fakePersonalDataRequest(subgraph.db, tree.commune, { kind: 'CORRECTION' as never, correctedFullName: 'Vàng Thị Dua', correctedAddress: 'Bản Hồ' });
  expect((await keyIdsInUse(subgraph.db)).person).toEqual(['a']);
  const before = (await subgraph.execute(ROSTER, { as: leaderOf(team.id), variables: { id: team.id } })).data!.team.members;

  // Key B added (newest first): new values under B, old ones still read under A.
  useKeyRing(ringOf(`${KEY_B},${KEY_A}`));
  // A run stopped after its first batch is simply run again.
  await expect(
    rotateKeys(subgraph.db, {
      batchSize: 2,
      onBatch: () => {
        throw new Error('stopped');
      },
    }),
  ).rejects.toThrow('stopped');
  // Its first batch (of whichever sealed table comes first) is under B, the rest still under A.
  expect([...new Set(Object.values(await keyIdsInUse(subgraph.db)).flat())].sort()).toEqual(['a', 'b']);
  const rewritten = await rotateKeys(subgraph.db, { batchSize: 2 });
  expect(rewritten.person).toBeGreaterThan(0);
  expect(await keyIdsInUse(subgraph.db)).toEqual({ person: ['b'], membership_request: ['b'], personal_data_request: ['b'], reminder_preference: [] });
  expect(await rotateKeys(subgraph.db)).toEqual({ person: 0, membership_request: 0, personal_data_request: 0, reminder_preference: 0 });

  // Key A removed: everything reads, and the phone is still found by its hash.
  useKeyRing(ringOf(KEY_B));
  expect((await subgraph.execute(ROSTER, { as: leaderOf(team.id), variables: { id: team.id } })).data!.team.members).toEqual(before);
  expect(errorCodes(await requestToJoin(team.id, '+84977555444'))).toEqual(['CONFLICT']);
  for (const value of await stored()) expect(value).toMatch(/^(b:[A-Za-z0-9_-]+|[0-9a-f]{64})$/);
});
