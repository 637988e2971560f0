import type {
  RecipientKind,
  Affiliation,
  ApplicationStatus,
  ContestKind,
  EventKind,
  EventStatus,
  ExhibitorKind,
  FundingSource,
  HoursStatus,
  InstalmentStatus,
  InteractionKind,
  Indicator,
  ItemKind,
  MemberRole,
  MembershipRequestStatus,
  NominationDecision,
  NomineeKind,
  OnboardeeKind,
  OnboardingStatus,
  PaymentMethod,
  ProposalStatus,
  PersonalDataRequestKind,
  PersonalDataRequestStatus,
  PledgeStatus,
  ProgrammeKind,
  ReminderChannel,
  SponsorKind,
  SponsorStatus,
  StallKind,
  UnitLevel,
  UnitSuccession,
  WebhookDeliveryStatus,
} from '../../../client/generated/graphql';

/** The domain's own words for the API's codes: people never see an enum. */
export const applicationStatus: Record<ApplicationStatus, string> = {
  PENDING: 'Đang chờ duyệt',
  APPROVED: 'Đã được duyệt',
  WAITLISTED: 'Trong danh sách chờ',
  REJECTED: 'Không được duyệt',
  CANCELLED: 'Đã huỷ',
};

export const exhibitorKind: Record<ExhibitorKind, string> = {
  HOUSEHOLD: 'Hộ gia đình, hộ kinh doanh',
  BUSINESS: 'Doanh nghiệp',
  COOPERATIVE: 'Hợp tác xã',
  PARTNER: 'Doanh nghiệp đối tác',
};

export const stallKind: Record<StallKind, string> = {
  PARTNER_BOOTH: 'Gian doanh nghiệp đối tác',
  E_COMMERCE_BOOTH: 'Gian thương mại điện tử',
  LOCAL_PRODUCTS: 'Gian sản phẩm địa phương (OCOP)',
  PUBLIC_SERVICES_DESK: 'Bàn hướng dẫn dịch vụ công',
  OTHER: 'Gian khác',
};

export const eventKind: Record<EventKind, string> = {
  FAIR: 'Ngày hội chuyển đổi số',
  CAMPAIGN: 'Chiến dịch',
  TRAINING_DAY: 'Ngày tập huấn',
};

export const eventStatus: Record<EventStatus, string> = {
  DRAFT: 'Bản nháp',
  PUBLISHED: 'Đã công bố',
  OPEN_FOR_APPLICATIONS: 'Đang nhận đăng ký gian hàng',
  CLOSED: 'Đã hết hạn đăng ký',
  HELD: 'Đã tổ chức',
  CANCELLED: 'Đã huỷ',
};

export const indicator: Record<Indicator, string> = {
  GUIDED_ONLINE_PUBLIC_SERVICES: 'Người được hướng dẫn dịch vụ công trực tuyến',
  GUIDED_ONLINE_SHOPPING: 'Người được hướng dẫn mua sắm trực tuyến',
  GUIDED_ONLINE_PAYMENT: 'Người được hướng dẫn thanh toán trực tuyến',
  GUIDED_ONLINE_SAFETY: 'Người được hướng dẫn an toàn trên mạng',
  GUIDED_OTHER_PLATFORMS: 'Người được hướng dẫn các nền tảng khác',
  PROFICIENT_HOUSEHOLDS: 'Hộ có người thành thạo 5 kỹ năng số cơ bản',
  VNEID_ACTIVATIONS: 'Tài khoản VNeID được kích hoạt',
  ONLINE_DOSSIERS: 'Hồ sơ dịch vụ công nộp trực tuyến',
  ACCOUNTS_OPENED: 'Tài khoản ví điện tử, ngân hàng được mở',
  SHOPS_ONBOARDED: 'Cửa hàng lên sàn',
  PEOPLE_TRAINED: 'Người được tập huấn',
  HOUSEHOLD_VISITS: 'Lượt đến hộ gia đình',
  MEETINGS_HELD: 'Buổi sinh hoạt của tổ',
};

