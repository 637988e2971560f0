import { randomUUID } from 'node:crypto';
import { In } from 'typeorm';
import { AuditEntry } from '../../common/audit';
import type { HubClaims } from '../../common/auth';
import { addDays, todayInVietnam } from '../../common/dates';
import { IdempotencyKey } from '../../common/idempotency';
import { createTestSubgraph, errorCodes, type OperationResult, type TestSubgraph } from '../../common/testing/subgraph';
import type { UnitPlace } from '../../common/unit-directory';
import { partners } from '..';
import { Attendance, Partner, Platform, Training, TrainingFormat, TrainingInvitation } from '../entities';
import { callersFor, fakeAttendance, fakePartner, fakeTraining, fakeTree, type FakeTeam } from '../testing/factories';

const tree = fakeTree();
let subgraph: TestSubgraph;
/** Partner A, whose staff (`callers.partner`) log trainings here, and partner B (`callers.otherPartner`). */
let a: { partner: Partner; wallet: Platform; marketplace: Platform };
let b: { partner: Partner; wallet: Platform; marketplace: Platform };
let callers: ReturnType<typeof callersFor>;

beforeAll(async () => {
  subgraph = await createTestSubgraph(partners, tree.units);
  a = await fakePartner(subgraph.db);
  b = await fakePartner(subgraph.db);
  callers = callersFor(tree, a.partner.id, b.partner.id);
});
afterAll(() => subgraph.close());

const today = todayInVietnam();
const inAFortnight = addDays(today, 14);

const TRAINING_FIELDS = `id title skill format heldOn place link trainer unitCode
  partner { id } platform { id } unit { code } invitedTeams { id }
  attendance { member { id } team { id } } attendeeCount`;
const LOG = `mutation ($input: LogTrainingsInput!) {
  logTrainings(input: $input) { created replayed rows { ${TRAINING_FIELDS} } }
}`;
const RECORD = `mutation ($input: RecordAttendanceInput!) {
  recordAttendance(input: $input) { created replayed rows { id member { id } team { id } training { id attendeeCount } } }
}`;
const TRAINING = `query ($id: ID!) { training(id: $id) { ${TRAINING_FIELDS} } }`;
const TRAININGS = `query ($partnerId: ID, $unitCode: String, $from: LocalDate, $to: LocalDate, $first: Int, $after: String) {
  trainings(partnerId: $partnerId, unitCode: $unitCode, from: $from, to: $to, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } nodes { id heldOn }
  }
}`;

type Row = Record<string, unknown>;
const newKey = () => `key-${randomUUID()}`;

/** An in-person training on a basic skill for the commune, inviting its team and the village's, two attendees. */
function inPerson(overrides: Row = {}): Row {
  return {
    idempotencyKey: newKey(),
    title: 'Tập huấn thanh toán không dùng tiền mặt',
    skill: 'ONLINE_PAYMENT',
    format: 'IN_PERSON',
    heldOn: '2025-10-01',
    place: 'Hội trường UBND xã',
    trainer: 'Nguyễn Văn Giảng',
    unitCode: tree.commune.unitCode,
    invitedTeamIds: [tree.communeTeam.id, tree.villageTeam.id],
    attendeeIds: [tree.communeTeam.memberIds[0], tree.villageTeam.memberIds[1]],
    ...overrides,
  };
}

/** An online training on partner A's e-wallet for the province, inviting the other commune's team, all three attend. */
function online(overrides: Row = {}): Row {
  return {
    idempotencyKey: newKey(),
    title: 'Hướng dẫn mở và dùng ví điện tử',
    platformId: a.wallet.id,
    format: 'ONLINE',
    heldOn: '2025-10-03',
    link: 'https://meet.example.vn/vi-dien-tu',
    trainer: 'Trần Thị Hướng',
    unitCode: tree.province.unitCode,
    invitedTeamIds: [tree.otherCommuneTeam.id],
    attendeeIds: tree.otherCommuneTeam.memberIds,
    ...overrides,
  };
}

/** As partner A's staff unless told otherwise; `null` for an anonymous caller. */
function logTrainings(trainings: Row[], as: HubClaims | null = callers.partner, partnerId = a.partner.id) {
  return subgraph.execute(LOG, { as: as ?? undefined, variables: { input: { partnerId, trainings } } });
}

function recordAttendance(attendances: Row[], as: HubClaims | null = callers.partner, partnerId = a.partner.id) {
  return subgraph.execute(RECORD, { as: as ?? undefined, variables: { input: { partnerId, attendances } } });
}

const attend = (training: { id: string }, memberId: string, idempotencyKey = newKey()): Row => ({ idempotencyKey, trainingId: training.id, memberId });

