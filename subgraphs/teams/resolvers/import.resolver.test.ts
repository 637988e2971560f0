import { IsNull } from 'typeorm';
import { toTCVN3 } from 'vietnamese-conversion';
import { AuditEntry } from '../../common/audit';
import { phoneHash } from '../../common/personal-data';
import { Role } from '../../common/auth';
import { unicodeToVni } from '../../common/vni';
import { SheetFormat } from '../../common/spreadsheets';
import { codeLikeHeadings } from '../../common/testing/papers';
import { createTestSubgraph, errorCodes, type TestSubgraph } from '../../common/testing/subgraph';
import { teams } from '..';
import { AdministrativeUnit, ImportJob, Member, MemberRole, Person, PersonConsent, Team } from '../entities';
import { fakeTwoTierTree, fakeUnit } from '../testing/factories';
import { checkFile, confirmFile, importFile, rosterCsv, rosterXlsx, type RosterLine } from '../testing/roster-files';

let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await createTestSubgraph(teams);
});
afterAll(() => subgraph.close());

const officerOver = (unit: AdministrativeUnit) => ({ sub: 'officer', roles: [Role.OFFICER], units: [unit.code] });

async function stored() {
  const { manager } = subgraph.db;
  return { teams: await manager.count(Team), members: await manager.count(Member), people: await manager.count(Person), consents: await manager.count(PersonConsent) };
}

async function rosterOf(team: Team) {
  const members = await subgraph.db.manager.findBy(Member, { teamId: team.id, leftOn: IsNull() });
  const people = await subgraph.db.manager.findByIds(Person, members.map((member) => member.personId));
  const nameOf = new Map(people.map((person) => [person.id, person.fullName]));
  return Object.fromEntries(members.map((member) => [nameOf.get(member.personId)!, member.standingDeputy ? 'STANDING_DEPUTY' : member.role]));
}

const teamAt = (unit: AdministrativeUnit) => subgraph.db.manager.findOneByOrFail(Team, { unitCode: unit.code });

/** A commune's roster: its own team (Thôn/Bản blank) and one team in each of its two villages. */
let rosters = 0;

/** A commune's roster: phones of its own (a phone is a person, whichever commune lists them). */
function communeRoster(village: string, otherVillage: string): RosterLine[] {
  rosters += 1;
  const phone = (n: number) => `09${String(rosters).padStart(2, '0')}345${String(n).padStart(3, '0')}`;
  const decision = { decisionNumber: '125/QĐ-UBND', decisionDate: 45853 }; // an Excel serial: 15/07/2025
  return [
    { ...decision, fullName: 'Lò Văn Hùng', birthYear: 1992, role: 'Tổ trưởng', affiliation: 'Bí thư Đoàn xã', phone: `+84 ${phone(1).slice(1, 4)} ${phone(1).slice(4)}`, joinedOn: '15/07/2025' },
    { ...decision, fullName: 'Quàng Thị Mai', birthYear: '1995', role: 'Tổ phó thường trực', affiliation: 'Công an viên', phone: `${phone(2).slice(0, 4)}.${phone(2).slice(4)}` },
    { ...decision, fullName: 'Vì Văn Tâm', role: 'Thành viên', affiliation: 'Giáo viên trường THCS', phone: Number(phone(3)) },
    { village, decisionNumber: '126/QĐ-UBND', decisionDate: '01/08/2025', fullName: 'Cầm Văn Sáng', role: 'Tổ trưởng', affiliation: 'Trưởng bản', phone: phone(4) },
    // The commune team's leader sits in the village team too: one person, two memberships.
    { village, fullName: 'Lò Văn Hùng', role: 'Thành viên', affiliation: 'Đoàn Thanh niên', phone: phone(1) },
    { village, fullName: 'Lường Thị Hoa', role: 'Tổ phó', affiliation: 'Nhân viên y tế', phone: phone(5) },
    { village: otherVillage, decisionNumber: '127/QĐ-UBND', decisionDate: '01/08/2025', fullName: 'Điêu Văn Pọm', role: 'Tổ trưởng', affiliation: 'Trưởng bản', phone: phone(6) },
    { village: otherVillage, fullName: 'Hà Thị Lan', role: 'Thành viên', affiliation: 'Người dân', phone: phone(7) },
  ];
}

