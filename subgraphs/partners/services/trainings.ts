import { audit } from '../../common/audit';
import { checkDistinctKeys, RowProblems, writeBatch, type BatchOutcome } from '../../common/batch';
import type { Context } from '../../common/context';
import { conflict } from '../../common/errors';
import { todayInVietnam } from '../../common/dates';
import type { MemberPlace, UnitPlace } from '../../common/unit-directory';
import { repeatedAt } from '../../common/validation';
import { Attendance, Training, TrainingFormat, TrainingInvitation } from '../entities';
import { platformsOfPartner, trainingById } from '../loaders';
import { recordTrainingLogged } from '../domain-events';
import { restrictedMembersAmong } from '../member-restrictions';
import type { AttendanceInput, LogTrainingsInput, TrainingInput } from '../resolvers/inputs';
import { t } from '../../common/messages';

/** Flags ids listed twice in one row. */
function checkDistinct(field: string, ids: string[], problems: RowProblems): void {
  for (const index of repeatedAt(ids)) problems.add(`${field}.${index}`, t('problems.valueTwice', { value: ids[index] }));
}

interface CheckedTraining {
  unit: UnitPlace;
  invited: { teamId: string }[];
  attendees: MemberPlace[];
}

/** Checks every row, asking the teams subgraph about all units, teams and members at once. */
async function checkTrainings(ctx: Context, { partnerId, trainings }: LogTrainingsInput): Promise<CheckedTraining[]> {
  const problems = new RowProblems();
  checkDistinctKeys('trainings', trainings, problems);
  const platforms = await ctx.loaders.get(platformsOfPartner).load(partnerId);
  const today = todayInVietnam();

  const checked = await Promise.all(
    trainings.map(async (row: TrainingInput, index) => {
      const at = (field: string) => `trainings.${index}.${field}`;
      if (Boolean(row.skill) === Boolean(row.platformId)) problems.add(at('skill'), t('problems.skillOrPlatform'));
      if (row.platformId && !platforms.some((platform) => platform.id === row.platformId)) {
        problems.add(at('platformId'), t('problems.notAPlatform', { platformId: row.platformId }));
      }
      if (row.format === TrainingFormat.IN_PERSON && !row.place) problems.add(at('place'), t('problems.placeForInPerson'));
      if (row.format === TrainingFormat.ONLINE && !row.link) problems.add(at('link'), t('problems.linkForOnline'));
      if (row.attendeeIds.length > 0 && row.heldOn > today) {
        problems.add(at('attendeeIds'), t('problems.attendeesAfterHeld'));
      }
      checkDistinct(at('invitedTeamIds'), row.invitedTeamIds, problems);
      checkDistinct(at('attendeeIds'), row.attendeeIds, problems);

      const [unit, teams, attendees] = await Promise.all([
        problems.lookup(at('unitCode'), () => ctx.units.unit(row.unitCode)),
        Promise.all(row.invitedTeamIds.map((id, j) => problems.lookup(`${at('invitedTeamIds')}.${j}`, () => ctx.units.team(id)))),
        Promise.all(row.attendeeIds.map((id, j) => problems.lookup(`${at('attendeeIds')}.${j}`, () => ctx.units.member(id)))),
      ]);
      teams.forEach((team, j) => {
        if (unit && team && !team.unitPath.startsWith(unit.unitPath)) {
          problems.add(`${at('invitedTeamIds')}.${j}`, t('problems.teamNotUnderUnitCode', { value: row.invitedTeamIds[j], unitCode: row.unitCode }));
        }
      });
      return {
        unit: unit!,
        invited: row.invitedTeamIds.map((teamId) => ({ teamId })),
        attendees: attendees.filter((attendee): attendee is MemberPlace => attendee !== undefined),
      };
    }),
  );
  await refuseRestricted(ctx, trainings.flatMap((row, index) => row.attendeeIds.map((memberId, j) => ({ memberId, field: `trainings.${index}.attendeeIds.${j}` }))), problems);
  problems.check();
  return checked;
}