function ok<T>(result: OperationResult<T>): T {
  expect(result.errors).toBeUndefined();
  return result.data!;
}

const extensionsOf = (result: OperationResult<unknown>) => result.errors?.[0]?.extensions;
const problemFields = (result: OperationResult<unknown>) =>
  (extensionsOf(result)?.problems as { field: string }[] | undefined)?.map((problem) => problem.field);

/** Rows of every table a batch writes to. */
async function rowCounts() {
  const { manager } = subgraph.db;
  return {
    trainings: await manager.count(Training),
    invitations: await manager.count(TrainingInvitation),
    attendance: await manager.count(Attendance),
    keys: await manager.count(IdempotencyKey),
    audit: await manager.count(AuditEntry),
  };
}

const sorted = <T>(values: T[]) => [...values].sort();
const ids = (rows: { id: string }[]) => rows.map((row) => row.id);

function invite(training: Training, ...teams: FakeTeam[]) {
  return subgraph.db.manager.save(teams.map((team) => subgraph.db.manager.create(TrainingInvitation, { trainingId: training.id, teamId: team.id })));
}

describe('logTrainings', () => {
  it('writes a batch of trainings with their invitations, attendance and audit entries, in the order sent', async () => {
    const before = await rowCounts();
    const upcoming = inPerson({
      title: 'An toàn trên mạng cho người cao tuổi',
      skill: 'ONLINE_SAFETY',
      heldOn: inAFortnight,
      unitCode: tree.village.unitCode,
      invitedTeamIds: [tree.villageTeam.id],
      attendeeIds: [],
    });
    const batch = [inPerson(), online(), upcoming];
    const result = ok(await logTrainings(batch)).logTrainings;

    expect(result).toMatchObject({ created: 3, replayed: 0 });
    expect(result.rows.map((row: { title: string }) => row.title)).toEqual(batch.map((row) => row.title));
    const [skillBased, platformBased, future] = result.rows;
    expect(skillBased).toMatchObject({
      skill: 'ONLINE_PAYMENT',
      platform: null,
      format: 'IN_PERSON',
      heldOn: '2025-10-01',
      place: 'Hội trường UBND xã',
      link: null,
      partner: { id: a.partner.id },
      unitCode: tree.commune.unitCode,
      unit: { code: tree.commune.unitCode },
      invitedTeams: sorted([tree.communeTeam.id, tree.villageTeam.id]).map((id) => ({ id })),
      attendeeCount: 2,
    });
    expect(sorted(skillBased.attendance.map((row: { member: { id: string }; team: { id: string } }) => `${row.member.id}@${row.team.id}`))).toEqual(
      sorted([`${tree.communeTeam.memberIds[0]}@${tree.communeTeam.id}`, `${tree.villageTeam.memberIds[1]}@${tree.villageTeam.id}`]),
    );
    expect(platformBased).toMatchObject({
      skill: null,
      platform: { id: a.wallet.id },
      format: 'ONLINE',
      place: null,
      link: 'https://meet.example.vn/vi-dien-tu',
      unit: { code: tree.province.unitCode },
      invitedTeams: [{ id: tree.otherCommuneTeam.id }],
      attendeeCount: 3,
    });
    expect(future).toMatchObject({ heldOn: inAFortnight, unit: { code: tree.village.unitCode }, attendeeCount: 0, attendance: [] });

    const { manager } = subgraph.db;
    const saved = await manager.findBy(Training, { id: In(ids(result.rows)) });
    expect(saved).toHaveLength(3);
    const savedSkillBased = saved.find((training) => training.id === skillBased.id)!;
    expect(savedSkillBased).toMatchObject({ partnerId: a.partner.id, platformId: null, unitCode: tree.commune.unitCode, unitPath: tree.commune.unitPath });
    expect(saved.find((training) => training.id === platformBased.id)).toMatchObject({ platformId: a.wallet.id, skill: null, unitPath: tree.province.unitPath });

    const invitations = await manager.findBy(TrainingInvitation, { trainingId: In(ids(result.rows)) });
    expect(sorted(invitations.map((row) => `${row.trainingId}/${row.teamId}`))).toEqual(
      sorted([
        `${skillBased.id}/${tree.communeTeam.id}`,
        `${skillBased.id}/${tree.villageTeam.id}`,
        `${platformBased.id}/${tree.otherCommuneTeam.id}`,
        `${future.id}/${tree.villageTeam.id}`,
      ]),
    );
    const attendance = await manager.findBy(Attendance, { trainingId: skillBased.id });
    expect(attendance.map(({ memberId, teamId, teamUnitPath }) => ({ memberId, teamId, teamUnitPath })).sort((x, y) => x.memberId.localeCompare(y.memberId))).toEqual(
      [
        { memberId: tree.communeTeam.memberIds[0], teamId: tree.communeTeam.id, teamUnitPath: tree.commune.unitPath },
        { memberId: tree.villageTeam.memberIds[1], teamId: tree.villageTeam.id, teamUnitPath: tree.village.unitPath },
      ].sort((x, y) => x.memberId.localeCompare(y.memberId)),
    );
    expect(await manager.countBy(Attendance, { trainingId: platformBased.id, teamUnitPath: tree.otherCommune.unitPath })).toBe(3);

    const entries = await manager.findBy(AuditEntry, { entityId: In(ids(result.rows)) });
    expect(sorted(entries.map((entry) => entry.entityId))).toEqual(sorted(ids(result.rows)));
    for (const entry of entries) {
      expect(entry).toMatchObject({ action: 'logTrainings', actor: 'partner-staff', entityType: 'Training' });
    }
    expect(entries.find((entry) => entry.entityId === skillBased.id)?.unitPath).toBe(tree.commune.unitPath);

    expect(await rowCounts()).toEqual({
      trainings: before.trainings + 3,
      invitations: before.invitations + 4,
      attendance: before.attendance + 5,
      keys: before.keys + 3,
      audit: before.audit + 3,
    });
  });

  const unknownMember = randomUUID();
  const unknownTeam = randomUUID();
  it.each<[string, () => Row[], string, string[]]>([
    ['an unknown attendee', () => [inPerson(), online({ attendeeIds: [unknownMember, tree.otherCommuneTeam.memberIds[0]] })], 'trainings.1.attendeeIds.0', ['trainings.1.attendeeIds.0']],
    ['both a skill and a platform', () => [inPerson({ platformId: a.wallet.id })], 'trainings.0.skill', ['trainings.0.skill']],
    ['neither a skill nor a platform', () => [online({ platformId: null })], 'trainings.0.skill', ['trainings.0.skill']],
    ['a platform of another partner', () => [online({ platformId: b.wallet.id })], 'trainings.0.platformId', ['trainings.0.platformId']],
    ['an in-person training without a place', () => [online(), inPerson({ place: null })], 'trainings.1.place', ['trainings.1.place']],
    ['an online training without a link', () => [online({ link: null })], 'trainings.0.link', ['trainings.0.link']],
    ['an online training with a link that is not https', () => [inPerson(), online({ link: 'http://meet.example.vn/vi' })], 'trainings.1.link', ['trainings.1.link']],
    ['an unknown unit', () => [inPerson({ unitCode: 'NOWHERE', invitedTeamIds: [] })], 'trainings.0.unitCode', ['trainings.0.unitCode']],
    ['an unknown invited team', () => [inPerson({ invitedTeamIds: [tree.communeTeam.id, unknownTeam] })], 'trainings.0.invitedTeamIds.1', ['trainings.0.invitedTeamIds.1']],
    ['an invited team outside the unit’s subtree', () => [inPerson({ invitedTeamIds: [tree.villageTeam.id, tree.otherCommuneTeam.id] })], 'trainings.0.invitedTeamIds.1', ['trainings.0.invitedTeamIds.1']],
    ['a team invited twice', () => [inPerson({ invitedTeamIds: [tree.villageTeam.id, tree.villageTeam.id] })], 'trainings.0.invitedTeamIds.1', ['trainings.0.invitedTeamIds.1']],
    ['a member attending twice', () => [inPerson({ attendeeIds: [tree.villageTeam.memberIds[0], tree.villageTeam.memberIds[0]] })], 'trainings.0.attendeeIds.1', ['trainings.0.attendeeIds.1']],
    ['attendees at a training not yet held', () => [online(), inPerson({ heldOn: inAFortnight })], 'trainings.1.attendeeIds', ['trainings.1.attendeeIds']],
    [
      'an idempotency key used twice in the batch',
      () => {
        const key = newKey();
        return [inPerson({ idempotencyKey: key }), online(), online({ idempotencyKey: key })];
      },
      'trainings.2.idempotencyKey',
      ['trainings.2.idempotencyKey'],
    ],
    ['more than 200 rows', () => Array.from({ length: 201 }, () => online({ attendeeIds: [] })), 'trainings', ['trainings']],
  ])('refuses %s, naming it, and writes nothing', async (_what, rows, field, problems) => {
    const before = await rowCounts();
    const result = await logTrainings(rows());
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(extensionsOf(result)?.field).toBe(field);
    expect(problemFields(result)).toEqual(problems);
    expect(result.data ?? null).toBeNull();
    expect(await rowCounts()).toEqual(before);
  });

  it('names every problem of a batch in row order, led by the first, and writes nothing', async () => {
    const before = await rowCounts();
    // Row 0's unknown member is found after the looked-up-free checks of the later rows; row 10 sorts after row 2.
    const rows = [
      inPerson({ attendeeIds: [unknownMember] }),
      online(),
      inPerson({ place: null, skill: null }),
      ...Array.from({ length: 7 }, () => online({ attendeeIds: [] })),
      online({ link: null, invitedTeamIds: [unknownTeam] }),
    ];
    const result = await logTrainings(rows);
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(extensionsOf(result)?.field).toBe('trainings.0.attendeeIds.0');
    expect(problemFields(result)).toEqual([
      'trainings.0.attendeeIds.0',
      'trainings.2.place',
      'trainings.2.skill',
      'trainings.10.invitedTeamIds.0',
      'trainings.10.link',
    ]);
    expect(result.errors?.[0].message).toMatch(/^Buổi tập huấn thứ 1, Người tham dự thứ 1: .*\(và 4 lỗi khác\)$/);
    expect(await rowCounts()).toEqual(before);
  });

  it('leaves the keys of a refused batch free for the corrected batch', async () => {
    const fixed = inPerson();
    const refused = await logTrainings([{ ...fixed, place: null }]);
    expect(extensionsOf(refused)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'trainings.0.place' });
    expect(await subgraph.db.manager.countBy(IdempotencyKey, { key: fixed.idempotencyKey as string })).toBe(0);
    expect(ok(await logTrainings([fixed])).logTrainings).toMatchObject({ created: 1, replayed: 0 });
  });
});