describe('a dry run', () => {
  it('names every bad row and writes nothing, and the file cannot be confirmed', async () => {
    const { commune, village } = await fakeTwoTierTree(subgraph.db);
    const before = await stored();
    const content = await rosterXlsx([
      { fullName: 'Lò Văn Một', role: 'Tổ trưởng', phone: '0913000001' },
      { fullName: 'Lò Văn Hai', role: 'Trưởng nhóm', phone: '0913000002' }, // row 5: an unknown role
      { fullName: 'Lò Văn Ba', phone: '12345' }, // row 6: not a phone
      { village: 'Bản Không Có', fullName: 'Lò Văn Bốn', role: 'Tổ trưởng' }, // row 7: no such village
      { fullName: 'Lò Văn Năm', phone: '0913000001' }, // row 8: Một's phone
      { village: village.name, fullName: 'Lò Văn Sáu', role: 'Thành viên', joinedOn: '31/02/2025' }, // row 9: no such date; the team has no leader
      { role: 'Thành viên', phone: '0913000009' }, // row 10: no name
    ]);
    const job = await checkFile(subgraph, officerOver(commune), commune.code, content);
    expect(job.status).toBe('REFUSED');
    const problems = job.issues.filter((issue) => issue.kind === 'PROBLEM').map(({ row, field, code }) => [row, field, code]);
    expect(problems).toEqual(
      expect.arrayContaining([
        [5, 'Chức vụ trong tổ', 'ROLE_UNKNOWN'],
        [6, 'Số điện thoại', 'PHONE_INVALID'],
        [7, 'Thôn/Bản', 'VILLAGE_UNKNOWN'],
        [8, 'Số điện thoại', 'PHONE_OF_ANOTHER'],
        [9, 'Ngày tham gia', 'DATE_INVALID'],
        [10, 'Họ và tên', 'NAME_MISSING'],
      ]),
    );
    expect(job.problems).toBe(problems.length);
    expect(job.issues.every((issue) => /[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđ]/.test(issue.message))).toBe(true); // in Vietnamese
    expect(await stored()).toEqual(before);

    const confirmed = await confirmFile(subgraph, officerOver(commune), job, content);
    expect(errorCodes(confirmed.result)).toEqual(['CONFLICT']);
    expect(await stored()).toEqual(before);
  });

  it('reports what applying would decide, and still writes nothing', async () => {
    const { commune, village, otherVillage } = await fakeTwoTierTree(subgraph.db);
    await subgraph.db.manager.update(AdministrativeUnit, { code: commune.code }, { memberLimit: 2 });
    const before = await stored();
    const lines = communeRoster(village.name, otherVillage.name);
    lines.push({ fullName: 'Tòng Văn Thêm', role: 'Tổ trưởng', phone: '0999345008' }); // row 12: a second leader of the commune team
    const job = await checkFile(subgraph, officerOver(commune), commune.code, await rosterXlsx(lines));
    expect(job).toMatchObject({ status: 'CHECKED', rows: 9, teams: 3, communes: 1, communesDone: 1, problems: 0, teamsCreated: 3, membersJoined: 9 });
    const warnings = job.issues.filter((issue) => issue.kind === 'WARNING').map(({ row, code }) => `${row} ${code}`);
    // The limit of 2 (the leader counts): Tâm (row 6), Hoa (row 9) and the demoted second leader (row 12) join as collaborators.
    expect(warnings.sort()).toEqual(['12 MEMBER_LIMIT', '12 SECOND_LEADER', '6 MEMBER_LIMIT', '9 MEMBER_LIMIT']);
    expect(await stored()).toEqual(before);
  });

  it('starts one job for an upload sent twice with the same idempotency key', async () => {
    const { commune } = await fakeTwoTierTree(subgraph.db);
    const upload = async (content: string) => {
      const result = await subgraph.execute<{ checkRosterImport: { id: string } }>('mutation ($input: RosterImportInput!) { checkRosterImport(input: $input) { id } }', {
        as: officerOver(commune),
        variables: { input: { unitCode: commune.code, format: 'CSV', content, consent: { basis: 'CONSENT', noticeVersion: '1', channel: 'ZALO' }, idempotencyKey: `upload-${commune.code}` } },
      });
      return result;
    };
    const content = rosterCsv([{ fullName: 'Lò Văn Một', role: 'Tổ trưởng', phone: '0917000001' }]);
    const first = await upload(content);
    const again = await upload(content);
    expect(again.data!.checkRosterImport.id).toBe(first.data!.checkRosterImport.id);
    expect(await subgraph.db.manager.countBy(ImportJob, { unitCode: commune.code })).toBe(1);
    // The same key with another file is refused.
    expect(errorCodes(await upload(rosterCsv([{ fullName: 'Lò Văn Hai', role: 'Tổ trưởng' }])))).toEqual(['CONFLICT']);
  });

  it('refuses an officer of another commune', async () => {
    const { commune, otherCommune } = await fakeTwoTierTree(subgraph.db);
    const result = await subgraph.execute('mutation ($input: RosterImportInput!) { checkRosterImport(input: $input) { id } }', {
      as: officerOver(otherCommune),
      variables: { input: { unitCode: commune.code, format: 'CSV', content: rosterCsv([]), consent: { basis: 'CONSENT', noticeVersion: '1', channel: 'ZALO' } } },
    });
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
  });
});

