import { getMetadataStorage as validationMetadata } from 'class-validator';
import { GraphQLID, GraphQLString, isEnumType, isScalarType } from 'graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { Float, getMetadataStorage as schemaMetadata, Int } from 'type-graphql';
import { subgraphs } from '.';
import { Role } from './common/auth';
import { Money } from './common/money';
import { buildFederatedSchema } from './common/schema';
import { createTestSubgraph, errorCodes, type OperationResult, type TestSubgraph } from './common/testing/subgraph';
import { partners } from './partners';
import { fakePartner, fakeTree as partnersTree, trainingInput } from './partners/testing/factories';
import { resources } from './resources';
import { fakeGiftLot, fakeProgramme, fakeTree as resourcesTree } from './resources/testing/factories';
import { teams } from './teams';
import { fakeTeam, fakeTwoTierTree } from './teams/testing/factories';

/**
 * Every value a caller sends in an input or arguments class is bounded: a string by a length,
 * a format or a list of values; a number by a range; an amount by its MAX_AMOUNT; a date by its
 * DATE_RANGES; a list by a size; a nested input validated too. A field added without its bounds fails here, before it reaches a database column.
 */

const BOUNDS = {
  text: ['isLength', 'maxLength', 'matches', 'isIn', 'isEmail', 'isUrl', 'isUUID', 'isUuid', 'isEnum'],
  numberBelow: ['max', 'isIn'],
  numberAbove: ['min', 'isIn'],
  list: ['arrayMaxSize'],
  nested: ['nestedValidation'],
  date: ['dateWithin'],
  instantAfter: ['minDate'],
  instantBefore: ['maxDate'],
};

beforeAll(async () => {
  // Building the schemas is what makes type-graphql's metadata complete (inherited fields included).
  for (const definition of subgraphs) await buildFederatedSchema(definition);
});

function problemsOf(target: Function): string[] {
  const storage = schemaMetadata();
  const inChain = (owner: Function) => owner === target || target.prototype instanceof owner;
  const fields = new Map(storage.fields.filter((field) => inChain(field.target)).map((field) => [field.name, field]));
  const rules = validationMetadata().getTargetValidationMetadatas(target, '', true, false);
  const problems: string[] = [];
  for (const [name, field] of fields) {
    const own = rules.filter((rule) => rule.propertyName === name);
    const has = (names: string[], each?: boolean) =>
      own.some((rule) => (names.includes(rule.name ?? '') || names.includes(rule.type)) && (each === undefined || Boolean(rule.each) === each));
    const type = field.getType();
    const list = Boolean(field.typeOptions.array);
    const where = `${target.name}.${name}`;
    const each = list ? true : undefined;
    if (list && !has(BOUNDS.list)) problems.push(`${where}: a list without @ArrayMaxSize`);
    if (type === String || type === GraphQLString || type === GraphQLID) {
      if (!has(BOUNDS.text, each)) problems.push(`${where}: a string without a length, format or list of values`);
    } else if (type === Int || type === Float || type === Number) {
      if (!has(BOUNDS.numberAbove, each) || !has(BOUNDS.numberBelow, each)) problems.push(`${where}: a number without @Min and @Max`);
    } else if (type === Money) {
      // Every amount sent needs a floor and its plausible ceiling (`@Amount(MAX_AMOUNT.…)`).
      if (!has(BOUNDS.numberAbove, each) || !has(BOUNDS.numberBelow, each)) problems.push(`${where}: an amount of money without @Amount`);
    } else if (type === LocalDateResolver) {
      if (!has(BOUNDS.date, each)) problems.push(`${where}: a date without @DateWithin`);
    } else if (type === Date) {
      if (!has(BOUNDS.instantAfter, each) || !has(BOUNDS.instantBefore, each)) problems.push(`${where}: a date and time without @MinDate and @MaxDate`);
    } else if (typeof type === 'function' && !isScalarType(type) && storage.inputTypes.some((input) => input.target === type)) {
      if (!has(BOUNDS.nested)) problems.push(`${where}: a nested input without @ValidateNested (its own rules would never run)`);
    } else if (!isScalarType(type) && !isEnumType(type) && type !== Boolean && typeof type !== 'object') {
      problems.push(`${where}: a type this test does not know how to check`);
    }
  }
  return problems;
}

it('bounds every field of every input and arguments class', () => {
  const { inputTypes, argumentTypes } = schemaMetadata();
  const classes = [...new Set([...inputTypes, ...argumentTypes].map((type) => type.target))];
  expect(classes.length).toBeGreaterThan(20);
  // Plans, targets, reports and their import are among them (their arguments too, as classes).
  expect(classes.map((target) => target.name)).toEqual(
    expect.arrayContaining(['ActivityPlanInput', 'TargetsInput', 'ActivityReportCorrectionInput', 'LockPeriodArgs', 'ImportActivityReportArgs']),
  );
  expect(classes.flatMap(problemsOf)).toEqual([]);
});