export const membershipRequestStatus: Record<MembershipRequestStatus, string> = {
  PENDING: 'Đang chờ tổ trưởng xem xét',
  RECOMMENDED: 'Tổ trưởng đã đề nghị, đang chờ Chủ tịch UBND xã quyết định',
  APPROVED: 'Đã được duyệt',
  REJECTED: 'Không được duyệt',
  WITHDRAWN: 'Đã rút đơn',
};

export const programmeKind: Record<ProgrammeKind, string> = {
  CAMPAIGN: 'Chiến dịch',
  FAIR: 'Ngày hội',
  QUARTERLY_THEME: 'Chủ đề quý',
  OTHER: 'Chương trình khác',
};

export const paymentMethod: Record<PaymentMethod, string> = {
  CASH: 'Tiền mặt',
  BANK_TRANSFER: 'Chuyển khoản',
  E_WALLET: 'Ví điện tử',
};

export const fundingSource: Record<FundingSource, string> = {
  MOBILISED: 'Vận động tài trợ, ủng hộ',
  STATE_BUDGET: 'Ngân sách nhà nước',
  TEAM_FUND: 'Quỹ tổ (đóng góp của thành viên)',
};

export const itemKind: Record<ItemKind, string> = {
  DEVICE: 'Thiết bị',
  SIM_CARD: 'Thẻ SIM',
  MODEM: 'Bộ phát wifi, modem',
  CONNECTIVITY: 'Gói cước, đường truyền',
  PHONE: 'Điện thoại',
  GIFT_ITEM: 'Quà tặng',
  LICENCE_KEY: 'Bản quyền phần mềm',
  DISCOUNT_CODE: 'Mã giảm giá',
};

export const sponsorStatus: Record<SponsorStatus, string> = {
  PROSPECT: 'Đang vận động',
  ACTIVE: 'Đang đồng hành',
  LAPSED: 'Đã ngừng',
};

export const sponsorKind: Record<SponsorKind, string> = {
  ORGANISATION: 'Tổ chức, doanh nghiệp',
  INDIVIDUAL: 'Cá nhân',
};

export const interactionKind: Record<InteractionKind, string> = {
  NOTE: 'Ghi chú',
  MEETING: 'Gặp mặt',
  THANK_YOU_LETTER: 'Thư cảm ơn',
  MEMORANDUM: 'Biên bản ghi nhớ',
  HOLIDAY_GREETING: 'Thăm hỏi dịp lễ, Tết',
};

export const instalmentStatus: Record<InstalmentStatus, string> = {
  DUE: 'Sắp đến hạn',
  PARTLY_PAID: 'Đã nhận một phần',
  PAID: 'Đã nhận đủ',
  OVERDUE: 'Quá hạn',
  WRITTEN_OFF: 'Đã thôi theo dõi',
};

export const pledgeStatus: Record<PledgeStatus, string> = {
  PLEDGED: 'Đã cam kết',
  PARTLY_FULFILLED: 'Đã nhận một phần',
  FULFILLED: 'Đã nhận đủ',
  CANCELLED: 'Đã huỷ',
  OVERDUE: 'Có đợt quá hạn',
  WRITTEN_OFF: 'Đã thôi theo dõi',
};

export const hoursStatus: Record<HoursStatus, string> = {
  PENDING: 'Chờ duyệt',
  APPROVED: 'Đã duyệt',
  CORRECTED: 'Đã duyệt (có điều chỉnh)',
  DECLINED: 'Không duyệt',
};

export const memberRole: Record<MemberRole, string> = {
  LEADER: 'Tổ trưởng',
  DEPUTY: 'Tổ phó',
  STANDING_MEMBER: 'Thành viên thường trực',
  MEMBER: 'Thành viên',
  COLLABORATOR: 'Cộng tác viên',
};

export const affiliation: Record<Affiliation, string> = {
  YOUTH_UNION: 'Đoàn viên thanh niên',
  POLICE: 'Công an',
  MILITIA: 'Dân quân',
  TEACHER: 'Giáo viên',
  HEALTH_WORKER: 'Nhân viên y tế',
  CIVIL_SERVANT: 'Cán bộ, công chức',
  ENTERPRISE_STAFF: 'Nhân viên doanh nghiệp',
  VILLAGE_HEAD: 'Trưởng thôn, bản',
  STUDENT: 'Học sinh, sinh viên',
  RESIDENT: 'Người dân',
  OTHER: 'Khác',
};