describe('applying a roster', () => {
  it('writes a commune’s teams and members by the API’s rules, a ;-separated CSV with a byte-order mark', async () => {
    const { commune, village, otherVillage } = await fakeTwoTierTree(subgraph.db);
    const before = await stored();
    const content = rosterCsv(communeRoster(village.name, otherVillage.name).map((line) => ({ ...line, decisionDate: line.decisionDate === 45853 ? '15/07/2025' : line.decisionDate })));
    const { applied } = await importFile(subgraph, officerOver(commune), commune.code, content, SheetFormat.CSV);
    expect(applied).toMatchObject({ status: 'DONE', communesDone: 1, teamsCreated: 3, membersJoined: 8, membersLeft: 0 });

    const communeTeam = await teamAt(commune);
    expect(communeTeam).toMatchObject({ decisionNumber: '125/QĐ-UBND', decisionDate: '2025-07-15', name: `Tổ công nghệ số cộng đồng ${commune.name}` });
    expect(await rosterOf(communeTeam)).toEqual({ 'Lò Văn Hùng': 'LEADER', 'Quàng Thị Mai': 'STANDING_DEPUTY', 'Vì Văn Tâm': 'MEMBER' });
    expect(await rosterOf(await teamAt(village))).toEqual({ 'Cầm Văn Sáng': 'LEADER', 'Lò Văn Hùng': 'MEMBER', 'Lường Thị Hoa': 'DEPUTY' });
    const added = await stored();
    expect(added).toEqual({ teams: before.teams + 3, members: before.members + 8, people: before.people + 7, consents: before.consents + 7 });
    const hung = await subgraph.db.manager.findOneByOrFail(Person, { fullName: 'Lò Văn Hùng', phoneHash: phoneHash(`09${String(rosters).padStart(2, '0')}345001`)! });
    expect(hung).toMatchObject({ fullName: 'Lò Văn Hùng', birthYear: 1992 });
    expect(await subgraph.db.manager.findOneByOrFail(Member, { personId: hung.id, teamId: communeTeam.id })).toMatchObject({ joinedOn: '2025-07-15' });

    // The trail says what changed, by counts: no names or phones.
    const trail = await subgraph.db.manager.findBy(AuditEntry, { action: 'confirmRosterImport' });
    expect(trail.length).toBeGreaterThan(0);
    expect(trail.map((entry) => `${entry.before} ${entry.after}`).join('\n')).not.toMatch(/345001|Hùng|Quàng/);

    // The same file again changes nothing.
    const again = await importFile(subgraph, officerOver(commune), commune.code, content, SheetFormat.CSV);
    expect(again.checked).toMatchObject({ status: 'CHECKED', teamsCreated: 0, membersJoined: 0, membersChanged: 0, membersLeft: 0, warnings: 0 });
    expect(again.applied).toMatchObject({ status: 'DONE', teamsCreated: 0, membersJoined: 0, membersChanged: 0, membersLeft: 0 });
    expect(await stored()).toEqual(added);
  });

  it('moves a member and changes a leader with a second file', async () => {
    const { commune, village, otherVillage } = await fakeTwoTierTree(subgraph.db);
    const lines = communeRoster(village.name, otherVillage.name);
    await importFile(subgraph, officerOver(commune), commune.code, await rosterXlsx(lines));
    // Hoa moves from the first village's team to the second's; Sáng hands the first village's team to Hùng.
    const second = lines
      .filter((line) => line.fullName !== 'Lường Thị Hoa')
      .map((line) => (line.village === village.name && line.fullName === 'Lò Văn Hùng' ? { ...line, role: 'Tổ trưởng' } : line))
      .map((line) => (line.fullName === 'Cầm Văn Sáng' ? { ...line, role: 'Thành viên' } : line));
    const hoaPhone = String(lines.find((line) => line.fullName === 'Lường Thị Hoa')!.phone);
    second.push({ village: otherVillage.name, fullName: 'Lường Thị Hoa', role: 'Tổ phó', affiliation: 'Nhân viên y tế', phone: `${hoaPhone.slice(0, 4)} ${hoaPhone.slice(4)}` });
    const content = await rosterXlsx(second);
    const checked = await checkFile(subgraph, officerOver(commune), commune.code, content);
    expect(checked.issues.filter((issue) => issue.kind === 'WARNING').map(({ code }) => code)).toEqual(['MOVED']);
    const { job } = await confirmFile(subgraph, officerOver(commune), checked, content, 'second-file');
    expect(job).toMatchObject({ status: 'DONE', membersJoined: 1, membersChanged: 2, membersLeft: 1 });

    expect(await rosterOf(await teamAt(village))).toEqual({ 'Cầm Văn Sáng': 'MEMBER', 'Lò Văn Hùng': 'LEADER' });
    expect(await rosterOf(await teamAt(otherVillage))).toEqual({ 'Điêu Văn Pọm': 'LEADER', 'Hà Thị Lan': 'MEMBER', 'Lường Thị Hoa': 'DEPUTY' });
    const hoa = await subgraph.db.manager.findOneByOrFail(Person, { phoneHash: phoneHash(hoaPhone)! });
    const history = await subgraph.db.manager.findBy(Member, { personId: hoa.id });
    expect(history.map((member) => member.leftOn === null).sort()).toEqual([false, true]); // the old membership is kept, ended

    // Confirming again with the same key replays; without it, the job is no longer waiting.
    const replay = await confirmFile(subgraph, officerOver(commune), checked, content, 'second-file');
    expect(replay.result.errors).toBeUndefined();
    expect(errorCodes((await confirmFile(subgraph, officerOver(commune), checked, content)).result)).toEqual(['CONFLICT']);
  });

  it('hands a team to a newcomer, the old leader taking the role the file gives', async () => {
    const { commune, village } = await fakeTwoTierTree(subgraph.db);
    const first: RosterLine[] = [
      { village: village.name, fullName: 'Cầm Văn Cũ', role: 'Tổ trưởng', phone: '0918000001' },
      { village: village.name, fullName: 'Cầm Thị Hai', role: 'Thành viên', phone: '0918000002' },
    ];
    await importFile(subgraph, officerOver(commune), commune.code, await rosterXlsx(first));
    const second: RosterLine[] = [
      { village: village.name, fullName: 'Cầm Văn Mới', role: 'Tổ trưởng', phone: '0918000003' },
      { village: village.name, fullName: 'Cầm Văn Cũ', role: 'Tổ phó thường trực', phone: '0918000001' },
      { village: village.name, fullName: 'Cầm Thị Hai', role: 'Thành viên', phone: '0918000002' },
    ];
    const { applied } = await importFile(subgraph, officerOver(commune), commune.code, await rosterXlsx(second));
    expect(applied).toMatchObject({ status: 'DONE', membersJoined: 1, membersChanged: 1, membersLeft: 0, warnings: 0 });
    expect(await rosterOf(await teamAt(village))).toEqual({ 'Cầm Văn Mới': 'LEADER', 'Cầm Văn Cũ': 'STANDING_DEPUTY', 'Cầm Thị Hai': 'MEMBER' });
  });

  it('keeps the member limit and makes the rest collaborators, with a warning each', async () => {
    const { commune, village } = await fakeTwoTierTree(subgraph.db);
    await subgraph.db.manager.update(AdministrativeUnit, { code: village.code }, { memberLimit: 3 });
    const lines: RosterLine[] = [{ village: village.name, fullName: 'Tổ Trưởng Bản', role: 'Tổ trưởng', phone: '0914000000' }];
    for (let n = 1; n <= 5; n += 1) lines.push({ village: village.name, fullName: `Thành Viên Số ${n}`, role: 'Thành viên', phone: `091400000${n}` });
    const { applied } = await importFile(subgraph, officerOver(commune), commune.code, await rosterXlsx(lines));
    expect(applied.issues.filter((issue) => issue.code === 'MEMBER_LIMIT').map((issue) => issue.row)).toEqual([7, 8, 9]); // the leader counts towards the limit, as in enrol
    const roles = Object.values(await rosterOf(await teamAt(village)));
    expect(roles.filter((role) => role === MemberRole.COLLABORATOR)).toHaveLength(3);
    expect(roles.filter((role) => role === MemberRole.LEADER)).toHaveLength(1);
  });

  it('converts names typed in TCVN3 and VNI, listing the rows to check', async () => {
    const { commune, village } = await fakeTwoTierTree(subgraph.db);
    const content = await rosterXlsx([
      { village: toTCVN3(village.name, 'unicode'), fullName: toTCVN3('Nguyễn Văn Đức', 'unicode'), role: toTCVN3('Tổ trưởng', 'unicode'), phone: '0915000001' },
      { village: unicodeToVni(village.name), fullName: unicodeToVni('Hoàng Thị Hương'), role: unicodeToVni('Thành viên'), phone: '0915000002' },
    ]);
    const { checked } = await importFile(subgraph, officerOver(commune), commune.code, content);
    const converted = checked.issues.filter((issue) => issue.kind === 'CONVERTED' && issue.field === 'Họ và tên');
    expect(converted.map(({ row, code, message }) => [row, code, message.includes('Nguyễn Văn Đức') || message.includes('Hoàng Thị Hương')])).toEqual([
      [4, 'FROM_TCVN3', true],
      [5, 'FROM_VNI', true],
    ]);
    expect(checked.converted).toBe(2);
    expect(await rosterOf(await teamAt(village))).toEqual({ 'Nguyễn Văn Đức': 'LEADER', 'Hoàng Thị Hương': 'MEMBER' });
  });

  it('imports a province’s file, each commune by its code, and exports it back as the template', async () => {
    const province = await fakeUnit(subgraph.db, { name: 'Tỉnh Nhập' });
    const communes = [await fakeUnit(subgraph.db, { parent: province, level: 'COMMUNE' as never, name: 'Xã Nhập Một' }), await fakeUnit(subgraph.db, { parent: province, level: 'COMMUNE' as never, name: 'Xã Nhập Hai' })];
    const village = await fakeUnit(subgraph.db, { parent: communes[1], level: 'VILLAGE' as never, name: 'Bản Nà Hồng' });
    const lines: RosterLine[] = [
      { communeCode: communes[0].code, fullName: 'Sầm Văn Một', role: 'Tổ trưởng', phone: '0916000001', decisionDate: new Date(Date.UTC(2025, 6, 1)) },
      { communeCode: communes[1].code, fullName: 'Sầm Văn Hai', role: 'Tổ trưởng', phone: '0916000002' },
      { communeCode: communes[1].code, village: 'Nà Hồng', fullName: 'Sầm Văn Ba', role: 'Tổ trưởng', phone: '0916000003', joinedOn: '2025-08-02' },
    ];
    const { applied } = await importFile(subgraph, officerOver(province), province.code, await rosterXlsx(lines));
    expect(applied).toMatchObject({ status: 'DONE', communes: 2, communesDone: 2, teamsCreated: 3, membersJoined: 3 });
    expect((await teamAt(communes[0])).decisionDate).toBe('2025-07-01');
    expect(await rosterOf(await teamAt(village))).toEqual({ 'Sầm Văn Ba': 'LEADER' });

    const template = await subgraph.execute<{ rosterTemplate: { base64: string; filename: string } }>(
      'query ($code: String!) { rosterTemplate(unitCode: $code, format: XLSX) { filename base64 } }',
      { as: officerOver(province), variables: { code: province.code } },
    );
    expect(template.errors).toBeUndefined();
    expect(await codeLikeHeadings({ ...template.data!.rosterTemplate, contentType: '' })).toEqual([]);
    const before = await stored();
    const again = await importFile(subgraph, officerOver(province), province.code, template.data!.rosterTemplate.base64);
    expect(again.applied).toMatchObject({ status: 'DONE', rows: 3, teamsCreated: 0, membersJoined: 0, membersChanged: 0, membersLeft: 0 });
    expect(await stored()).toEqual(before);
  });
});