describe('logTrainings idempotency', () => {
  it('replays a re-sent batch: the same trainings, nothing new written', async () => {
    const batch = [inPerson(), online()];
    const first = ok(await logTrainings(batch)).logTrainings;
    expect(first).toMatchObject({ created: 2, replayed: 0 });
    const before = await rowCounts();

    const again = ok(await logTrainings(batch)).logTrainings;
    expect(again).toMatchObject({ created: 0, replayed: 2 });
    expect(ids(again.rows)).toEqual(ids(first.rows));
    expect(again.rows).toEqual(first.rows);
    expect(await rowCounts()).toEqual(before);
  });

  it('writes only the new rows of a batch mixing old and new ones', async () => {
    const old = inPerson();
    const [written] = ok(await logTrainings([old])).logTrainings.rows;
    const before = await rowCounts();

    const fresh = online();
    const mixed = ok(await logTrainings([fresh, old])).logTrainings;
    expect(mixed).toMatchObject({ created: 1, replayed: 1 });
    expect(mixed.rows[1].id).toBe(written.id);
    expect(mixed.rows[0].id).not.toBe(written.id);
    expect(mixed.rows[0].title).toBe(fresh.title);
    expect(await rowCounts()).toEqual({
      trainings: before.trainings + 1,
      invitations: before.invitations + 1,
      attendance: before.attendance + 3,
      keys: before.keys + 1,
      audit: before.audit + 1,
    });
  });

  it('keeps keys per partner: the same key from another partner is another training', async () => {
    const key = newKey();
    const mine = ok(await logTrainings([inPerson({ idempotencyKey: key })])).logTrainings;
    const theirs = ok(await logTrainings([inPerson({ idempotencyKey: key })], callers.otherPartner, b.partner.id)).logTrainings;
    expect(theirs).toMatchObject({ created: 1, replayed: 0 });
    expect(theirs.rows[0].id).not.toBe(mine.rows[0].id);
    expect(theirs.rows[0].partner).toEqual({ id: b.partner.id });
  });

  it('refuses a key re-used with other input as a CONFLICT naming the row, and writes nothing of the batch', async () => {
    const old = inPerson();
    ok(await logTrainings([old]));
    const before = await rowCounts();

    const fresh = online();
    const result = await logTrainings([fresh, { ...old, title: 'Một buổi tập huấn khác' }]);
    expect(errorCodes(result)).toEqual(['CONFLICT']);
    expect(extensionsOf(result)?.field).toBe('trainings.1');
    expect(result.errors?.[0].message).toMatch(/^Buổi tập huấn thứ 2: .*không dòng nào của lượt này được ghi$/);
    expect(await rowCounts()).toEqual(before);
    expect(await subgraph.db.manager.countBy(IdempotencyKey, { key: fresh.idempotencyKey as string })).toBe(0);
    expect(await subgraph.db.manager.countBy(Training, { title: 'Một buổi tập huấn khác' })).toBe(0);
  });

  it('makes exactly one set of trainings of 5 identical batches sent together', async () => {
    // Row 1's key sorts just before row 0's: on MariaDB the first request then claims its second key in the
    // gap before its first, where the others wait, and InnoDB picks a waiter as a deadlock's victim.
    const key = newKey();
    const batch = [inPerson({ idempotencyKey: `${key}-b` }), online({ idempotencyKey: `${key}-a` })];
    const before = await rowCounts();
    const results = await Promise.all([1, 2, 3, 4, 5].map(() => logTrainings(batch)));
    const answers = results.map((result) => ok(result).logTrainings);

    const idSets = answers.map((answer) => ids(answer.rows).join(','));
    expect(new Set(idSets).size).toBe(1);
    expect(answers[0].rows).toHaveLength(2);
    expect(sorted(answers.map((answer) => `${answer.created}/${answer.replayed}`))).toEqual(['0/2', '0/2', '0/2', '0/2', '2/0']);
    expect(await subgraph.db.manager.countBy(Training, { id: In(ids(answers[0].rows)) })).toBe(2);
    expect(await rowCounts()).toEqual({
      trainings: before.trainings + 2,
      invitations: before.invitations + 3,
      attendance: before.attendance + 5,
      keys: before.keys + 2,
      audit: before.audit + 2,
    });
  });
});

