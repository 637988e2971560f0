import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import { AuditEntry } from '../common/audit';
import { newReferenceCode } from '../common/reference-codes';
import { NATION_CODE, Role } from '../common/auth';
import { SheetFormat, exportSheets } from '../common/spreadsheets';
import { callersOver, testAuthorizationMatrix } from '../common/testing/authorization';
import { createTestSubgraph, type TestSubgraph } from '../common/testing/subgraph';
import { staticWorkingRelations } from '../common/testing/working-relations';
import { teams } from '.';
import { teamsAuthorization } from './authorization';
import { ChannelKind } from '../common/reminders/channels';
import { ActivityPlan, Affiliation, EmulationCampaign, NomineeKind, ProposalStatus, UnitLevel, ReminderPreference, ConsentChannel, ImportJob, ImportJobStatus, LawfulBasis, MembershipRequest, MembershipRequestKind, PersonalDataRequestKind, WorkAssignment, type ActivityReport, type Member, type Team } from './entities';
import { reportFormSheet } from './services/report-forms';
import { jobsSettled, sha256 } from './services/imports/import-jobs';
import { fakeCampaign, fakeMember, fakeNomination, fakePersonalDataRequest, fakeProposal, fakeReport, fakeTeam, fakeThreeTierTree, fakeTwoTierTree, fakeUnit } from './testing/factories';
import { CONSENT, rosterCsv } from './testing/roster-files';
import { fakeConsent, GIVEN_CONSENT } from '../common/testing/consent';
import { ConsentPurpose } from '../common/consent';
import { dataSubjectClaims, dataSubjectField } from '../common/testing/data-subject';

let subgraph: TestSubgraph;
let tree: Awaited<ReturnType<typeof fakeTwoTierTree>>;
let team: Team;
let member: Member;
let applied: MembershipRequest;
let report: ActivityReport;
let assignment: WorkAssignment;
let callers: ReturnType<typeof callersOver>;
let campaign: EmulationCampaign;
let serial = 0;
/** The partner and the organiser who work with the team (a training, an event); the others do not. */
const partnerId = randomUUID();
/** Every probe of a report takes a month of its own (the team was set up in 2020, so it reports from 2020-01). */
let reportedMonths = 0;
const freshMonth = () => {
  reportedMonths += 1;
  return `${2020 + Math.floor(reportedMonths / 12)}-${String((reportedMonths % 12) + 1).padStart(2, '0')}`;
};

beforeAll(async () => {
  const worksWith: string[] = [];
  subgraph = await createTestSubgraph(teams, undefined, staticWorkingRelations({ partners: { [partnerId]: worksWith }, organisers: { organiser: worksWith } }));
  tree = await fakeTwoTierTree(subgraph.db);
  ({ team } = await fakeTeam(subgraph.db, tree.village, { decisionDate: '2020-01-10' }));
  worksWith.push(team.id);
  const { team: otherTeam } = await fakeTeam(subgraph.db, tree.otherCommune);
  member = await fakeMember(subgraph.db, team);
  applied = await joinRequest();
  report = await fakeReport(subgraph.db, team, '2020-01');
  await fakePlan(2031);
  assignment = await subgraph.db.manager.save(
    subgraph.db.manager.create(WorkAssignment, { planId: (await fakePlan(2032)).id, position: 1, content: 'Hướng dẫn VNeID', done: false }),
  );
  campaign = await fakeCampaign(subgraph.db, tree.province);
  await fakeNomination(subgraph.db, campaign, member);
  await fakeProposal(subgraph.db, tree.commune, { status: ProposalStatus.APPROVED, decidedOn: '2025-10-10', decidedBy: 'province-officer' });
  callers = callersOver({
    unitCode: tree.commune.code,
    otherUnitCode: tree.otherCommune.code,
    teamId: team.id,
    otherTeamId: otherTeam.id,
    partnerId,
    otherPartnerId: randomUUID(),
    memberId: member.id,
    otherMemberId: (await fakeMember(subgraph.db, team)).id,
  });
});
afterAll(async () => {
  await jobsSettled();
  await subgraph.close();
});