/** A member whose processing is restricted is recorded at no training (member-restrictions.ts): one query for the batch. */
async function refuseRestricted(ctx: Context, attendees: { memberId: string; field: string }[], problems: RowProblems): Promise<void> {
  const restricted = await restrictedMembersAmong(ctx.db.manager, attendees.map(({ memberId }) => memberId));
  for (const { memberId, field } of attendees) if (restricted.has(memberId)) problems.add(field, t('problems.attendeeRestricted'));
}

/** Logs a partner's trainings with their invited teams and attendance: all rows or none. */
export async function logTrainings(ctx: Context, input: LogTrainingsInput): Promise<BatchOutcome<Training>> {
  const checked = await checkTrainings(ctx, input);
  return writeBatch(ctx.db, {
    field: 'trainings',
    scope: `logTrainings:${input.partnerId}`,
    rows: input.trainings,
    async write(manager, row, index) {
      const { unit, invited, attendees } = checked[index];
      const training = await manager.save(
        manager.create(Training, {
          partnerId: input.partnerId,
          title: row.title,
          skill: row.skill ?? null,
          platformId: row.platformId ?? null,
          format: row.format,
          heldOn: row.heldOn,
          place: row.place ?? null,
          link: row.link ?? null,
          trainer: row.trainer,
          unitCode: unit.unitCode,
          unitPath: unit.unitPath,
        }),
      );
      await manager.save(invited.map(({ teamId }) => manager.create(TrainingInvitation, { trainingId: training.id, teamId })));
      await manager.save(
        attendees.map((member) =>
          manager.create(Attendance, { trainingId: training.id, memberId: member.memberId, teamId: member.teamId, teamUnitPath: member.unitPath }),
        ),
      );
      await audit(manager, ctx.viewer, { action: 'logTrainings', entity: training, unitPath: unit.unitPath, after: { ...training, invited, attendees } });
      await recordTrainingLogged(manager, training, invited.map(({ teamId }) => teamId), attendees.length);
      return training;
    },
    replay: (manager, id) => manager.findOneByOrFail(Training, { id }),
  });
}

/** Adds attendance to trainings already logged (members who came, recorded later): all rows or none. */
export async function recordAttendance(
  ctx: Context,
  partnerId: string,
  rows: AttendanceInput[],
): Promise<BatchOutcome<Attendance>> {
  const problems = new RowProblems();
  checkDistinctKeys('attendances', rows, problems);
  const today = todayInVietnam();
  for (const index of repeatedAt(rows.map((row) => `${row.trainingId}/${row.memberId}`))) {
    problems.add(`attendances.${index}.memberId`, t('problems.recordedEarlierRow'));
  }
  const members = await Promise.all(
    rows.map(async (row, index) => {
      const [training, member] = await Promise.all([
        ctx.loaders.get(trainingById).load(row.trainingId),
        problems.lookup(`attendances.${index}.memberId`, () => ctx.units.member(row.memberId)),
      ]);
      if (!training || training.partnerId !== partnerId) {
        problems.add(`attendances.${index}.trainingId`, t('problems.notAPartnerTraining', { trainingId: row.trainingId }));
      } else if (training.heldOn > today) {
        problems.add(`attendances.${index}.trainingId`, t('problems.notHeldUntil', { trainingHeldOn: training.heldOn }));
      }
      return member!;
    }),
  );
  await refuseRestricted(ctx, rows.map((row, index) => ({ memberId: row.memberId, field: `attendances.${index}.memberId` })), problems);
  problems.check();

  return writeBatch(ctx.db, {
    field: 'attendances',
    scope: `recordAttendance:${partnerId}`,
    rows,
    async write(manager, row, index) {
      const member = members[index];
      if (await manager.existsBy(Attendance, { trainingId: row.trainingId, memberId: row.memberId })) {
        throw conflict(t('conflicts.alreadyAtTraining', { memberId: row.memberId, trainingId: row.trainingId }));
      }
      const attendance = await manager.save(
        manager.create(Attendance, { trainingId: row.trainingId, memberId: member.memberId, teamId: member.teamId, teamUnitPath: member.unitPath }),
      );
      await audit(manager, ctx.viewer, { action: 'recordAttendance', entity: attendance, unitPath: member.unitPath, after: attendance });
      return attendance;
    },
    replay: (manager, id) => manager.findOneByOrFail(Attendance, { id }),
  });
}