describe('a bad value is refused, naming the field, and nothing is written', () => {
  const subgraphsUnderTest: TestSubgraph[] = [];
  afterAll(() => Promise.all(subgraphsUnderTest.map((subgraph) => subgraph.close())));

  /** Runs `operation` and returns the field its error names, after checking no row (audit entries included) was written. */
  async function refusedField(subgraph: TestSubgraph, operation: () => Promise<OperationResult<unknown>>): Promise<unknown> {
    const rows = async () => Promise.all(subgraph.db.dataSource.entityMetadatas.map((entity) => subgraph.db.manager.count(entity.target)));
    const before = await rows();
    const result = await operation();
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(await rows()).toEqual(before);
    return result.errors?.[0].extensions?.field;
  }

  it('teams: a team with more than 50 first members, and a bad phone among them', async () => {
    const subgraph = await createTestSubgraph(teams);
    subgraphsUnderTest.push(subgraph);
    const { village } = await fakeTwoTierTree(subgraph.db);
    const person = (n: number, phone = `0912${String(n).padStart(6, '0')}`) => ({ fullName: `Trần Văn ${n}`, phone, affiliation: 'RESIDENT' });
    const createTeam = (members: object[]) => () =>
      subgraph.execute('mutation ($input: CreateTeamInput!) { createTeam(input: $input) { id } }', {
        as: { sub: 'admin', roles: [Role.ADMIN] },
        variables: { input: { unitCode: village.code, name: 'Tổ thôn Một', leader: person(0), members } },
      });
    expect(await refusedField(subgraph, createTeam(Array.from({ length: 51 }, (_, n) => person(n + 1))))).toBe('members');
    expect(await refusedField(subgraph, createTeam([person(1), person(2, '12345')]))).toBe('members.1.phone');
  });

  it('teams: a figure below zero, a fifth quarter, a month not begun, a period that is none, a reason too long', async () => {
    const subgraph = await createTestSubgraph(teams);
    subgraphsUnderTest.push(subgraph);
    const { commune, village } = await fakeTwoTierTree(subgraph.db);
    const { team } = await fakeTeam(subgraph.db, village);
    const run = (query: string, variables: Record<string, unknown>) => () =>
      subgraph.execute(query, { as: { sub: 'admin', roles: [Role.ADMIN] }, variables });
    const submit = (month: string, value: number) =>
      run('mutation ($input: ActivityReportInput!) { submitActivityReport(input: $input) { id } }', {
        input: { teamId: team.id, month, figures: [{ indicator: 'HOUSEHOLD_VISITS', value }] },
      });
    expect(await refusedField(subgraph, submit('2025-07', -1))).toBe('figures.0.value');
    expect(await refusedField(subgraph, submit('2100-01', 5))).toBe('month');
    const plan = run('mutation ($input: ActivityPlanInput!) { saveActivityPlan(input: $input) { id } }', {
      input: { teamId: team.id, year: 2025, title: 'Kế hoạch năm 2025', themes: [{ quarter: 5, skill: 'ONLINE_PAYMENT' }] },
    });
    expect(await refusedField(subgraph, plan)).toBe('themes.0.quarter');
    const targets = run('mutation ($input: TargetsInput!) { setTargets(input: $input) { id } }', {
      input: { unitCode: village.code, period: '2025-13', targets: [{ indicator: 'HOUSEHOLD_VISITS', value: 10 }] },
    });
    expect(await refusedField(subgraph, targets)).toBe('period');
    const lock = run('mutation ($code: String!) { lockPeriod(unitCode: $code, period: "Q3-2025") { month } }', { code: commune.code });
    expect(await refusedField(subgraph, lock)).toBe('period');
    const imported = run('mutation ($reason: String) { importActivityReport(format: CSV, content: "x", reason: $reason) { id } }', {
      reason: 'x'.repeat(501),
    });
    expect(await refusedField(subgraph, imported)).toBe('reason');
  });

  it('resources: an id longer than any id, and more items than any stock', async () => {
    const tree = resourcesTree();
    const subgraph = await createTestSubgraph(resources, tree.units);
    subgraphsUnderTest.push(subgraph);
    const programme = await fakeProgramme(subgraph.db, tree.village);
    const gift = await fakeGiftLot(subgraph.db, programme, 10);
    const admin = { sub: 'admin', roles: [Role.ADMIN] };
    const donate = () =>
      subgraph.execute('mutation ($input: CashDonationInput!) { recordCashDonation(input: $input) { id } }', {
        as: admin,
        variables: { input: { programmeId: 'x'.repeat(37), receivedOn: '2025-09-15', amount: '1000', method: 'CASH' } },
      });
    const allocate = () =>
      subgraph.execute('mutation ($input: AllocationInput!) { allocateGift(input: $input) { id } }', {
        as: admin,
        variables: { input: { giftId: gift.id, quantity: 1_000_001, recipientKind: 'TEAM', recipientId: tree.teamId, issuedOn: '2025-09-22' } },
      });
    expect(await refusedField(subgraph, donate)).toBe('programmeId');
    expect(await refusedField(subgraph, allocate)).toBe('quantity');
  });

  it('partners: an attendee id longer than any id, named by its row', async () => {
    const tree = partnersTree();
    const subgraph = await createTestSubgraph(partners, tree.units);
    subgraphsUnderTest.push(subgraph);
    const { partner } = await fakePartner(subgraph.db);
    const training = trainingInput(tree.commune.unitCode, { attendeeIds: [tree.communeTeam.memberIds[0], 'y'.repeat(37)] });
    const log = () =>
      subgraph.execute('mutation ($input: LogTrainingsInput!) { logTrainings(input: $input) { created } }', {
        as: { sub: 'partner-staff', roles: [Role.PARTNER], partner: partner.id },
        variables: { input: { partnerId: partner.id, trainings: [training] } },
      });
    expect(await refusedField(subgraph, log)).toBe('trainings.0.attendeeIds.1');
  });
});