/** A commune roster of one team of its own, named so that it touches no other team of the tree. */
const probeRoster = () => rosterCsv([{ teamName: 'Tổ thử quyền', fullName: 'Nguyễn Thử Quyền', role: 'Tổ trưởng', phone: '0977000111' }]);

/** A roster import whose dry run found nothing wrong, waiting for an officer's confirmation. */
function checkedJob(content: string): Promise<ImportJob> {
  return subgraph.db.manager.save(
    subgraph.db.manager.create(ImportJob, {
      unitCode: tree.commune.code,
      unitPath: tree.commune.path,
      status: ImportJobStatus.CHECKED,
      format: SheetFormat.CSV,
      contentHash: sha256(Buffer.from(content, 'base64')),
      createdBy: 'officer',
      lawfulBasis: LawfulBasis.CONSENT,
      noticeVersion: '2025-07',
      consentChannel: ConsentChannel.PAPER_FORM,
      failure: null,
    }),
  );
}

const newcomer = () => ({ fullName: `Lê Thị ${(serial += 1)}`, phone: `0987${String(serial).padStart(6, '0')}`, affiliation: 'RESIDENT' });

function joinRequest(): Promise<MembershipRequest> {
  return subgraph.db.manager.save(
    subgraph.db.manager.create(MembershipRequest, {
      kind: MembershipRequestKind.JOIN,
      teamId: team.id,
      applicantName: 'Phạm Văn Nộp',
      applicantPhone: '0911222333',
      applicantAddress: 'Thôn Một',
      affiliation: Affiliation.RESIDENT,
      referenceCode: newReferenceCode(),
    }),
  );
}

function fakePlan(year: number): Promise<ActivityPlan> {
  return subgraph.db.manager.save(subgraph.db.manager.create(ActivityPlan, { teamId: team.id, year, title: `Kế hoạch năm ${year}` }));
}

/** A field of the team, read through `team(id)` (public), e.g. `progress(period: "2020") { period }`. */
const teamField = (field: string, selection: string) => ({
  operation: () => ({ query: `query ($id: ID!) { team(id: $id) { ${selection} } }`, variables: { id: team.id } }),
  value: (data: any) => data.team?.[field],
});

/** A field of the nomination made in beforeAll, listed under the commune. */
const nominationField = (field: string) => ({
  operation: () => ({ query: `query ($id: ID!, $code: String!) { nominations(campaignId: $id, unitCode: $code) { ${field} } }`, variables: { id: campaign.id, code: tree.commune.code } }),
  value: (data: any) => data.nominations?.[0]?.[field],
});
/** A field of the first of the commune's approved proposals. */
const proposalField = (field: string) => ({
  operation: () => ({ query: `query ($code: String!) { rewardProposals(unitCode: $code, status: APPROVED) { ${field} } }`, variables: { code: tree.commune.code } }),
  value: (data: any) => data.rewardProposals?.[0]?.[field],
});

const memberField = (field: string) => ({
  operation: () => ({ query: `query ($id: ID!) { member(id: $id) { ${field} } }`, variables: { id: member.id } }),
  value: (data: any) => data.member?.[field],
});
const applicantField = (field: string) => ({
  operation: () => ({ query: `query ($teamId: ID!) { membershipRequests(teamId: $teamId) { id ${field} } }`, variables: { teamId: team.id } }),
  value: (data: any) => data.membershipRequests?.find((request: any) => request.id === applied.id)?.[field],
});

