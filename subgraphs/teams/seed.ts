import { Not } from 'typeorm';
import { NATION_CODE } from '../common/auth';
import type { Database } from '../common/database';
import { demoId } from '../common/demo';
import { Affiliation, AdministrativeUnit, MemberRole, MembershipRequest, MembershipRequestKind, provinceOf, ReminderPreference, Team, TeamStatus, UnitLevel } from './entities';
import { ChannelKind } from '../common/reminders/channels';
import { recountTeam } from './services/team-counts';
import { enrol, type Candidate } from './services/roster';
import { logger } from '../common/logging';

/**
 * Demo data in the two-tier model (since 2025: province > commune > village): one province,
 * two communes, their villages, a team in each with members. Invented people and phone numbers.
 */

interface DemoUnit {
  code: string;
  name: string;
  level: UnitLevel;
  children?: DemoUnit[];
}

const TREE: DemoUnit = {
  code: '40',
  name: 'Tỉnh Nghệ An',
  level: UnitLevel.PROVINCE,
  children: [
    {
      code: '17227',
      name: 'Xã Tam Quang',
      level: UnitLevel.COMMUNE,
      children: [
        { code: '17227.01', name: 'Bản Xốp Cháo', level: UnitLevel.VILLAGE },
        { code: '17227.02', name: 'Bản Tân Hương', level: UnitLevel.VILLAGE },
        { code: '17227.03', name: 'Bản Khe Chóng', level: UnitLevel.VILLAGE },
      ],
    },
    {
      code: '17230',
      name: 'Xã Tam Thái',
      level: UnitLevel.COMMUNE,
      children: [
        { code: '17230.01', name: 'Bản Cám', level: UnitLevel.VILLAGE },
        { code: '17230.02', name: 'Bản Phòng', level: UnitLevel.VILLAGE },
      ],
    },
  ],
};

const FAMILY = ['Nguyễn', 'Lê', 'Lương', 'Vi', 'Lô', 'Moong', 'Trần', 'Hoàng'];
const MIDDLE = ['Văn', 'Thị', 'Đức', 'Thị Thu', 'Minh', 'Thanh'];
const GIVEN = ['Hùng', 'Lan', 'Tuấn', 'Hương', 'Dũng', 'Mai', 'Phong', 'Hoa', 'Sơn', 'Thảo', 'Bình', 'Nga'];

const COMMUNE_ROSTER: [MemberRole, Affiliation][] = [
  [MemberRole.LEADER, Affiliation.YOUTH_UNION],
  [MemberRole.DEPUTY, Affiliation.CIVIL_SERVANT],
  [MemberRole.STANDING_MEMBER, Affiliation.POLICE],
  [MemberRole.MEMBER, Affiliation.TEACHER],
  [MemberRole.MEMBER, Affiliation.HEALTH_WORKER],
  [MemberRole.MEMBER, Affiliation.ENTERPRISE_STAFF],
];
const VILLAGE_ROSTER: [MemberRole, Affiliation][] = [
  [MemberRole.LEADER, Affiliation.VILLAGE_HEAD],
  [MemberRole.DEPUTY, Affiliation.YOUTH_UNION],
  [MemberRole.MEMBER, Affiliation.RESIDENT],
  [MemberRole.MEMBER, Affiliation.STUDENT],
  [MemberRole.COLLABORATOR, Affiliation.RESIDENT],
];

function flatten(unit: DemoUnit, parent?: AdministrativeUnit): AdministrativeUnit[] {
  const path = `${parent?.path ?? '/'}${unit.code}/`;
  const row = Object.assign(new AdministrativeUnit(), {
    code: unit.code,
    name: unit.name,
    level: unit.level,
    parentCode: parent?.code ?? NATION_CODE,
    path,
    memberLimit: null,
  });
  return [row, ...(unit.children ?? []).flatMap((child) => flatten(child, row))];
}