describe('recordAttendance', () => {
  it('records members at a training already held, with their teams, and audits each row', async () => {
    const training = await fakeTraining(subgraph.db, a.partner, tree.commune);
    const before = await rowCounts();
    const rows = [attend(training, tree.villageTeam.memberIds[2]), attend(training, tree.communeTeam.memberIds[1])];
    const result = ok(await recordAttendance(rows)).recordAttendance;

    expect(result).toMatchObject({ created: 2, replayed: 0 });
    expect(result.rows.map((row: { member: { id: string }; team: { id: string } }) => [row.member.id, row.team.id])).toEqual([
      [tree.villageTeam.memberIds[2], tree.villageTeam.id],
      [tree.communeTeam.memberIds[1], tree.communeTeam.id],
    ]);
    expect(result.rows[1].training).toEqual({ id: training.id, attendeeCount: 2 });

    const saved = await subgraph.db.manager.findBy(Attendance, { trainingId: training.id });
    expect(sorted(saved.map((row) => `${row.memberId}/${row.teamId}/${row.teamUnitPath}`))).toEqual(
      sorted([
        `${tree.villageTeam.memberIds[2]}/${tree.villageTeam.id}/${tree.village.unitPath}`,
        `${tree.communeTeam.memberIds[1]}/${tree.communeTeam.id}/${tree.commune.unitPath}`,
      ]),
    );
    const entries = await subgraph.db.manager.findBy(AuditEntry, { entityId: In(ids(result.rows)) });
    expect(entries.map((entry) => [entry.action, entry.entityType, entry.actor])).toEqual([
      ['recordAttendance', 'Attendance', 'partner-staff'],
      ['recordAttendance', 'Attendance', 'partner-staff'],
    ]);
    expect(await rowCounts()).toEqual({ ...before, attendance: before.attendance + 2, keys: before.keys + 2, audit: before.audit + 2 });
  });

  it.each<[string, (training: Training, elsewhere: Training, future: Training) => Row[], string]>([
    ['an unknown member', (training) => [attend(training, tree.communeTeam.memberIds[0]), attend(training, randomUUID())], 'attendances.1.memberId'],
    ['an unknown training', (training) => [attend(training, tree.communeTeam.memberIds[0]), attend({ id: randomUUID() }, tree.communeTeam.memberIds[1])], 'attendances.1.trainingId'],
    ['a training of another partner', (training, elsewhere) => [attend(elsewhere, tree.communeTeam.memberIds[0]), attend(training, tree.communeTeam.memberIds[1])], 'attendances.0.trainingId'],
    ['a training not yet held', (training, _elsewhere, future) => [attend(training, tree.communeTeam.memberIds[0]), attend(future, tree.communeTeam.memberIds[0])], 'attendances.1.trainingId'],
    ['the same member twice at one training', (training) => [attend(training, tree.villageTeam.memberIds[0]), attend(training, tree.villageTeam.memberIds[0])], 'attendances.1.memberId'],
    [
      'an idempotency key used twice',
      (training) => {
        const key = newKey();
        return [attend(training, tree.villageTeam.memberIds[0], key), attend(training, tree.villageTeam.memberIds[1], key)];
      },
      'attendances.1.idempotencyKey',
    ],
  ])('refuses %s, naming the row’s field, and writes nothing', async (_what, rows, field) => {
    const training = await fakeTraining(subgraph.db, a.partner, tree.commune);
    const elsewhere = await fakeTraining(subgraph.db, b.partner, tree.commune);
    const future = await fakeTraining(subgraph.db, a.partner, tree.commune, { heldOn: inAFortnight });
    const before = await rowCounts();
    const result = await recordAttendance(rows(training, elsewhere, future));
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(extensionsOf(result)?.field).toBe(field);
    expect(problemFields(result)).toEqual([field]);
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses a member already recorded by an earlier request as a CONFLICT naming the row, and writes nothing of the batch', async () => {
    const training = await fakeTraining(subgraph.db, a.partner, tree.commune);
    const member = tree.communeTeam.memberIds[2];
    ok(await recordAttendance([attend(training, member)]));
    const before = await rowCounts();

    const fresh = attend(training, tree.communeTeam.memberIds[0]);
    const result = await recordAttendance([fresh, attend(training, member)]);
    expect(errorCodes(result)).toEqual(['CONFLICT']);
    expect(extensionsOf(result)?.field).toBe('attendances.1');
    expect(await rowCounts()).toEqual(before);
    expect(await subgraph.db.manager.countBy(Attendance, { trainingId: training.id })).toBe(1);
    expect(await subgraph.db.manager.countBy(IdempotencyKey, { key: fresh.idempotencyKey as string })).toBe(0);
  });

  it('refuses a member logged with the training as a CONFLICT too', async () => {
    const [logged] = ok(await logTrainings([inPerson()])).logTrainings.rows;
    const before = await rowCounts();
    const result = await recordAttendance([attend(logged, tree.communeTeam.memberIds[0])]);
    expect(extensionsOf(result)).toMatchObject({ code: 'CONFLICT', field: 'attendances.0' });
    expect(await rowCounts()).toEqual(before);
  });

  it('replays a re-sent batch and writes nothing new', async () => {
    const training = await fakeTraining(subgraph.db, a.partner, tree.province);
    const batch = [attend(training, tree.otherCommuneTeam.memberIds[0]), attend(training, tree.villageTeam.memberIds[0])];
    const first = ok(await recordAttendance(batch)).recordAttendance;
    const before = await rowCounts();

    const again = ok(await recordAttendance(batch)).recordAttendance;
    expect(again).toMatchObject({ created: 0, replayed: 2 });
    expect(ids(again.rows)).toEqual(ids(first.rows));
    expect(await rowCounts()).toEqual(before);
  });

  it('lets only the partner (and admins) record, and writes nothing for others', async () => {
    const training = await fakeTraining(subgraph.db, a.partner, tree.commune);
    const before = await rowCounts();
    for (const [as, code] of [
      [callers.otherPartner, 'FORBIDDEN'],
      [callers.officer, 'FORBIDDEN'],
      [callers.villageLeader, 'FORBIDDEN'],
      [null, 'UNAUTHENTICATED'],
    ] as const) {
      expect(errorCodes(await recordAttendance([attend(training, tree.villageTeam.memberIds[0])], as))).toEqual([code]);
    }
    expect(await rowCounts()).toEqual(before);
    expect(ok(await recordAttendance([attend(training, tree.villageTeam.memberIds[0])], callers.admin)).recordAttendance.created).toBe(1);
  });
});

