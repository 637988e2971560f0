/**
 * Vietnamese, the hub's default language: every message a person can read, in the domain's words.
 * `en.ts` has the same keys and the same {{placeholders}} (messages.test.ts checks).
 */
export const vi = {
  refusals: {
    signIn: 'Bạn cần đăng nhập để làm việc này',
    notAllowed: 'Việc này chỉ dành cho {{who}}',
  },
  input: {
    problem: '{{field}}: {{message}}',
    moreProblems_other: '{{first}} (và {{count}} lỗi khác)',
  },
  notFound: '{{type}} {{id}} không tồn tại',
  /** Who may do what, named as people know them (the authorization matrix's roles). */
  who: {
    ADMIN: 'quản trị viên',
    OFFICER: 'cán bộ Đoàn phụ trách đơn vị',
    TEAM_LEADER: 'tổ trưởng, tổ phó của tổ',
    ORGANISER: 'ban tổ chức sự kiện',
    PARTNER: 'doanh nghiệp đối tác',
    MEMBER: 'thành viên của tổ',
    VOLUNTEER: 'tình nguyện viên',
    dataSubject: 'chính người có dữ liệu (xác nhận bằng mã gửi tới số điện thoại của họ)',
  },
  /** What a record is called, for "… không tồn tại". */
  types: {
    ActivityPlan: 'Kế hoạch hoạt động',
    ActivityReport: 'Báo cáo hoạt động',
    AdministrativeUnit: 'Đơn vị hành chính',
    Allocation: 'Lượt cấp phát',
    Contest: 'Cuộc thi',
    ContestEntry: 'Lượt dự thi',
    Event: 'Sự kiện',
    Expense: 'Khoản chi',
    Gift: 'Lô hiện vật',
    ImportJob: 'Lượt nhập danh sách',
    Member: 'Thành viên',
    MembershipRequest: 'Đơn xin gia nhập',
    Offer: 'Ưu đãi',
    Onboarding: 'Lượt hỗ trợ hộ dân',
    Partner: 'Doanh nghiệp đối tác',
    PartnerCredential: 'Khoá kết nối của đối tác',
    Person: 'Người',
    PersonalDataRequest: 'Yêu cầu về dữ liệu cá nhân',
    PlannedShift: 'Ca tình nguyện',
    Pledge: 'Cam kết tài trợ',
    Programme: 'Chương trình',
    Receipt: 'Phiếu thu',
    RewardProposal: 'Đề nghị khen thưởng',
    Sponsor: 'Nhà tài trợ',
    StallApplication: 'Đơn đăng ký gian hàng',
    StallCategory: 'Loại gian hàng',
    Team: 'Tổ công nghệ số cộng đồng',
    Training: 'Buổi tập huấn',
    Volunteer: 'Tình nguyện viên',
    VolunteerShift: 'Giờ tình nguyện',
    WebhookDelivery: 'Lượt gửi webhook',
    WebhookEndpoint: 'Địa chỉ nhận webhook',
    WorkAssignment: 'Phân công nhiệm vụ',
  },
  /** Contest prizes from in-kind stock: the events subgraph names the lot, resources records the hand-over. */
  prizes: {
    lotUnknown: 'không phải lô hiện vật nào đã nhận',
    lotElsewhere: 'lô hiện vật này không thuộc đơn vị tổ chức sự kiện (hay đơn vị trực thuộc)',
    notAPrize: 'không phải giải thưởng của cuộc thi nào',
    noLot: 'giải này không trao hiện vật từ lô nào',
    tied: '{{count}} lượt dự thi đồng hạng {{rank}}: ban tổ chức cần phân định thứ hạng trước khi trao giải',
    noWinner: 'chưa có lượt dự thi nào đạt hạng {{rank}}',
    handedOver: 'giải này đã được trao',
    tieOfOneScore: 'phải là các lượt dự thi đã chấm cùng một số điểm của cuộc thi này',
    tieWhole: 'phải kể đủ {{count}} lượt dự thi cùng {{score}} điểm, mỗi lượt một lần',
  },
} as const;