export async function seedDemoData(db: Database): Promise<void> {
  // The nation (VN) is there from the migrations: the demo's province goes under it.
  if ((await db.manager.countBy(AdministrativeUnit, { level: Not(UnitLevel.NATION) })) > 0) return;
  let serial = 0;
  const person = (unit: AdministrativeUnit) => {
    serial += 1;
    return {
      fullName: `${FAMILY[serial % FAMILY.length]} ${MIDDLE[serial % MIDDLE.length]} ${GIVEN[serial % GIVEN.length]}`,
      phone: `09${String(12_000_000 + serial * 7_919).padStart(8, '0')}`,
      address: `${unit.name}, Tỉnh Nghệ An`,
    };
  };

  await db.transaction(async (manager) => {
    const units = await manager.save(flatten(TREE));
    let communeLeaderPersonId: string | undefined;
    for (const unit of units.filter((candidate) => candidate.level !== UnitLevel.PROVINCE)) {
      const commune = unit.level === UnitLevel.COMMUNE;
      const team = await manager.save(
        manager.create(Team, {
          id: demoId(`team:${unit.code}`),
          unitCode: unit.code,
          provinceCode: provinceOf(unit.path),
          name: `Tổ công nghệ số cộng đồng ${unit.name.replace(/^(Xã|Bản) /, commune ? 'xã ' : 'bản ')}`,
          decisionNumber: `${commune ? 112 : 245}/QĐ-UBND`,
          decisionDate: commune ? '2025-07-15' : '2025-08-01',
          status: TeamStatus.ACTIVE,
        }),
      );
      await recountTeam(db, manager, null, team);
      const roster: Candidate[] = (commune ? COMMUNE_ROSTER : VILLAGE_ROSTER).map(([role, affiliation], index) => ({
        // Other subgraphs' seeds refer to members by these ids (e.g. partners' training attendance).
        memberId: demoId(`member:${unit.code}:${index}`),
        person: person(unit),
        role,
        affiliation,
        standingDeputy: role === MemberRole.DEPUTY,
      }));
      // A commune team member may also sit in a village team (seed 000): the commune leader joins the first village.
      if (unit.level === UnitLevel.VILLAGE && communeLeaderPersonId) {
        roster.push({ personId: communeLeaderPersonId, role: MemberRole.MEMBER, affiliation: Affiliation.YOUTH_UNION });
        communeLeaderPersonId = undefined;
      }
      const [leader] = await enrol(manager, team, roster, team.decisionDate!);
      if (commune) communeLeaderPersonId = leader.personId;
    }
    // A resident's request to join, waiting for the leader for 10 days (a reminder is due): the demo status
    // page finds it with 0987654321 and TANHUNG2 (a published code: demo data only).
    await manager.save(
      manager.create(MembershipRequest, {
        id: demoId('membership-request:17227.02:join'),
        kind: MembershipRequestKind.JOIN,
        teamId: demoId('team:17227.02'),
        applicantName: 'Vi Thị Hoa',
        applicantPhone: '0987654321',
        applicantAddress: 'Bản Tân Hương, xã Tam Quang',
        affiliation: Affiliation.STUDENT,
        requestedRole: MemberRole.MEMBER,
        reason: 'Em muốn giúp bà con trong bản dùng VNeID và thanh toán không tiền mặt',
        referenceCode: 'TANHUNG2',
        createdAt: new Date(Date.now() - 10 * 86_400_000),
      }),
    );
    // Reminders (README, reminders): the development sign-in's people (gateway/demo-users.ts, their subjects) want them, so `npm start` logs what is
    // due to them (nothing is sent until SMTP_URL or ZALO_* are set). Demo addresses only.
    const communePath = units.find((unit) => unit.code === '17227')!.path;
    await manager.save([
      manager.create(ReminderPreference, { personKey: 'dev-officer', unitPaths: ` ${communePath} `, channel: ChannelKind.EMAIL, address: 'canbo.tamquang@example.vn', optedOut: false }),
      manager.create(ReminderPreference, { personKey: 'dev-province-officer', unitPaths: ` ${units[0].path} `, channel: ChannelKind.EMAIL, address: 'tinhdoan.nghean@example.vn', optedOut: false }),
      // The nation's path, `/`, as setMyReminderPreference records it for an officer over VN.
      manager.create(ReminderPreference, { personKey: 'dev-national-officer', unitPaths: ' / ', channel: ChannelKind.EMAIL, address: 'trunguongdoan@example.vn', optedOut: false }),
      manager.create(ReminderPreference, { personKey: 'dev-leader', teamId: demoId('team:17227.02'), channel: ChannelKind.ZALO, address: '0912000002', optedOut: false }),
    ]);
  });
  logger.info('Seeded demo data: Tỉnh Nghệ An, Xã Tam Quang, Xã Tam Thái and their villages');
}
