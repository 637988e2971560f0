import { ConsentChannel, ConsentPurpose, Consent } from '../common/consent';
import type { Database } from '../common/database';
import { demoId } from '../common/demo';
import { logger } from '../common/logging';
import type { EntityManager } from 'typeorm';
import { AdministrativeUnit, EmulationCampaign, Member, Nomination, NomineeKind, Person, ProposalStatus, RewardProposal, Team } from './entities';

/**
 * Demo recognition (seeds 003, 004): Nghệ An's campaign for National Digital Transformation Day
 * (1–10 October 2025, "đi từng ngõ, gõ từng nhà"), the province's two nominations for 10 October,
 * the honour roll the province approved from Tam Quang's proposals, a village's proposal
 * waiting for the commune (the demo officer's approval queue), another the commune approved on
 * its way to the province, and one of the commune's the province returned for rework (the demo
 * officer resends or withdraws it). At the national level (seed 003: the Central Youth Union): the
 * member's reward the province sent on and the nation approved (the national honour roll), Viettel's
 * waiting for the national officer, and the two nominations waiting for their decision. A reward of
 * the demo member, proposed without their consent to be named: they give it on their own page.
 * Invented people.
 */

const PROVINCE_OFFICER = 'dev-province-officer';
const NATIONAL_OFFICER = 'dev-national-officer';

/** A member with their name and their team's unit. */
async function memberAt(manager: EntityManager, id: string) {
  const member = await manager.findOneByOrFail(Member, { id });
  const [person, team] = await Promise.all([manager.findOneByOrFail(Person, { id: member.personId }), manager.findOneByOrFail(Team, { id: member.teamId })]);
  const unit = await manager.findOneByOrFail(AdministrativeUnit, { code: team.unitCode });
  return { id: member.id, fullName: person.fullName, unitCode: unit.code, unitPath: unit.path };
}