describe('who logs and who sees trainings', () => {
  let communeTraining: Training;
  let otherCommuneTraining: Training;
  beforeAll(async () => {
    communeTraining = await fakeTraining(subgraph.db, a.partner, tree.commune);
    await invite(communeTraining, tree.villageTeam);
    await fakeAttendance(subgraph.db, communeTraining, tree.villageTeam);
    otherCommuneTraining = await fakeTraining(subgraph.db, a.partner, tree.otherCommune);
  });

  const listIds = (result: OperationResult<any>): string[] => ok(result).trainings.nodes.map((node: { id: string }) => node.id);

  it.each([
    ['partner B', 'otherPartner', 'FORBIDDEN'],
    ['an officer', 'officer', 'FORBIDDEN'],
    ['a team leader', 'villageLeader', 'FORBIDDEN'],
    ['an anonymous caller', null, 'UNAUTHENTICATED'],
  ] as const)('refuses %s logging for partner A, and writes nothing', async (_who, caller, code) => {
    const before = await rowCounts();
    const result = await logTrainings([inPerson(), online()], caller && callers[caller]);
    expect(errorCodes(result)).toEqual([code]);
    expect(result.data).toBeNull();
    expect(await rowCounts()).toEqual(before);
  });

  it('lets an admin log for a partner', async () => {
    const result = ok(await logTrainings([online()], callers.admin)).logTrainings;
    expect(result.created).toBe(1);
    expect(result.rows[0].partner).toEqual({ id: a.partner.id });
  });

  it('refuses NOT_FOUND for logging under an unknown partner', async () => {
    const before = await rowCounts();
    expect(errorCodes(await logTrainings([inPerson()], callers.admin, randomUUID()))).toEqual(['NOT_FOUND']);
    expect(await rowCounts()).toEqual(before);
  });

  it('shows partner A its trainings, and an admin, but not partner B nor anonymous callers', async () => {
    for (const as of [callers.partner, callers.admin]) {
      expect(listIds(await subgraph.execute(TRAININGS, { as, variables: { partnerId: a.partner.id, first: 100 } }))).toEqual(
        expect.arrayContaining([communeTraining.id, otherCommuneTraining.id]),
      );
      expect(ok(await subgraph.execute(TRAINING, { as, variables: { id: communeTraining.id } })).training.id).toBe(communeTraining.id);
    }
    for (const [as, code] of [
      [callers.otherPartner, 'FORBIDDEN'],
      [callers.officer, 'FORBIDDEN'],
      [undefined, 'UNAUTHENTICATED'],
    ] as const) {
      const list = await subgraph.execute(TRAININGS, { as, variables: { partnerId: a.partner.id } });
      expect(errorCodes(list)).toEqual([code]);
      expect(list.data).toBeNull();
    }
    for (const [as, code] of [
      [callers.otherPartner, 'FORBIDDEN'],
      [undefined, 'UNAUTHENTICATED'],
    ] as const) {
      const one = await subgraph.execute(TRAINING, { as, variables: { id: communeTraining.id } });
      expect(errorCodes(one)).toEqual([code]);
      expect(one.data?.training ?? null).toBeNull();
    }
  });

  it('shows officers the trainings of their subtree only', async () => {
    const communeList = listIds(await subgraph.execute(TRAININGS, { as: callers.officer, variables: { unitCode: tree.commune.unitCode, first: 100 } }));
    expect(communeList).toContain(communeTraining.id);
    expect(communeList).not.toContain(otherCommuneTraining.id);
    expect(ok(await subgraph.execute(TRAINING, { as: callers.officer, variables: { id: communeTraining.id } })).training).toMatchObject({
      id: communeTraining.id,
      invitedTeams: [{ id: tree.villageTeam.id }],
      attendeeCount: 3,
    });

    const provinceList = listIds(await subgraph.execute(TRAININGS, { as: callers.provinceOfficer, variables: { unitCode: tree.province.unitCode, first: 100 } }));
    expect(provinceList).toEqual(expect.arrayContaining([communeTraining.id, otherCommuneTraining.id]));

    const elsewhere = await subgraph.execute(TRAININGS, { as: callers.officerElsewhere, variables: { unitCode: tree.commune.unitCode } });
    expect(errorCodes(elsewhere)).toEqual(['FORBIDDEN']);
    expect(errorCodes(await subgraph.execute(TRAININGS, { as: callers.officer, variables: { unitCode: tree.province.unitCode } }))).toEqual(['FORBIDDEN']);
    const one = await subgraph.execute(TRAINING, { as: callers.officerElsewhere, variables: { id: communeTraining.id } });
    expect(errorCodes(one)).toEqual(['FORBIDDEN']);
    expect(one.data?.training ?? null).toBeNull();
    expect(ok(await subgraph.execute(TRAINING, { as: callers.officerElsewhere, variables: { id: otherCommuneTraining.id } })).training.id).toBe(
      otherCommuneTraining.id,
    );
  });

  it('narrows partner A’s list to a unit when both are given', async () => {
    const list = listIds(await subgraph.execute(TRAININGS, { as: callers.partner, variables: { partnerId: a.partner.id, unitCode: tree.otherCommune.unitCode, first: 100 } }));
    expect(list).toContain(otherCommuneTraining.id);
    expect(list).not.toContain(communeTraining.id);
  });

  it('shows a training to the leaders of the teams invited, not to other leaders', async () => {
    expect(ok(await subgraph.execute(TRAINING, { as: callers.villageLeader, variables: { id: communeTraining.id } })).training.id).toBe(communeTraining.id);
    const other = await subgraph.execute(TRAINING, { as: callers.otherLeader, variables: { id: communeTraining.id } });
    expect(errorCodes(other)).toEqual(['FORBIDDEN']);
    expect(other.data?.training ?? null).toBeNull();
    expect(errorCodes(await subgraph.execute(TRAINING, { as: callers.villageLeader, variables: { id: otherCommuneTraining.id } }))).toEqual(['FORBIDDEN']);
  });

  it('needs a partnerId or a unitCode', async () => {
    const result = await subgraph.execute(TRAININGS, { as: callers.admin, variables: {} });
    expect(extensionsOf(result)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'partnerId' });
  });

  it('answers NOT_FOUND for an unknown training', async () => {
    expect(errorCodes(await subgraph.execute(TRAINING, { as: callers.admin, variables: { id: randomUUID() } }))).toEqual(['NOT_FOUND']);
  });
});