testAuthorizationMatrix(teamsAuthorization, {
  subgraph: () => subgraph,
  // Every write takes a key but these, each safe to send again without one.
  retries: {
    unkeyed: [
      // Applying the same list again writes nothing more: its units are then counted as already as the file says.
      'importAdministrativeUnits',
      // A code is sent per ask, on purpose: a resend after a lost answer must bring a code, and asks are rate-limited.
      'requestAccessCode',
      // A slice is keyed by its upload and offset already: sent again, it is acknowledged and not stored twice.
      'uploadImportChunk',
      // Signing in, not a write of the hub's records: each code is exchanged once for a short token.
      'verifyAccessCode',
    ],
  },
  callers: () => callers,
  dataSubject: dataSubjectClaims('0912000999'),
  probes: {
    mutations: {
      launchEmulationCampaign: () => ({
        query: 'mutation ($input: EmulationCampaignInput!) { launchEmulationCampaign(input: $input) { id } }',
        variables: { input: { unitCode: tree.commune.code, title: 'Chiến dịch đi từng ngõ, gõ từng nhà', startsOn: '2025-10-01', endsOn: '2025-10-10', criteria: ['Số người dân được hướng dẫn'] } },
      }),
      nominateMember: async () => ({
        query: 'mutation ($input: NominationInput!) { nominateMember(input: $input) { id } }',
        variables: {
          input: { campaignId: (await fakeCampaign(subgraph.db, tree.province)).id, memberId: (await fakeMember(subgraph.db, team)).id, achievements: 'Hướng dẫn 200 người dân dùng dịch vụ công trực tuyến' },
        },
      }),
      proposeReward: () => ({
        query: 'mutation ($input: RewardProposalInput!) { proposeReward(input: $input) { id } }',
        variables: {
          input: { unitCode: tree.commune.code, nomineeKind: 'BUSINESS', fullName: 'Hợp tác xã Chè Tân Cương', rewardTitle: 'Giấy khen của Chủ tịch UBND tỉnh', achievements: 'Đưa 30 sản phẩm lên sàn thương mại điện tử' },
        },
      }),
      decideRewardProposal: async () => ({
        query: 'mutation ($id: ID!) { decideRewardProposal(id: $id, decision: APPROVE) { id } }',
        variables: { id: (await fakeProposal(subgraph.db, tree.village)).id },
      }),
      // Only whoever made them withdraws or resends them: the probes' records are the officer's own.
      withdrawNomination: async () => ({
        query: 'mutation ($id: ID!) { withdrawNomination(id: $id) }',
        variables: { id: (await fakeNomination(subgraph.db, await fakeCampaign(subgraph.db, tree.province), await fakeMember(subgraph.db, team), { nominatedBy: 'officer' })).id },
      }),
      withdrawRewardProposal: async () => ({
        query: 'mutation ($id: ID!) { withdrawRewardProposal(id: $id) { id } }',
        variables: { id: (await fakeProposal(subgraph.db, tree.commune, { proposedBy: 'officer' })).id },
      }),
      withdrawHonourRollConsent: async () => {
        // Named for the member caller's membership, with a consent given by the data subject's phone: each of them is the person.
        const named = await fakeMember(subgraph.db, team);
        callers.member = { sub: 'member', roles: [Role.MEMBER], member: named.id };
        const proposal = await fakeProposal(subgraph.db, tree.commune, { nomineeKind: NomineeKind.MEMBER, memberId: named.id, fullName: 'Nguyễn Thị Vinh Danh' });
        await fakeConsent(subgraph.db, proposal, ConsentPurpose.HONOUR_ROLL, '0912000999');
        return { query: 'mutation ($id: ID!) { withdrawHonourRollConsent(proposalId: $id) { withdrawnAt } }', variables: { id: proposal.id } };
      },
      giveHonourRollConsent: async () => {
        // Named for the member caller's membership, proposed without the consent to be named.
        const named = await fakeMember(subgraph.db, team);
        callers.member = { sub: 'member', roles: [Role.MEMBER], member: named.id };
        const proposal = await fakeProposal(subgraph.db, tree.commune, { nomineeKind: NomineeKind.MEMBER, memberId: named.id, fullName: 'Nguyễn Thị Vinh Danh' });
        return { query: 'mutation ($id: ID!, $consent: ResidentConsentInput!) { giveHonourRollConsent(proposalId: $id, consent: $consent) { givenOn } }', variables: { id: proposal.id, consent: GIVEN_CONSENT } };
      },
      // The national level: officers over VN (the commune's officer is over it too from here on, which only widens whom the rows below let through).
      decideNomination: async () => {
        callers.officer = { ...callers.officer!, units: [tree.commune.code, NATION_CODE] };
        return {
          query: 'mutation ($id: ID!) { decideNomination(id: $id, decision: SELECTED) { id } }',
          variables: { id: (await fakeNomination(subgraph.db, await fakeCampaign(subgraph.db, tree.province), await fakeMember(subgraph.db, team))).id },
        };
      },
      sendRewardProposalToNation: async () => {
        callers.officer = { ...callers.officer!, units: [tree.commune.code, NATION_CODE] };
        return {
          query: 'mutation ($id: ID!) { sendRewardProposalToNation(id: $id) { id } }',
          variables: { id: (await fakeProposal(subgraph.db, tree.commune, { status: ProposalStatus.APPROVED, decidedOn: '2025-10-10', decidedBy: 'province-officer' })).id },
        };
      },
      resubmitRewardProposal: async () => ({
        query: 'mutation ($id: ID!, $achievements: String!) { resubmitRewardProposal(id: $id, achievements: $achievements) { id } }',
        variables: {
          id: (await fakeProposal(subgraph.db, tree.commune, { proposedBy: 'officer', status: ProposalStatus.RETURNED, decisionReason: 'Cần ghi rõ số liệu' })).id,
          achievements: 'Đưa 42 sản phẩm chè lên sàn thương mại điện tử',
        },
      }),
      renameAdministrativeUnit: async () => ({
        query: 'mutation ($input: RenameUnitInput!) { renameAdministrativeUnit(input: $input) { code } }',
        variables: { input: { code: (await fakeUnit(subgraph.db, { parent: tree.commune })).code, name: `Bản Mới ${(serial += 1)}` } },
      }),
      moveAdministrativeUnit: async () => ({
        query: 'mutation ($input: MoveUnitInput!) { moveAdministrativeUnit(input: $input) { code } }',
        variables: {
          input: {
            code: (await fakeUnit(subgraph.db, { parent: tree.commune })).code,
            parentCode: (await fakeUnit(subgraph.db, { parent: tree.commune, level: UnitLevel.COMMUNE })).code,
          },
        },
      }),
      mergeAdministrativeUnits: async () => ({
        query: 'mutation ($input: MergeUnitsInput!) { mergeAdministrativeUnits(input: $input) { code } }',
        variables: { input: { code: (await fakeUnit(subgraph.db, { parent: tree.commune })).code, intoCode: (await fakeUnit(subgraph.db, { parent: tree.commune })).code } },
      }),
      dissolveAdministrativeLevel: async () => ({
        query: 'mutation ($input: DissolveLevelInput!) { dissolveAdministrativeLevel(input: $input) { code } }',
        variables: { input: { underCode: (await fakeThreeTierTree(subgraph.db)).province.code, level: 'DISTRICT' } },
      }),
      createTeam: () => ({
        query: 'mutation ($input: CreateTeamInput!) { createTeam(input: $input) { id } }',
        variables: { input: { unitCode: tree.village.code, name: `Tổ thôn ${(serial += 1)}`, leader: newcomer() } },
      }),
      updateTeam: () => ({
        query: 'mutation ($id: ID!) { updateTeam(id: $id, input: { decisionNumber: "02/QĐ-UBND" }) { id } }',
        variables: { id: team.id },
      }),
      appointLeader: async () => ({
        query: 'mutation ($id: ID!) { appointLeader(memberId: $id) { id } }',
        variables: { id: (await fakeMember(subgraph.db, team)).id },
      }),
      createSubGroup: () => ({
        query: 'mutation ($teamId: ID!) { createSubGroup(teamId: $teamId, input: { name: "Nhóm tập huấn", kind: TRAINING }) { id } }',
        variables: { teamId: team.id },
      }),
      changeMemberRole: async () => ({
        query: 'mutation ($id: ID!) { changeMemberRole(memberId: $id, role: DEPUTY) { id } }',
        variables: { id: (await fakeMember(subgraph.db, team)).id },
      }),
      updateMemberContact: () => ({
        query: 'mutation ($id: ID!) { updateMemberContact(memberId: $id, input: { address: "Số 2, thôn Một" }) { id } }',
        variables: { id: member.id },
      }),
      requestToJoin: () => ({
        query: 'mutation ($input: JoinRequestInput!) { requestToJoin(input: $input) { id } }',
        variables: { input: { teamId: team.id, applicant: newcomer(), consent: GIVEN_CONSENT } },
      }),
      requestToLeave: async () => {
        const leaving = await fakeMember(subgraph.db, team);
        // The member caller is the one who leaves; otherMember, another member of the team, may not ask for them.
        callers.member = { sub: 'member', roles: [Role.MEMBER], member: leaving.id };
        return { query: 'mutation ($id: ID!) { requestToLeave(input: { memberId: $id }) { id } }', variables: { id: leaving.id } };
      },
      withdrawMembershipRequest: async () => ({
        query: 'mutation ($input: ApplicationReferenceInput!) { withdrawMembershipRequest(input: $input) { id } }',
        variables: { input: { phone: '0911222333', referenceCode: (await joinRequest()).referenceCode } },
      }),
      withdrawJoinApplicationConsent: async () => {
        const request = await joinRequest();
        await fakeConsent(subgraph.db, request, ConsentPurpose.TEAM_MEMBERSHIP, request.applicantPhone!);
        return { query: 'mutation ($id: ID!) { withdrawJoinApplicationConsent(id: $id) { withdrawnAt } }', variables: { id: request.id } };
      },
      recommendMembershipRequest: async () => ({
        query: 'mutation ($id: ID!) { recommendMembershipRequest(id: $id) { id } }',
        variables: { id: (await joinRequest()).id },
      }),
      decideMembershipRequest: async () => ({
        query: 'mutation ($id: ID!) { decideMembershipRequest(id: $id, approve: false, note: "Chưa đủ điều kiện") { id } }',
        variables: { id: (await joinRequest()).id },
      }),
      createAdministrativeUnit: () => ({
        query: 'mutation ($input: CreateAdministrativeUnitInput!) { createAdministrativeUnit(input: $input) { code } }',
        variables: { input: { code: `AZ${(serial += 1)}`, name: 'Thôn Mới', level: 'VILLAGE', parentCode: tree.commune.code } },
      }),
      setMemberLimit: () => ({
        query: 'mutation ($code: String!) { setMemberLimit(input: { unitCode: $code, limit: 15 }) { code } }',
        variables: { code: tree.village.code },
      }),
      saveActivityPlan: () => ({
        query: 'mutation ($input: ActivityPlanInput!) { saveActivityPlan(input: $input) { id } }',
        variables: { input: { teamId: team.id, year: 2030, title: 'Kế hoạch năm 2030', themes: [{ quarter: 3, skill: 'ONLINE_PAYMENT' }] } },
      }),
      approveActivityPlan: async () => ({
        query: 'mutation ($id: ID!) { approveActivityPlan(id: $id, approvedOn: null) { id } }',
        variables: { id: (await fakePlan(2040 + (serial += 1))).id },
      }),
      writePlanSections: async () => ({
        query: 'mutation ($input: PlanSectionsInput!) { writePlanSections(input: $input) { id } }',
        variables: { input: { planId: (await fakePlan(2040 + (serial += 1))).id, purpose: 'Giúp người dân dùng thanh toán trực tuyến', schedule: 'Tháng 7–12' } },
      }),
      setAssignmentDone: () => ({
        query: 'mutation ($id: ID!) { setAssignmentDone(id: $id, done: true) { id } }',
        variables: { id: assignment.id },
      }),
      setTargets: () => ({
        query: 'mutation ($input: TargetsInput!) { setTargets(input: $input) { id } }',
        variables: { input: { unitCode: tree.village.code, period: '2025', targets: [{ indicator: 'GUIDED_ONLINE_PAYMENT', value: 120 }] } },
      }),
      submitActivityReport: () => ({
        query: 'mutation ($input: ActivityReportInput!) { submitActivityReport(input: $input) { id } }',
        variables: { input: { teamId: team.id, month: freshMonth(), figures: [{ indicator: 'HOUSEHOLD_VISITS', value: 12 }] } },
      }),
      correctActivityReport: async () => {
        const { month } = await fakeReport(subgraph.db, team, freshMonth());
        return {
          query: 'mutation ($input: ActivityReportCorrectionInput!) { correctActivityReport(input: $input) { id } }',
          variables: { input: { teamId: team.id, month, reason: 'Bổ sung hộ', figures: [{ indicator: 'HOUSEHOLD_VISITS', value: 14 }] } },
        };
      },
      importActivityReport: async () => {
        const form = await exportSheets(SheetFormat.CSV, 'form', [reportFormSheet(team, tree.village, freshMonth(), null)]);
        return {
          query: 'mutation ($content: String!) { importActivityReport(format: CSV, content: $content) { id } }',
          variables: { content: form.base64 },
        };
      },
      importAdministrativeUnits: async () => {
        const workbook = new ExcelJS.Workbook();
        workbook.addWorksheet('Danh mục').addRows([['Mã', 'Tên', 'Cấp', 'Mã cấp trên'], [`AU${(serial += 1)}`, 'Thôn Nhập', 'Thôn', tree.commune.code]]);
        return {
          query: 'mutation ($content: String!) { importAdministrativeUnits(format: XLSX, content: $content, dryRun: false) { created } }',
          variables: { content: Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64') },
        };
      },
      checkRosterImport: () => ({
        query: 'mutation ($input: RosterImportInput!) { checkRosterImport(input: $input) { id } }',
        variables: { input: { unitCode: tree.commune.code, format: 'CSV', content: probeRoster(), consent: CONSENT } },
      }),
      uploadImportChunk: () => ({
        query: 'mutation ($unitCode: String!, $id: ID!, $content: String!) { uploadImportChunk(unitCode: $unitCode, uploadId: $id, offset: 0, content: $content) { receivedBytes } }',
        variables: { unitCode: tree.commune.code, id: randomUUID(), content: probeRoster() },
      }),
      confirmRosterImport: async () => {
        const content = probeRoster();
        const job = await checkedJob(content);
        return {
          query: 'mutation ($id: ID!, $content: String!) { confirmRosterImport(jobId: $id, content: $content) { id } }',
          variables: { id: job.id, content },
        };
      },
      requestAccessCode: () => ({
        query: 'mutation ($phone: String!) { requestAccessCode(phone: $phone) { expiresAt } }',
        variables: { phone: `0966${String((serial += 1)).padStart(6, '0')}` },
      }),
      verifyAccessCode: async () => {
        const phone = `0966${String((serial += 1)).padStart(6, '0')}`;
        const sent = await subgraph.execute('mutation ($phone: String!) { requestAccessCode(phone: $phone) { developmentCode } }', { variables: { phone } });
        return {
          query: 'mutation ($phone: String!, $code: String!) { verifyAccessCode(phone: $phone, code: $code) { expiresInSeconds } }',
          variables: { phone, code: sent.data!.requestAccessCode.developmentCode },
        };
      },
      requestPersonalDataAction: () => ({
        query: 'mutation ($input: PersonalDataRequestInput!) { requestPersonalDataAction(input: $input) { id status } }',
        variables: { input: { kind: 'CORRECTION', unitCode: tree.commune.code, details: 'Tên tôi viết sai: Lò Thị Sen, không phải Lò Thị Sênh' } },
      }),
      handlePersonalDataRequest: async () => ({
        query: 'mutation ($input: PersonalDataRequestOutcomeInput!) { handlePersonalDataRequest(input: $input) { status handledBy } }',
        variables: { input: { id: (await fakePersonalDataRequest(subgraph.db, tree.village, { phone: '0912000888' })).id, outcome: 'DONE', reason: 'Đã xoá theo yêu cầu' } },
      }),
      setMyReminderPreference: () => ({
        query: 'mutation ($input: ReminderPreferenceInput!) { setMyReminderPreference(input: $input) { channel optedOut } }',
        variables: { input: { channel: 'EMAIL', address: 'canbo@tamquang.gov.vn', optedOut: false } },
      }),
      lockPeriod: () => ({
        query: 'mutation ($code: String!, $period: String!) { lockPeriod(unitCode: $code, period: $period) { month } }',
        // Months before the team was set up: no other probe reports them.
        variables: { code: tree.commune.code, period: `2019-${String(((serial += 1) % 12) + 1).padStart(2, '0')}` },
      }),
    },
    fields: {
      'ReminderPreference.address': {
        // Every caller has set their own (the mutation's probe sets only the caller's own, too).
        operation: async () => {
          for (const claims of Object.values(callers)) {
            if (claims && !(await subgraph.db.manager.existsBy(ReminderPreference, { personKey: claims.sub }))) {
              await subgraph.db.manager.save(subgraph.db.manager.create(ReminderPreference, { personKey: claims.sub, channel: ChannelKind.EMAIL, address: `${claims.sub}@xa.gov.vn`, optedOut: false }));
            }
          }
          return { query: '{ myReminderPreference { address } }' };
        },
        value: (data: any) => data.myReminderPreference?.address,
      },
      'Query.personalDataReport': { operation: () => ({ query: '{ personalDataReport { key } }' }), value: (data: any) => data.personalDataReport },
      'DataSubject.memberships': dataSubjectField('memberships', 'role'),
      'DataSubject.joinApplications': dataSubjectField('joinApplications', 'id'),
      'DataSubject.personalDataRequests': dataSubjectField('personalDataRequests', 'id'),
      'DataSubject.rewards': dataSubjectField('rewards', 'id'),
      'Query.personalDataRequests': {
        operation: async () => {
          await fakePersonalDataRequest(subgraph.db, tree.village, { kind: PersonalDataRequestKind.RESTRICTION });
          return { query: 'query ($code: String!) { personalDataRequests(unitCode: $code) { id dueAt } }', variables: { code: tree.commune.code } };
        },
        value: (data: any) => data.personalDataRequests,
      },
      'Member.fullName': memberField('fullName'),
      'Member.rewards': {
        operation: async () => {
          callers.member = { sub: 'member', roles: [Role.MEMBER], member: member.id };
          return { query: 'query ($id: ID!) { member(id: $id) { rewards { id } } }', variables: { id: member.id } };
        },
        value: (data: any) => data.member?.rewards,
      },
      'Member.processingRestricted': memberField('processingRestricted'),
      'Query.nominations': nominationField('id'),
      'Query.nominationFigures': {
        operation: () => ({ query: 'query ($id: ID!, $memberId: ID!) { nominationFigures(campaignId: $id, memberId: $memberId) { residentsGuided } }', variables: { id: campaign.id, memberId: member.id } }),
        value: (data) => data.nominationFigures,
      },
      'Query.nominationsFile': {
        operation: () => ({
          query: 'query ($id: ID!, $code: String!) { nominationsFile(campaignId: $id, unitCode: $code, format: XLSX) { filename } }',
          variables: { id: campaign.id, code: tree.commune.code },
        }),
        value: (data) => data.nominationsFile,
      },
      'Nomination.birthYear': nominationField('birthYear'),
      'Nomination.occupation': nominationField('occupation'),
      'Query.rewardProposals': proposalField('id'),
      'RewardProposal.fullName': proposalField('fullName'),
      'HonourRollEntry.name': {
        operation: () => ({ query: 'query ($code: String!) { honourRoll(unitCode: $code) { name } }', variables: { code: tree.province.code } }),
        value: (data) => data.honourRoll?.[0]?.name,
      },
      'Member.phone': memberField('phone'),
      'Member.address': memberField('address'),
      'MembershipRequest.applicantName': applicantField('applicantName'),
      'MembershipRequest.applicantPhone': applicantField('applicantPhone'),
      'MembershipRequest.applicantAddress': applicantField('applicantAddress'),
      'Query.membershipRequests': {
        operation: () => ({ query: 'query ($teamId: ID!) { membershipRequests(teamId: $teamId) { id } }', variables: { teamId: team.id } }),
        value: (data) => data.membershipRequests,
      },
      'Query.activityReport': {
        operation: () => ({ query: 'query ($id: ID!) { activityReport(id: $id) { id } }', variables: { id: report.id } }),
        value: (data) => data.activityReport,
      },
      'Query.exportActivityReport': {
        operation: () => ({
          query: 'query ($id: ID!) { exportActivityReport(teamId: $id, month: "2020-01", format: CSV) { base64 } }',
          variables: { id: team.id },
        }),
        value: (data) => data.exportActivityReport,
      },
      'Query.activityProgrammeFile': {
        operation: () => ({ query: 'query ($id: ID!) { activityProgrammeFile(teamId: $id, year: 2031) { filename } }', variables: { id: team.id } }),
        value: (data) => data.activityProgrammeFile,
      },
      'Query.activityPlanFile': {
        operation: () => ({ query: 'query ($id: ID!) { activityPlanFile(teamId: $id, year: 2031) { filename } }', variables: { id: team.id } }),
        value: (data) => data.activityPlanFile,
      },
      'Query.workAssignmentsFile': {
        operation: () => ({ query: 'query ($id: ID!) { workAssignmentsFile(teamId: $id, year: 2031) { filename } }', variables: { id: team.id } }),
        value: (data) => data.workAssignmentsFile,
      },
      'Team.activityReports': teamField('activityReports', 'activityReports(period: "2020") { id }'),
      'Team.progress': teamField('progress', 'progress(period: "2020") { reportsReceived }'),
      'Team.plan': teamField('plan', 'plan(year: 2031) { id }'),
      'Query.unitRollUp': {
        operation: () => ({ query: 'query ($code: String!) { unitRollUp(unitCode: $code, period: "2020") { missingReports } }', variables: { code: tree.village.code } }),
        value: (data) => data.unitRollUp,
      },
      'Query.exportUnitRollUp': {
        operation: () => ({
          query: 'query ($code: String!) { exportUnitRollUp(unitCode: $code, period: "2020", format: CSV) { base64 } }',
          variables: { code: tree.village.code },
        }),
        value: (data) => data.exportUnitRollUp,
      },
      'Query.rosterTemplate': {
        operation: () => ({ query: 'query ($code: String!) { rosterTemplate(unitCode: $code) { base64 } }', variables: { code: tree.commune.code } }),
        value: (data) => data.rosterTemplate,
      },
      'Query.importJob': {
        operation: async () => ({ query: 'query ($id: ID!) { importJob(id: $id) { status } }', variables: { id: (await checkedJob(probeRoster())).id } }),
        value: (data) => data.importJob,
      },
      'Query.teamsPersonalDataReads': {
        operation: () => ({ query: 'query { teamsPersonalDataReads { reader personId field } }' }),
        value: (data) => data.teamsPersonalDataReads,
      },
      'Query.teamsAuditTrail': {
        operation: () => ({ query: 'query ($code: String) { teamsAuditTrail(unitCode: $code) { action } }', variables: { code: tree.commune.code } }),
        value: (data) => data.teamsAuditTrail,
      },
    },
  },
});

describe('the teams audit trail', () => {
  type Trail = { teamsAuditTrail: { actor: string | null; action: string; entityId: string; before: string | null; after: string | null }[] };
  const TRAIL = 'query ($code: String, $action: String) { teamsAuditTrail(unitCode: $code, first: 100, action: $action) { actor action entityId before after } }';
  // Each kind of change on its own: the matrix above wrote more than a page of entries.
  const trailOf = async (action: string) => {
    const { data, errors } = await subgraph.execute<Trail>(TRAIL, { as: callers.officer, variables: { code: tree.commune.code, action } });
    expect(errors).toBeUndefined();
    expect(data!.teamsAuditTrail.every((entry) => entry.action === action)).toBe(true);
    return data!.teamsAuditTrail;
  };

  it('says who changed what, before and after, under the unit', async () => {
    // The first of the allowed callers set the limit from none to 15; the others from 15 to 15.
    const limits = await trailOf('setMemberLimit');
    expect(limits.map(({ entityId, before, after }) => ({ entityId, before: JSON.parse(before!), after: JSON.parse(after!) }))).toContainEqual({
      entityId: tree.village.code,
      before: { memberLimit: null },
      after: { memberLimit: 15 },
    });
    const joinedBy = (await trailOf('requestToJoin')).map((entry) => entry.actor);
    expect(joinedBy).toEqual(expect.arrayContaining([null, 'leader', 'partner-staff'])); // a resident applies without signing in
  });

  it('keeps members’ and applicants’ phones and addresses out of it', async () => {
    // Every entry the suite wrote, read from the table: the query shows only the newest 100.
    const entries = await subgraph.db.manager.find(AuditEntry);
    const written = entries.map((entry) => `${entry.before} ${entry.after}`).join('\n');
    // A phone on its own (not ten digits inside an id's hex), or the address written above.
    expect(written).not.toMatch(/(?<![\w-])0\d{9}(?![\w-])|Số 2, thôn Một/);
    const contact = entries.find((entry) => entry.action === 'updateMemberContact');
    expect(JSON.parse(contact!.after!)).toEqual({ changed: { phone: false, address: true } });
  });
});