export async function seedRecognitionDemo(db: Database): Promise<void> {
  if ((await db.manager.count(EmulationCampaign)) > 0) return;
  const [province, commune, village] = await Promise.all(['40', '17227', '17227.01'].map((code) => db.manager.findOneBy(AdministrativeUnit, { code })));
  if (!province || !commune || !village) return;

  await db.transaction(async (manager) => {
    const campaign = await manager.save(
      manager.create(EmulationCampaign, {
        id: demoId('campaign:40:2025-10'),
        unitCode: province.code,
        unitPath: province.path,
        title: 'Chiến dịch “đi từng ngõ, gõ từng nhà, hướng dẫn từng người dân” hưởng ứng Ngày Chuyển đổi số quốc gia 10/10/2025',
        startsOn: '2025-10-01',
        endsOn: '2025-10-10',
        criteriaText: [
          'Số người dân được hướng dẫn sử dụng dịch vụ công trực tuyến và VNeID',
          'Số hộ gia đình được đến tận nhà hướng dẫn',
          'Số hộ kinh doanh được hỗ trợ thanh toán không dùng tiền mặt',
          'Sáng kiến, cách làm hay được nhân rộng',
        ].join('\n'),
        nominationsPerProvince: 2,
        createdBy: PROVINCE_OFFICER,
      }),
    );
    // The province's two places for the Prime Minister's dialogue on 10 October (seed 003).
    await manager.save([
      manager.create(Nomination, {
        campaignId: campaign.id,
        memberId: demoId(`member:${commune.code}:0`),
        provinceCode: province.code,
        place: 1,
        unitPath: commune.path,
        birthYear: 1996,
        occupation: 'Bí thư Đoàn xã, Tổ trưởng Tổ công nghệ số cộng đồng xã Tam Quang',
        achievements: 'Tổ chức 10 buổi “cà phê số” tại các bản; lập nhóm Zalo hỗ trợ bà con 24/7; hướng dẫn đồng bào Thái, Khơ Mú cài đặt VNeID mức 2.',
        residentsGuided: 412,
        householdVisits: 186,
        trainingsAttended: 2,
        nominatedBy: PROVINCE_OFFICER,
      }),
      manager.create(Nomination, {
        campaignId: campaign.id,
        memberId: demoId(`member:${village.code}:0`),
        provinceCode: province.code,
        place: 2,
        unitPath: village.path,
        birthYear: 1989,
        occupation: 'Trưởng bản Xốp Cháo',
        achievements: 'Đưa 100% hộ trong bản có tài khoản thanh toán; hướng dẫn người dân nộp hồ sơ cấp đổi giấy tờ trực tuyến ngay tại nhà văn hoá bản.',
        residentsGuided: 158,
        householdVisits: 92,
        trainingsAttended: 1,
        nominatedBy: PROVINCE_OFFICER,
      }),
    ]);

    const approved = (id: string, fields: Partial<RewardProposal>) =>
      manager.create(RewardProposal, {
        id: demoId(id),
        campaignId: campaign.id,
        unitCode: commune.code,
        unitPath: commune.path,
        memberId: null,
        status: ProposalStatus.APPROVED,
        proposedBy: 'dev-officer',
        decidedBy: PROVINCE_OFFICER,
        decidedOn: '2025-10-10',
        decisionReason: null,
        ...fields,
      }) as RewardProposal;
    // The member rewarded, by the name the team records: their own data page shows the reward under it.
    const named = await manager.findOneByOrFail(Member, { id: demoId(`member:${commune.code}:3`) });
    const namedPerson = await manager.findOneByOrFail(Person, { id: named.personId });
    const demoMember = await memberAt(manager, demoId('member:17227.02:2'));
    const proposals = await manager.save([
      approved('proposal:17227:member', {
        nomineeKind: NomineeKind.MEMBER,
        memberId: named.id,
        fullName: namedPerson.fullName,
        rewardTitle: 'Bằng khen của Chủ tịch UBND tỉnh',
        achievements: 'Giáo viên, hướng dẫn 230 phụ huynh học sinh thanh toán học phí không dùng tiền mặt trong chiến dịch 10 ngày.',
        // Sent on by the province and approved nationally: on the national honour roll too.
        nationalStatus: ProposalStatus.APPROVED,
        nationalSentBy: PROVINCE_OFFICER,
        nationalDecidedBy: NATIONAL_OFFICER,
        nationalDecidedOn: '2025-10-10',
      }),
      approved('proposal:17227:resident', {
        nomineeKind: NomineeKind.RESIDENT,
        fullName: 'Vi Văn Thành',
        rewardTitle: 'Giấy khen của Chủ tịch UBND tỉnh',
        achievements: 'Người dân tình nguyện chở tổ công nghệ số vào 4 bản vùng cao; tự học và hướng dẫn lại 35 người cao tuổi dùng VNeID.',
      }),
      approved('proposal:17227:business', {
        nomineeKind: NomineeKind.BUSINESS,
        fullName: 'Hợp tác xã Chè Tam Quang',
        rewardTitle: 'Giấy khen của Chủ tịch UBND tỉnh',
        achievements: 'Đưa 12 sản phẩm chè, mật ong lên sàn thương mại điện tử; 40 hộ xã viên bán hàng trực tuyến.',
      }),
      approved('proposal:17227:partner', {
        nomineeKind: NomineeKind.PARTNER,
        fullName: 'Viettel Nghệ An',
        rewardTitle: 'Bằng khen của Chủ tịch UBND tỉnh',
        achievements: 'Tập huấn 6 lớp cho thành viên tổ; hỗ trợ mở 850 tài khoản Viettel Money cho người dân trong chiến dịch.',
        // Sent on by the province: waiting for the national officer.
        nationalStatus: ProposalStatus.PROPOSED,
        nationalSentBy: PROVINCE_OFFICER,
      }),
      // The demo member's reward, proposed by their village without the consent to be named: they give it on /du-lieu-cua-toi.
      manager.create(RewardProposal, {
        id: demoId('proposal:17227.02:member'),
        campaignId: campaign.id,
        unitCode: demoMember.unitCode,
        unitPath: demoMember.unitPath,
        nomineeKind: NomineeKind.MEMBER,
        fullName: demoMember.fullName,
        memberId: demoMember.id,
        rewardTitle: 'Giấy khen của Chủ tịch UBND tỉnh',
        achievements: 'Hướng dẫn 64 hộ bản Tân Hương mở tài khoản thanh toán và nộp hồ sơ trực tuyến trong chiến dịch.',
        status: ProposalStatus.APPROVED,
        levelsApproved: 1,
        proposedBy: 'dev-village-head',
        decidedBy: PROVINCE_OFFICER,
        decidedOn: '2025-10-10',
        decisionReason: null,
      }),
      // A village's proposal waiting for the commune: the demo officer's approval queue.
      manager.create(RewardProposal, {
        id: demoId('proposal:17227.01:resident'),
        campaignId: campaign.id,
        unitCode: village.code,
        unitPath: village.path,
        nomineeKind: NomineeKind.RESIDENT,
        fullName: 'Moong Văn Sơn',
        memberId: null,
        rewardTitle: 'Giấy khen của Chủ tịch UBND xã',
        achievements: 'Cho mượn nhà làm điểm hướng dẫn dịch vụ công trực tuyến của bản suốt chiến dịch.',
        status: ProposalStatus.PROPOSED,
        proposedBy: 'dev-village-head',
        decidedBy: null,
        decidedOn: null,
        decisionReason: null,
      }),
      // Approved by the commune, on its way up: waiting for the province.
      manager.create(RewardProposal, {
        id: demoId('proposal:17227.01:business'),
        campaignId: campaign.id,
        unitCode: village.code,
        unitPath: village.path,
        nomineeKind: NomineeKind.BUSINESS,
        fullName: 'Điểm Bưu điện văn hoá bản Xốp Cháo',
        memberId: null,
        rewardTitle: 'Giấy khen của Chủ tịch UBND tỉnh',
        achievements: 'Nhận hồ sơ dịch vụ công trực tuyến giúp 120 hộ trong bản; mở 60 tài khoản mua bán trên Postmart.',
        status: ProposalStatus.PROPOSED,
        levelsApproved: 1,
        proposedBy: 'dev-village-head',
        decidedBy: null,
        decidedOn: null,
        decisionReason: null,
      }),
      // The commune's own proposal, returned by the province: the demo officer reworks and resends it, or withdraws it.
      manager.create(RewardProposal, {
        id: demoId('proposal:17227:returned'),
        campaignId: campaign.id,
        unitCode: commune.code,
        unitPath: commune.path,
        nomineeKind: NomineeKind.BUSINESS,
        fullName: 'Cửa hàng điện thoại Minh Phát',
        memberId: null,
        rewardTitle: 'Giấy khen của Chủ tịch UBND tỉnh',
        achievements: 'Hỗ trợ người dân cài đặt ứng dụng trong chiến dịch.',
        status: ProposalStatus.RETURNED,
        proposedBy: 'dev-officer',
        decidedBy: PROVINCE_OFFICER,
        decidedOn: '2025-10-12',
        decisionReason: 'Cần ghi rõ số người dân được hỗ trợ và số ứng dụng đã cài',
      }),
    ]);
    // Only the member agreed to be named publicly; the resident is listed without a name. The
    // consent is the member's by their own phone, as proposeReward records it: they may withdraw it.
    await manager.save(
      manager.create(Consent, {
        purpose: ConsentPurpose.HONOUR_ROLL,
        recordType: RewardProposal.name,
        recordId: proposals[0].id,
        subjectKey: namedPerson.phoneHash,
        noticeVersion: '2025-10',
        channel: ConsentChannel.PAPER_FORM,
        givenOn: '2025-10-08',
        recordedBy: 'dev-officer',
        withdrawnAt: null,
        withdrawnBy: null,
      }),
    );
  });
  logger.info('Seeded demo recognition: the 10/10 campaign, Nghệ An’s two nominations, an honour roll, the national level’s');
}