describe('the trainings list', () => {
  let partner: Partner;
  let byDate: Training[];
  beforeAll(async () => {
    ({ partner } = await fakePartner(subgraph.db));
    const dates = ['2025-04-20', '2025-02-10', '2025-01-05', '2025-03-15', '2025-02-10', '2025-03-31', '2025-02-01'];
    const made = [];
    for (const heldOn of dates) made.push(await fakeTraining(subgraph.db, partner, tree.commune, { heldOn }));
    byDate = made.sort((x, y) => x.heldOn.localeCompare(y.heldOn) || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  });

  it('filters by date, from and to included', async () => {
    const list = ok(await subgraph.execute(TRAININGS, { as: callers.admin, variables: { partnerId: partner.id, from: '2025-02-01', to: '2025-03-31' } }));
    expect(list.trainings.nodes.map((node: { heldOn: string }) => node.heldOn)).toEqual(['2025-02-01', '2025-02-10', '2025-02-10', '2025-03-15', '2025-03-31']);
    expect(list.trainings.totalCount).toBe(5);
    const from = ok(await subgraph.execute(TRAININGS, { as: callers.admin, variables: { partnerId: partner.id, from: '2025-03-16' } }));
    expect(from.trainings.nodes.map((node: { heldOn: string }) => node.heldOn)).toEqual(['2025-03-31', '2025-04-20']);
    const to = ok(await subgraph.execute(TRAININGS, { as: callers.admin, variables: { partnerId: partner.id, to: '2025-02-09' } }));
    expect(to.trainings.nodes.map((node: { heldOn: string }) => node.heldOn)).toEqual(['2025-01-05', '2025-02-01']);
  });

  it('walks every page with first/after, by date then id, each training once', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page: any = ok(await subgraph.execute(TRAININGS, { as: callers.admin, variables: { partnerId: partner.id, first: 2, after } }));
      pages += 1;
      expect(page.trainings.totalCount).toBe(7);
      expect(page.trainings.nodes.length).toBeLessThanOrEqual(2);
      seen.push(...page.trainings.nodes.map((node: { id: string }) => node.id));
      after = page.trainings.pageInfo.hasNextPage ? page.trainings.pageInfo.endCursor : null;
    } while (after && pages < 10);
    expect(pages).toBe(4);
    expect(seen).toEqual(byDate.map((training) => training.id));
  });

  it('refuses a cursor it did not make', async () => {
    const result = await subgraph.execute(TRAININGS, { as: callers.admin, variables: { partnerId: partner.id, after: 'not-a-cursor' } });
    expect(extensionsOf(result)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});

describe('loading a page of trainings', () => {
  const PAGE = `query ($partnerId: ID!) {
    trainings(partnerId: $partnerId, first: 50) {
      nodes { title partner { name } platform { name } unit { code } invitedTeams { id } attendance { member { id } team { id } } attendeeCount }
    }
  }`;

  /** A partner with `count` trainings, alternating skill and platform, each inviting a team with its members attending. */
  async function partnerWithTrainings(count: number): Promise<Partner> {
    const { partner, wallet } = await fakePartner(subgraph.db);
    const teams: [FakeTeam, UnitPlace][] = [
      [tree.communeTeam, tree.commune],
      [tree.villageTeam, tree.village],
      [tree.otherCommuneTeam, tree.otherCommune],
    ];
    for (let index = 0; index < count; index += 1) {
      const [team, unit] = teams[index % teams.length];
      const overrides = index % 2 === 0 ? {} : { skill: null, platformId: wallet.id, format: TrainingFormat.ONLINE, place: null, link: 'https://meet.example.vn/x' };
      const training = await fakeTraining(subgraph.db, partner, unit, overrides);
      await invite(training, team);
      await fakeAttendance(subgraph.db, training, team, team.memberIds.slice(0, 1 + (index % 3)));
    }
    return partner;
  }

  it('costs the same number of queries for 2 trainings as for 8', async () => {
    const few = await partnerWithTrainings(2);
    const many = await partnerWithTrainings(8);
    const load = async (partner: Partner, length: number) => {
      const result = ok(await subgraph.execute(PAGE, { as: callers.admin, variables: { partnerId: partner.id } }));
      expect(result.trainings.nodes).toHaveLength(length);
      for (const node of result.trainings.nodes) {
        expect(node.partner).toEqual({ name: partner.name });
        expect(node.invitedTeams).toHaveLength(1);
        expect(node.attendance).toHaveLength(node.attendeeCount);
        expect(node.attendeeCount).toBeGreaterThan(0);
      }
      expect(result.trainings.nodes.filter((node: { platform: unknown }) => node.platform !== null)).toHaveLength(length / 2);
    };
    const forFew = await subgraph.countQueries(() => load(few, 2));
    const forMany = await subgraph.countQueries(() => load(many, 8));
    expect(forFew).toBeGreaterThan(0);
    expect(forMany).toBe(forFew);
  });
});