export const contestKind: Record<ContestKind, string> = {
  LIVESTREAM_SELLING: 'Livestream bán hàng',
  DIGITAL_QUIZ: 'Thi tìm hiểu kiến thức số',
  BEST_PROPAGANDIST: 'Tuyên truyền viên giỏi',
  SHORT_FILM: 'Phim ngắn',
  OTHER: 'Cuộc thi khác',
};

export const recipientKind: Record<RecipientKind, string> = {
  TEAM: 'Tổ công nghệ số',
  EVENT: 'Sự kiện',
  HOUSEHOLD: 'Hộ gia đình',
};

export const onboardeeKind: Record<OnboardeeKind, string> = {
  HOUSEHOLD: 'Hộ gia đình',
  BUSINESS: 'Doanh nghiệp, hộ kinh doanh',
  COOPERATIVE: 'Hợp tác xã',
};

export const onboardingStatus: Record<OnboardingStatus, string> = {
  STARTED: 'Mới bắt đầu',
  ACTIVE: 'Đang sử dụng',
  ABANDONED: 'Đã bỏ',
};

export const nomineeKind: Record<NomineeKind, string> = {
  MEMBER: 'Thành viên tổ công nghệ số',
  RESIDENT: 'Người dân',
  BUSINESS: 'Doanh nghiệp, hợp tác xã',
  PARTNER: 'Doanh nghiệp đối tác',
};

export const nominationDecision: Record<NominationDecision, string> = {
  SELECTED: 'Được chọn vinh danh toàn quốc',
  NOT_SELECTED: 'Không được chọn ở cấp toàn quốc',
};

/** Where a proposal stands at the national level, once its province sent it on. */
export const nationalStatus: Partial<Record<ProposalStatus, string>> = {
  PROPOSED: 'Đã gửi lên cấp toàn quốc, đang chờ xét',
  APPROVED: 'Được khen thưởng cấp toàn quốc',
  DECLINED: 'Không được duyệt ở cấp toàn quốc',
};

export const proposalStatus: Record<ProposalStatus, string> = {
  PROPOSED: 'Đang chờ xét duyệt',
  RETURNED: 'Được trả lại để bổ sung',
  APPROVED: 'Đã được khen thưởng',
  DECLINED: 'Không được duyệt',
  WITHDRAWN: 'Đơn vị đề nghị đã rút lại',
};

export const personalDataRequestKind: Record<PersonalDataRequestKind, string> = {
  CORRECTION: 'Sửa thông tin chưa đúng',
  ERASURE: 'Xoá dữ liệu',
  RESTRICTION: 'Hạn chế xử lý dữ liệu',
  LIFT_RESTRICTION: 'Bỏ hạn chế xử lý dữ liệu',
};

export const personalDataRequestStatus: Record<PersonalDataRequestStatus, string> = {
  RECEIVED: 'Đã nhận, đang chờ cán bộ xử lý',
  DONE: 'Đã thực hiện',
  REFUSED: 'Bị từ chối',
};

export const reminderChannel: Record<ReminderChannel, string> = {
  EMAIL: 'Thư điện tử',
  ZALO: 'Tin nhắn Zalo',
};

export const unitLevel: Record<UnitLevel, string> = {
  NATION: 'Toàn quốc',
  PROVINCE: 'Tỉnh, thành phố',
  DISTRICT: 'Huyện, quận (trước năm 2025)',
  COMMUNE: 'Xã, phường, thị trấn',
  VILLAGE: 'Thôn, bản, tổ dân phố',
};

export const unitSuccession: Record<UnitSuccession, string> = {
  MERGED: 'Đã nhập vào đơn vị khác',
  DISSOLVED: 'Cấp đã giải thể',
};

export const webhookDeliveryStatus: Record<WebhookDeliveryStatus, string> = {
  PENDING: 'Đang chờ gửi',
  DELIVERED: 'Đã gửi được',
  FAILED: 'Gửi không được',
};
