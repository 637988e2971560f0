import { randomUUID } from 'node:crypto';
import { Role } from '../../common/auth';
import { MAX_AMOUNT } from '../../common/money';
import { createTestSubgraph, errorCodes, type TestSubgraph } from '../../common/testing/subgraph';
import { resources } from '..';
import { PaymentMethod, Receipt, ResourceKind } from '../entities';
import { fakeProgramme, fakeTree } from '../testing/factories';

const tree = fakeTree();
let subgraph: TestSubgraph;

beforeAll(async () => {
  subgraph = await createTestSubgraph(resources, tree.units);
});
afterAll(() => subgraph.close());

it('refuses one donation over what one receipt may hold, naming the amount, and writes nothing', async () => {
  const programme = await fakeProgramme(subgraph.db, tree.otherCommune);
  const donate = (amount: string) =>
    subgraph.execute('mutation ($input: CashDonationInput!) { recordCashDonation(input: $input) { amount } }', {
      as: { sub: 'admin', roles: [Role.ADMIN] },
      variables: { input: { programmeId: programme.id, receivedOn: '2025-09-15', amount, method: 'CASH' } },
    });
  for (const amount of [String(Number.MAX_SAFE_INTEGER), String(MAX_AMOUNT.receipt + 1)]) {
    const refused = await donate(amount);
    expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(refused.errors?.[0].extensions?.field).toBe('amount');
  }
  expect(await subgraph.db.manager.countBy(Receipt, { programmeId: programme.id })).toBe(0);
  expect((await donate(String(MAX_AMOUNT.receipt))).data?.recordCashDonation.amount).toBe(String(MAX_AMOUNT.receipt));
});

it('sums receipts near the bound past 2^53 exactly, on the programme, the team and every unit above', async () => {
  const programme = await fakeProgramme(subgraph.db, tree.village, { teamId: tree.teamId });
  const amount = MAX_AMOUNT.receipt - 1;
  const count = Math.ceil(Number.MAX_SAFE_INTEGER / amount) + 10;
  const receipt = (number: number, value: number) => ({
    id: randomUUID(),
    unitCode: programme.unitCode,
    unitPath: programme.unitPath,
    year: 2024, // numbered apart from the receipts recorded above
    number,
    programmeId: programme.id,
    sponsorId: null,
    pledgeId: null,
    kind: ResourceKind.CASH,
    receivedOn: '2024-09-20',
    method: PaymentMethod.BANK_TRANSFER,
    amount: value,
    note: null,
    recordedBy: 'test',
  });
  for (let first = 1; first <= count; first += 500) {
    const numbers = Array.from({ length: Math.min(500, count - first + 1) }, (_, index) => first + index);
    await subgraph.db.manager.insert(Receipt, numbers.map((number) => receipt(number, amount)));
  }
  // One more đồng makes the total odd: no JavaScript number past 2^53 holds it.
  await subgraph.db.manager.insert(Receipt, [receipt(count + 1, 1)]);
  const expected = (BigInt(amount) * BigInt(count) + 1n).toString();
  expect(BigInt(expected)).toBeGreaterThan(BigInt(Number.MAX_SAFE_INTEGER));

  const result = await subgraph.execute(
    `query ($id: ID!, $units: [_Any!]!) {
      programme(id: $id) { funds { receivedCash received balance } }
      _entities(representations: $units) {
        ... on Team { funds { received } }
        ... on AdministrativeUnit { funds { received balance } }
      }
    }`,
    {
      as: { sub: 'admin', roles: [Role.ADMIN] },
      variables: {
        id: programme.id,
        units: [
          { __typename: 'Team', id: tree.teamId },
          ...[tree.village, tree.commune].map((unit) => ({ __typename: 'AdministrativeUnit', code: unit.unitCode })),
        ],
      },
    },
  );
  expect(result.errors).toBeUndefined();
  expect(result.data?.programme.funds).toEqual({ receivedCash: expected, received: expected, balance: expected });
  expect(result.data?._entities).toEqual([
    { funds: { received: expected } },
    ...Array.from({ length: 2 }, () => ({ funds: { received: expected, balance: expected } })),
  ]);
}, 120_000);
