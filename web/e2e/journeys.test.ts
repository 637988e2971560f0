import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { Role } from '../../subgraphs/common/auth';
import { demoId } from '../../subgraphs/common/demo';
import { GIVEN_CONSENT } from '../../subgraphs/common/testing/consent';
import { post } from '../../gateway/testing/client';
import type { TestHub } from '../../gateway/testing/hub';
import { describeInBrowser, expectAccessible, journeysInBrowser } from './browser';

/**
 * The web app's journeys in Debian's Chromium, against the whole hub (every subgraph on fresh
 * seeded databases, the gateway serving the built app): a household applies for a stall and
 * finds it, the public ledger, the organiser promoting from the waitlist, a report written offline,
 * an officer's cash and in-kind receipts.
 */
describeInBrowser('the web app in a browser', () => {
  // Each journey runs axe and two screenshots per screen: minutes on a loaded 2-core machine.
  jest.setTimeout(120_000);
  let hub: TestHub;
  let origin: string;
  let context: BrowserContext;
  let page: Page;

  const graphql = async (query: string, variables: Record<string, unknown> = {}, authorization?: string) => {
    const { body } = await post(hub.gateway.url, { query, variables }, authorization ? { authorization } : {});
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };

  /** The demo commune's fair that is taking stall applications. */
  const openFair = async (): Promise<{ id: string; title: string }> => {
    const data = await graphql('{ administrativeUnit(code: "17227") { upcomingEvents { id title status } } }');
    return data.administrativeUnit.upcomingEvents.find((event: { status: string }) => event.status === 'OPEN_FOR_APPLICATIONS');
  };

  journeysInBrowser('web_e2e', {
    ready: (started) => ({ hub, origin } = started),
    pageTimeout: 10_000,
    opened: (opened) => {
      page = opened;
      context = opened.context();
    },
  });

  it('shows the public ledger with the seeded receipts, in Vietnamese money and dates', async () => {
    const { disclosure } = await graphql(
      '{ disclosure(unitCode: "17227", from: "2025-01-01", to: "2025-12-31") { totalIncome income { receiptNumber date } } }',
    );
    expect(disclosure.income.length).toBeGreaterThan(0);
    await page.goto(`${origin}/cong-khai/17227?tu=2025-01-01&den=2025-12-31`);
    await page.getByRole('heading', { name: 'Công khai thu chi – Xã Tam Quang' }).waitFor();
    for (const { receiptNumber } of disclosure.income) await page.getByRole('cell', { name: receiptNumber, exact: true }).waitFor();
    const total = new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND' }).format(Number(disclosure.totalIncome));
    await page.getByText(total, { exact: true }).first().waitFor();
    const [year, month, day] = disclosure.income[0].date.split('-');
    await page.getByRole('cell', { name: `${day}/${month}/${year}` }).first().waitFor();
    await expectAccessible(page, 'public-ledger');
  });

  it('lets a household apply for a stall, find it by phone and reference code, and withdraw it', async () => {
    const fair = await openFair();
    await page.goto(`${origin}/ngay-hoi/17227`);
    await page.getByRole('link', { name: fair.title }).click();
    await page.getByRole('heading', { name: fair.title }).waitFor();
    await expectAccessible(page, 'fair');

    await page.getByRole('link', { name: 'Đăng ký gian hàng' }).last().click();
    await page.getByRole('heading', { name: 'Đăng ký gian hàng' }).waitFor();
    const category = page.getByLabel('Khu gian hàng');
    const firstOpen = await category.locator('option:not([disabled]):not([value=""])').first().getAttribute('value');
    await category.selectOption(firstOpen!);
    await page.getByLabel('Tên hộ, cơ sở hoặc doanh nghiệp').fill('Hộ bà Lương Thị Năm');
    await page.getByLabel('Họ tên người liên hệ').fill('Lương Thị Năm');
    await page.getByLabel('Số điện thoại').fill('12345');
    await page.getByLabel('Sản phẩm, dịch vụ trưng bày').fill('Mật ong rừng Tam Quang');
    await page.getByLabel('Tôi đồng ý').check();
    await page.getByRole('button', { name: 'Gửi đơn đăng ký' }).click();
    // The wrong field is marked and said in Vietnamese; nothing is sent.
    await page.getByText('Số điện thoại chưa đúng (ví dụ 0912345678)').waitFor();
    expect(await page.getByLabel('Số điện thoại').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'stall-application-form');

    await page.getByLabel('Số điện thoại').fill('0912 345 678');
    await page.getByRole('button', { name: 'Gửi đơn đăng ký' }).click();
    const code = (await page.getByTestId('reference-code').textContent())!.trim();
    expect(code).toMatch(/^[A-Z0-9]{8}$/);
    await expectAccessible(page, 'stall-application-sent');

    await page.getByRole('link', { name: 'Xem tình trạng đơn' }).click();
    expect(await page.getByLabel('Mã tra cứu').inputValue()).toBe(code);
    await page.getByLabel('Số điện thoại').fill('0999999999');
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await page.getByText('Không có đơn nào với số điện thoại và mã tra cứu này. Xin kiểm tra lại.').waitFor();

    await page.getByLabel('Số điện thoại').fill('0912345678');
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    const status = page.getByTestId('application-status');
    await status.waitFor();
    expect(await status.textContent()).toMatch(/Đang chờ duyệt|Đã được duyệt|Trong danh sách chờ/);
    await page.getByText('Hộ bà Lương Thị Năm').waitFor();
    await expectAccessible(page, 'application-status');

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Huỷ đơn đăng ký' }).click();
    await page.getByTestId('application-status').getByText('Đã huỷ').waitFor();
  });

  it('lets the organiser cancel an approved stall, which goes to the first on the waitlist', async () => {
    const fair = await openFair();
    const organiser = await hub.bearer({ sub: 'dev-organiser', roles: [Role.ORGANISER] });
    const { addStallCategory: category } = await graphql(
      `mutation ($eventId: ID!) { addStallCategory(eventId: $eventId, input: { name: "Khu trải nghiệm", kind: OTHER, admission: FIRST_COME, capacity: 1, codePrefix: "T" }) { id } }`,
      { eventId: fair.id },
      organiser,
    );
    const apply = (exhibitorName: string, contactPhone: string) =>
      graphql('mutation ($input: StallApplicationInput!) { applyForStall(input: $input) { status } }', {
        input: { categoryId: category.id, exhibitorKind: 'HOUSEHOLD', exhibitorName, contactName: 'Người liên hệ', contactPhone, offering: 'Chè Tam Quang', consent: { noticeVersion: '2026-01', channel: 'ONLINE_FORM' } },
      });
    expect((await apply('Hộ ông Vi Văn Một', '0911000001')).applyForStall.status).toBe('APPROVED');
    expect((await apply('Hộ bà Lô Thị Hai', '0911000002')).applyForStall.status).toBe('WAITLISTED');

    await page.goto(`${origin}/dang-nhap`);
    await page.getByRole('button', { name: 'Ban tổ chức ngày hội (Lương Thị Thu Hà)' }).click();
    await page.getByRole('link', { name: fair.title, exact: true }).click();
    const first = page.getByTestId('application-Hộ ông Vi Văn Một');
    const second = page.getByTestId('application-Hộ bà Lô Thị Hai');
    await second.getByText('Trong danh sách chờ (thứ 1)').waitFor();
    await expectAccessible(page, 'organiser-applications');

    page.once('dialog', (dialog) => void dialog.accept());
    await first.getByRole('button', { name: 'Huỷ đơn của Hộ ông Vi Văn Một' }).click();
    await first.getByText('Đã huỷ').waitFor();
    await second.getByText('Đã được duyệt – gian T01').waitFor();
  });

  it('lets the organiser score a contest’s entries, add one, and see the winners change', async () => {
    const { events } = await graphql('{ events(unitCode: "17227", first: 50) { nodes { title contests { title } } } }');
    const held = events.nodes.find((event: any) => event.contests.some((contest: any) => contest.title === 'Livestream bán nông sản'));
    await page.goto(`${origin}/dang-nhap`);
    await page.getByRole('button', { name: 'Ban tổ chức ngày hội (Lương Thị Thu Hà)' }).click();
    await page.getByRole('link', { name: `Cuộc thi của ${held.title}` }).click();
    const contest = page.getByTestId('contest-Livestream bán nông sản');
    const winners = contest.locator('ol.winners li');
    await winners.first().getByText('Tổ công nghệ số bản Xốp Cháo').waitFor();

    const score = contest.getByLabel('Điểm của Tổ công nghệ số bản Khe Chóng');
    await score.fill('150');
    await contest.getByTestId('entry-Tổ công nghệ số bản Khe Chóng').getByRole('button', { name: 'Lưu điểm' }).click();
    await contest.getByText('Điểm từ 0 đến 100').waitFor();
    expect(await score.getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'contests');

    await score.fill('95');
    await contest.getByTestId('entry-Tổ công nghệ số bản Khe Chóng').getByRole('button', { name: 'Lưu điểm' }).click();
    await winners.first().getByText('Tổ công nghệ số bản Khe Chóng').waitFor();
    await winners.nth(1).getByText('Tổ công nghệ số bản Xốp Cháo').waitFor();

    await contest.getByText('Thêm bài dự thi').first().click();
    await contest.getByLabel('Người, đội dự thi').fill('Tổ công nghệ số bản Na Hỷ');
    await contest.getByLabel('Bài, sản phẩm dự thi').fill('Chè shan tuyết');
    await contest.getByLabel('Người dự thi đã đồng ý').check();
    await contest.getByRole('button', { name: 'Thêm bài dự thi' }).click();
    await contest.getByTestId('entry-Tổ công nghệ số bản Na Hỷ').getByText('Chè shan tuyết').waitFor();
  });

  it('keeps a team leader’s report written offline on the phone and sends it once when the connection returns', async () => {
    const submissions: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.postData()?.includes('WebSubmitActivityReport')) submissions.push(request.url());
    });
    await page.goto(`${origin}/dang-nhap`);
    await page.getByRole('button', { name: 'Tổ trưởng Tổ công nghệ số bản Tân Hương' }).click();
    await page.getByRole('heading', { name: 'Báo cáo hoạt động tháng' }).waitFor();
    await page.getByText('Tổ công nghệ số cộng đồng bản Tân Hương').waitFor();

    await context.setOffline(true);
    await page.getByText('Đang không có mạng.', { exact: false }).waitFor();
    await page.getByLabel('Tháng báo cáo').fill('2026-11');
    await page.getByLabel('Lượt đến hộ gia đình').fill('35');
    await page.getByLabel('Người được hướng dẫn thanh toán trực tuyến').fill('20');
    await page.getByRole('button', { name: 'Lưu để gửi khi có mạng' }).click();
    await page.getByTestId('queued-report').getByText('đang chờ mạng để gửi').waitFor();
    await expectAccessible(page, 'activity-report-offline');
    expect(submissions).toEqual([]);

    await context.setOffline(false);
    await page.getByText('Đã gửi báo cáo.').waitFor();
    expect(await page.getByTestId('queued-report').count()).toBe(0);
    // Going offline and online again sends nothing more.
    await context.setOffline(true);
    await context.setOffline(false);
    await page.waitForTimeout(500);
    expect(submissions).toHaveLength(1);

    const leader = await hub.bearer({ sub: 'dev-leader', roles: [Role.TEAM_LEADER], team: '4f7be4c9-2a31-5084-8333-d86aaf9d7bb3' });
    const reportsOf = async (month: string) => {
      const query = `{ team(id: "4f7be4c9-2a31-5084-8333-d86aaf9d7bb3") { activityReports(period: "${month}") { month revision figures { indicator value } } } }`;
      return (await graphql(query, {}, leader)).team.activityReports;
    };
    expect(await reportsOf('2026-11')).toEqual([
      expect.objectContaining({
        month: '2026-11',
        revision: 1,
        figures: expect.arrayContaining([
          { indicator: 'HOUSEHOLD_VISITS', value: 35 },
          { indicator: 'GUIDED_ONLINE_PAYMENT', value: 20 },
        ]),
      }),
    ]);

    // The next report reaches the hub but its answer is lost on the way back: it waits, is sent
    // again with the same key when the connection returns, and shows as sent, written once.
    const keys: string[] = [];
    await page.route('**/graphql', async (route) => {
      const body = route.request().postData() ?? '';
      if (!body.includes('WebSubmitActivityReport')) return route.fallback();
      keys.push(JSON.parse(body).variables.input.idempotencyKey);
      if (keys.length > 1) return route.fallback();
      await route.fetch();
      await route.abort('connectionreset');
    });
    await page.getByLabel('Tháng báo cáo').fill('2026-10');
    await page.getByLabel('Lượt đến hộ gia đình').fill('12');
    await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
    await page.getByTestId('queued-report').getByText('đang chờ mạng để gửi').waitFor();
    expect(keys).toHaveLength(1);
    // Offline long enough for the screen to see it (a toggle within one render would not be noticed), then back.
    await context.setOffline(true);
    await page.getByText(/^Đang không có mạng\./).waitFor();
    await context.setOffline(false);
    await page.getByTestId('queued-report').waitFor({ state: 'detached' });
    await page.getByText('Đã gửi báo cáo.').waitFor();
    expect(keys).toEqual([keys[0], keys[0]]);
    expect(await reportsOf('2026-10')).toEqual([expect.objectContaining({ revision: 1, figures: expect.arrayContaining([{ indicator: 'HOUSEHOLD_VISITS', value: 12 }]) })]);
  });

  it('shows the officer the commune’s quarter: figures against targets, the teams that have not reported, and its spreadsheets to download', async () => {
    const officer = await hub.bearer({ sub: 'dev-officer', roles: [Role.OFFICER], units: ['17227'] });
    const { unitRollUp } = await graphql('{ unitRollUp(unitCode: "17227", period: "2025-Q3") { teamsNotReported { name } } }', {}, officer);
    expect(unitRollUp.teamsNotReported.length).toBeGreaterThan(0);
    await page.goto(`${origin}/dang-nhap`);
    await page.getByRole('button', { name: 'Cán bộ Xã Tam Quang' }).click();
    await page.getByRole('heading', { name: 'Tổng hợp quý 3/2025 – Xã Tam Quang' }).waitFor();
    const missing = page.getByTestId('teams-not-reported');
    for (const { name } of unitRollUp.teamsNotReported) await missing.getByText(name, { exact: true }).waitFor();
    await expectAccessible(page, 'unit-dashboard');

    // The API's spreadsheets download under their own names: the roll-up as Excel, the roster as CSV.
    const downloaded = async (button: string) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
      return { name: download.suggestedFilename(), bytes: readFileSync((await download.path())!) };
    };
    const rollUp = await downloaded('Tải bảng tổng hợp (Excel)');
    expect(rollUp.name).toMatch(/\.xlsx$/);
    expect(rollUp.bytes.subarray(0, 2).toString()).toBe('PK');
    const roster = await downloaded('Tải danh sách tổ và thành viên (CSV)');
    expect(roster.name).toMatch(/\.csv$/);
    expect(roster.bytes.toString('utf8')).toContain('Tân Hương');
  });

  it('shows a team leader the team fund with the rules in force and lets them record a new version, the earlier one kept', async () => {
    await page.goto(`${origin}/dang-nhap`);
    await page.getByRole('button', { name: 'Tổ trưởng Tổ công nghệ số bản Tân Hương' }).click();
    await page.getByRole('link', { name: 'Tổ của tôi' }).click();
    const fund = page.getByTestId('team-fund');
    await fund.getByRole('heading', { name: /Quy chế đang áp dụng \(bản 1, thông qua ngày 08\/03\/2025\)/ }).waitFor();
    await fund.getByText('Mỗi thành viên đóng 30.000 đồng/tháng', { exact: false }).first().waitFor();
    const form = fund.getByRole('form', { name: 'Ghi quy chế quỹ tổ' });
    await form.getByLabel('Quy chế quỹ tổ').fill('Mỗi thành viên đóng 40.000 đồng/tháng từ quý sau, tổ trưởng giữ quỹ và ghi sổ, công khai cuối mỗi quý.');
    await form.getByRole('button', { name: 'Ghi quy chế (bản mới)' }).click();
    await form.getByText('Đã ghi quy chế quỹ tổ, bản 2.').waitFor();
    await fund.getByRole('heading', { name: /Quy chế đang áp dụng \(bản 2,/ }).waitFor();
    await fund.getByText('Các bản trước (1)').click();
    await fund.getByRole('listitem').filter({ hasText: 'Bản 1, thông qua ngày 08/03/2025' }).waitFor();
    await expectAccessible(page, 'team-fund');
  });

  it('lets a team leader see the team and its reports and recommend a request to join, which the commune’s officer approves', async () => {
    const teamId = '4f7be4c9-2a31-5084-8333-d86aaf9d7bb3';
    await graphql('mutation ($input: JoinRequestInput!) { requestToJoin(input: $input) { id } }', {
      input: { teamId, applicant: { fullName: 'Lương Văn Sáu', phone: '0911222333', affiliation: 'STUDENT' }, reason: 'Muốn giúp bà con dùng điện thoại', consent: GIVEN_CONSENT },
    });

    await page.goto(`${origin}/dang-nhap`);
    await page.getByRole('button', { name: 'Tổ trưởng Tổ công nghệ số bản Tân Hương' }).click();
    await page.getByRole('link', { name: 'Tổ của tôi' }).click();
    await page.getByRole('heading', { name: 'Tổ công nghệ số cộng đồng bản Tân Hương' }).waitFor();
    await page.getByRole('cell', { name: 'Tổ trưởng' }).first().waitFor();
    // The report sent by the offline journey is in this year's history, with its spreadsheet.
    const { team } = await graphql(`{ team(id: "${teamId}") { activityReports(period: "${new Date().getFullYear()}") { month } } }`, {}, await hub.bearer({ sub: 'dev-leader', roles: [Role.TEAM_LEADER], team: teamId }));
    expect(team.activityReports.length).toBeGreaterThan(0);
    for (const { month } of team.activityReports) {
      await page.getByTestId('report-history').getByRole('heading', { name: `Tháng ${month.slice(5)}/${month.slice(0, 4)}`, exact: true }).waitFor();
    }
    const request = page.getByTestId('request-Lương Văn Sáu');
    await request.getByText('Đang chờ tổ trưởng xem xét').waitFor();
    await expectAccessible(page, 'team');
    await request.getByRole('button', { name: 'Đề nghị xã chấp thuận' }).click();
    await request.getByText('Tổ trưởng đã đề nghị, đang chờ Chủ tịch UBND xã quyết định').waitFor();
    expect(await request.getByRole('button', { name: 'Chấp thuận' }).count()).toBe(0);

    await page.goto(`${origin}/dang-nhap`);
    await page.getByRole('button', { name: 'Cán bộ Xã Tam Quang' }).click();
    await page.getByRole('link', { name: 'Các tổ' }).click();
    await page.getByRole('link', { name: 'Tổ công nghệ số cộng đồng bản Tân Hương' }).click();
    await request.getByRole('button', { name: 'Chấp thuận', exact: true }).click();
    await page.getByText('Đã chấp thuận đơn của Lương Văn Sáu.').waitFor();
    await page.getByRole('cell', { name: 'Lương Văn Sáu' }).waitFor();
  });

  it('lets an officer approve an expense recorded by someone else, but not one they recorded themselves', async () => {
    const officer = await hub.bearer({ sub: 'dev-officer', roles: [Role.OFFICER], units: ['17227'] });
    const { programmes } = await graphql('{ programmes(unitCode: "17227", first: 100) { nodes { id expenses { description status } } } }', {}, officer);
    const fair = programmes.nodes.find((programme: any) =>
      programme.expenses.some((expense: any) => expense.description === 'Mua nước uống cho ngày hội' && expense.status === 'PENDING'),
    );
    // The officer records spending themselves: the hub says it is theirs, so another officer must approve it.
    await graphql(
      'mutation ($input: ExpenseInput!) { recordExpense(input: $input) { id } }',
      { input: { programmeId: fair.id, amount: '300000', spentOn: '2025-10-03', description: 'In băng rôn ngày hội', evidence: 'Hóa đơn số 0001300' } },
      officer,
    );

    await page.goto(`${origin}/dang-nhap`);
    await page.getByRole('button', { name: 'Cán bộ Xã Tam Quang' }).click();
    await page.getByRole('link', { name: 'Duyệt chi' }).click();
    await page.getByRole('heading', { name: 'Duyệt khoản chi' }).waitFor();
    const own = page.getByTestId('expense-In băng rôn ngày hội');
    const others = page.getByTestId('expense-Mua nước uống cho ngày hội');
    await own.getByText('Bạn (cần cán bộ khác duyệt)').waitFor();
    await others.getByText('Người khác').waitFor();
    await others.getByText('1.200.000 ₫').waitFor();
    await others.getByText('02/10/2025', { exact: true }).waitFor();

    await own.getByRole('button', { name: 'Duyệt khoản chi In băng rôn ngày hội' }).click();
    await own.getByText('Bạn đã ghi khoản chi này nên không được tự duyệt: cần một cán bộ khác duyệt.').waitFor();
    await expectAccessible(page, 'expense-queue');

    await others.getByRole('button', { name: 'Duyệt khoản chi Mua nước uống cho ngày hội' }).click();
    await page.getByText('Đã duyệt khoản chi “Mua nước uống cho ngày hội” (1.200.000 ₫).').waitFor();
    await others.waitFor({ state: 'detached' });
    await own.waitFor();

    const { programme } = await graphql('query ($id: ID!) { programme(id: $id) { expenses { description status } } }', { id: fair.id }, officer);
    expect(programme.expenses).toEqual(
      expect.arrayContaining([
        { description: 'Mua nước uống cho ngày hội', status: 'APPROVED' },
        { description: 'In băng rôn ngày hội', status: 'PENDING' },
      ]),
    );
  });

  it('lets an officer see a programme’s budget against actual, record a cash receipt and print it', async () => {
    await page.goto(`${origin}/dang-nhap`);
    await page.getByRole('button', { name: 'Cán bộ Xã Tam Quang' }).click();
    await page.getByRole('link', { name: 'Chương trình', exact: true }).click();
    await page.getByRole('link', { name: 'Ngày hội chuyển đổi số xã Tam Quang 2025' }).click();
    await page.getByRole('heading', { name: 'Dự toán và thực hiện' }).waitFor();
    // The seed's stage line is over its estimate: the budget says so.
    await page.getByText(/^Vượt dự toán/).first().waitFor();
    await expectAccessible(page, 'programme-budget');

    await page.getByRole('link', { name: 'Ghi phiếu thu' }).click();
    await page.getByLabel('Số tiền (đồng)').fill('một triệu');
    await page.getByRole('button', { name: 'Ghi và in phiếu thu' }).click();
    await page.getByText('Số tiền là số đồng lớn hơn 0, ví dụ 1.500.000').waitFor();
    expect(await page.getByLabel('Số tiền (đồng)').getAttribute('aria-invalid')).toBe('true');
    // A date the hub refuses: its field is marked from the API's answer.
    await page.getByLabel('Số tiền (đồng)').fill('1.500.000');
    await page.getByLabel('Ngày nhận').fill('2099-12-31');
    await page.getByRole('button', { name: 'Ghi và in phiếu thu' }).click();
    await page.getByText('Thông tin chưa hợp lệ, xin kiểm tra lại ô được đánh dấu.').waitFor();
    expect(await page.getByLabel('Ngày nhận').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'record-receipt');

    await page.getByLabel('Ngày nhận').fill('2025-10-04');
    await page.getByLabel('Hình thức nhận').selectOption({ label: 'Chuyển khoản' });
    await page.getByRole('button', { name: 'Ghi và in phiếu thu' }).click();
    const slip = page.getByTestId('receipt-slip');
    await slip.getByText('1.500.000 ₫', { exact: true }).waitFor();
    await slip.getByText('04/10/2025', { exact: true }).waitFor();
    await slip.getByText('Chuyển khoản', { exact: true }).waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(/^Phiếu thu số 17227\/2025\/\d{4}$/);
    await expectAccessible(page, 'receipt-print');
    // Printed, the slip stands alone: no menu, no buttons.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header.top').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'In phiếu thu' }).isVisible()).toBe(false);
    expect(await slip.isVisible()).toBe(true);
    // Axe and screenshots of the programme's long page (revisions, receipts and their papers) take a while.
  }, 240_000);

  it('lets an officer record gifts in kind, two lines, and print their receipt', async () => {
    await page.goto(`${origin}/dang-nhap`);
    await page.getByRole('button', { name: 'Cán bộ Xã Tam Quang' }).click();
    await page.getByRole('link', { name: 'Chương trình', exact: true }).click();
    await page.getByRole('link', { name: 'Ngày hội chuyển đổi số xã Tam Quang 2025' }).click();
    await page.getByRole('link', { name: 'Ghi phiếu thu' }).click();
    await page.getByRole('radio', { name: 'Hiện vật' }).check();
    const line = (n: number) => page.getByRole('group', { name: `Hiện vật ${n}` });
    await line(1).getByLabel('Loại').selectOption({ label: 'Thẻ SIM' });
    await line(1).getByLabel('Số lượng').fill('0');
    await page.getByRole('button', { name: 'Ghi và in phiếu thu' }).click();
    // Lines checked before sending: a description missing, a quantity under 1, no value.
    await line(1).getByText('Ít nhất 1').waitFor();
    for (const label of ['Mô tả', 'Số lượng', 'Giá trị ước tính mỗi món (đồng)']) expect(await line(1).getByLabel(label).getAttribute('aria-invalid')).toBe('true');
    await line(1).getByLabel('Mô tả').fill('SIM 4G Viettel');
    await line(1).getByLabel('Số lượng').fill('50');
    await line(1).getByLabel('Giá trị ước tính mỗi món (đồng)').fill('50.000');
    await page.getByRole('button', { name: 'Thêm hiện vật' }).click();
    await line(2).getByLabel('Loại').selectOption({ label: 'Thiết bị' });
    await line(2).getByLabel('Mô tả').fill('Máy tính bảng cho điểm hỗ trợ');
    await line(2).getByLabel('Số lượng').fill('2');
    await line(2).getByLabel('Giá trị ước tính mỗi món (đồng)').fill('3.000.000');
    await page.getByLabel('Ngày nhận').fill('2025-10-06');
    await expectAccessible(page, 'record-receipt-in-kind');
    await page.getByRole('button', { name: 'Ghi và in phiếu thu' }).click();

    const slip = page.getByTestId('receipt-slip');
    await slip.getByText('Thẻ SIM: SIM 4G Viettel, 50 × 50.000 ₫').waitFor();
    await slip.getByText('Thiết bị: Máy tính bảng cho điểm hỗ trợ, 2 × 3.000.000 ₫').waitFor();
    await slip.getByText('8.500.000 ₫', { exact: true }).waitFor();
    const heading = await page.getByRole('heading', { level: 1 }).textContent();
    expect(heading).toMatch(/^Phiếu thu số 17227\/2025\/\d{4}$/);
    await expectAccessible(page, 'receipt-in-kind');

    const officer = await hub.bearer({ sub: 'dev-officer', roles: [Role.OFFICER], units: ['17227'] });
    const { programmes } = await graphql(
      '{ programmes(unitCode: "17227", first: 100) { nodes { name receipts { receiptNumber kind amount receivedOn gifts { itemKind description quantity unitValue } } } } }',
      {},
      officer,
    );
    const programme = programmes.nodes.find((found: { name: string }) => found.name === 'Ngày hội chuyển đổi số xã Tam Quang 2025');
    const receipt = programme.receipts.filter((found: { receiptNumber: string }) => heading!.endsWith(found.receiptNumber));
    expect(receipt).toEqual([
      {
        receiptNumber: expect.any(String),
        kind: 'IN_KIND',
        amount: '8500000',
        receivedOn: '2025-10-06',
        gifts: expect.arrayContaining([
          { itemKind: 'SIM_CARD', description: 'SIM 4G Viettel', quantity: 50, unitValue: '50000' },
          { itemKind: 'DEVICE', description: 'Máy tính bảng cho điểm hỗ trợ', quantity: 2, unitValue: '3000000' },
        ]),
      },
    ]);
  }, 240_000);

  it('lets an officer download a team’s activity programme (form 6.2) and work assignments (form 6.5) of a year with a plan', async () => {
    await page.goto(`${origin}/dang-nhap`);
    await page.getByRole('button', { name: 'Cán bộ Xã Tam Quang' }).click();
    await page.getByRole('link', { name: 'Các tổ' }).click();
    await page.getByRole('link', { name: 'Tổ công nghệ số cộng đồng xã Tam Quang' }).click();
    // The seed's plan is for 2025.
    await page.getByLabel('Năm').selectOption('2025');
    await page.getByRole('button', { name: 'Xem' }).click();
    const papers = page.getByTestId('team-papers');
    const downloaded = async (name: RegExp) => {
      const [download] = await Promise.all([page.waitForEvent('download'), papers.getByRole('button', { name }).click()]);
      return { name: download.suggestedFilename(), bytes: readFileSync((await download.path())!) };
    };
    const programme = await downloaded(/^Tải chương trình hoạt động năm \d{4} \(mẫu 6\.2, Excel\)$/);
    expect(programme.name).toMatch(/\.xlsx$/);
    expect(programme.bytes.subarray(0, 2).toString()).toBe('PK');
    const assignments = await downloaded(/^Tải bảng phân công nhiệm vụ năm \d{4} \(mẫu 6\.5, PDF\)$/);
    expect(assignments.name).toMatch(/\.pdf$/);
    expect(assignments.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    await expectAccessible(page, 'team-papers');
    // The approved plan's sections (form 6.3) are read, not edited; its paper downloads.
    await page.getByRole('heading', { name: 'Kế hoạch hoạt động năm 2025' }).waitFor();
    await page.getByText('II. Thời gian - địa điểm').waitFor();
    expect(await page.getByRole('button', { name: 'Lưu kế hoạch' }).count()).toBe(0);
    const plan = await downloaded(/^Tải kế hoạch hoạt động năm 2025 \(mẫu 6\.3, PDF\)$/);
    expect(plan.name).toMatch(/^ke-hoach-hoat-dong-2025-.*\.pdf$/);
    expect(plan.bytes.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('lets an officer write the sections of a draft plan (form 6.3), refused fields marked, and download it', async () => {
    const officer = await hub.bearer({ sub: 'dev-officer', roles: [Role.OFFICER], units: ['17227'] });
    const { administrativeUnit } = await graphql('{ administrativeUnit(code: "17227") { teamsUnder(first: 100) { nodes { id name } } } }', {}, officer);
    const team = administrativeUnit.teamsUnder.nodes.find((found: { name: string }) => found.name === 'Tổ công nghệ số cộng đồng xã Tam Quang');
    const year = new Date().getFullYear();
    await graphql('mutation ($input: ActivityPlanInput!) { saveActivityPlan(input: $input) { id } }', { input: { teamId: team.id, year, title: `Kế hoạch năm ${year}` } }, officer);

    await page.goto(`${origin}/dang-nhap`);
    await page.getByRole('button', { name: 'Cán bộ Xã Tam Quang' }).click();
    await page.getByRole('link', { name: 'Các tổ' }).click();
    await page.getByRole('link', { name: team.name }).click();
    await page.getByLabel('Năm', { exact: true }).selectOption(String(year));
    await page.getByRole('button', { name: 'Xem' }).click();
    await page.getByText('Dự thảo, chưa được phê duyệt.').waitFor();
    await page.getByLabel('I. Mục đích ý nghĩa').fill('x'.repeat(5001));
    await page.getByRole('button', { name: 'Lưu kế hoạch' }).click();
    await page.getByText('Mục này dài quá 5000 ký tự').waitFor();
    await page.getByLabel('I. Mục đích ý nghĩa').fill('Giúp người dân trong xã dùng thành thạo thanh toán trực tuyến');
    await page.getByLabel('V. Ban chỉ đạo, ban tổ chức').fill('Trưởng ban: Phó Chủ tịch UBND xã');
    await page.getByRole('button', { name: 'Lưu kế hoạch' }).click();
    await page.getByText('Đã lưu các mục của kế hoạch.').waitFor();
    const saved = await graphql(`query ($id: ID!) { team(id: $id) { plan(year: ${year}) { purpose organisers schedule } } }`, { id: team.id }, officer);
    expect(saved.team.plan).toEqual({ purpose: 'Giúp người dân trong xã dùng thành thạo thanh toán trực tuyến', organisers: 'Trưởng ban: Phó Chủ tịch UBND xã', schedule: null });
    await expectAccessible(page, 'team-plan-sections');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: `Tải kế hoạch hoạt động năm ${year} (mẫu 6.3, PDF)` }).click()]);
    expect(readFileSync((await download.path())!).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('lets an officer revise a programme’s budget estimate, not approve their own revision, approve another’s, and download the estimate', async () => {
    const officer = await hub.bearer({ sub: 'dev-officer', roles: [Role.OFFICER], units: ['17227'] });
    const { programmes } = await graphql('{ programmes(unitCode: "17227", first: 100) { nodes { id name } } }', {}, officer);
    const fair = programmes.nodes.find((programme: any) => programme.name === 'Ngày hội chuyển đổi số xã Tam Quang 2025');

    await page.goto(`${origin}/dang-nhap`);
    await page.getByRole('button', { name: 'Cán bộ Xã Tam Quang' }).click();
    await page.getByRole('link', { name: 'Chương trình', exact: true }).click();
    await page.getByRole('link', { name: fair.name }).click();
    await page.getByRole('heading', { name: 'Các lần lập dự toán' }).waitFor();
    await page.getByTestId('budget-revision-1').getByText('Dự toán ban đầu').waitFor();
    await page.getByText('Dự toán chưa được duyệt: chương trình còn điều chỉnh được dự toán.').waitFor();

    const [estimate] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải dự toán kinh phí (PDF)' }).click()]);
    expect(estimate.suggestedFilename()).toMatch(/\.pdf$/);
    expect(readFileSync((await estimate.path())!).subarray(0, 5).toString()).toBe('%PDF-');

    await page.getByRole('button', { name: 'Điều chỉnh dự toán' }).click();
    await page.getByLabel('Số lượng: Nước uống').fill('không');
    await page.getByRole('button', { name: 'Lưu dự toán điều chỉnh' }).click();
    await page.getByText('Xin nhập số nguyên').waitFor();
    await page.getByLabel('Số lượng: Nước uống').fill('400');
    await page.getByLabel('Lý do điều chỉnh').fill('Số người tham gia dự kiến tăng lên 400');
    await expectAccessible(page, 'budget-revise');
    await page.getByRole('button', { name: 'Lưu dự toán điều chỉnh' }).click();
    await page.getByText('Đã lưu dự toán điều chỉnh lần 2, chờ cán bộ xã duyệt.').waitFor();
    const second = page.getByTestId('budget-revision-2');
    await second.getByText('Số người tham gia dự kiến tăng lên 400').waitFor();
    await second.getByText('Bạn', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Duyệt dự toán' }).click();
    await page.getByText('Bạn đã lập hoặc điều chỉnh lần dự toán này nên không được tự duyệt: cần một cán bộ khác duyệt.').waitFor();
    await expectAccessible(page, 'budget-revisions');

    // Another officer of the commune revises it once more: this officer may approve that version.
    const colleague = await hub.bearer({ sub: 'dev-officer-2', roles: [Role.OFFICER], units: ['17227'] });
    const { programme: current } = await graphql('query ($id: ID!) { programme(id: $id) { budget { lines { id side item unit unitPrice quantity note } } } }', { id: fair.id }, officer);
    await graphql(
      'mutation ($input: ReviseBudgetInput!) { reviseBudget(input: $input) { number } }',
      { input: { programmeId: fair.id, reason: 'Rà soát lại đơn giá phông bạt', budget: current.budget.lines } },
      colleague,
    );
    // Signed in afresh (the session lives in memory only), the officer finds that version.
    await page.goto(`${origin}/dang-nhap`);
    await page.getByRole('button', { name: 'Cán bộ Xã Tam Quang' }).click();
    await page.getByRole('link', { name: 'Chương trình', exact: true }).click();
    await page.getByRole('link', { name: fair.name }).click();
    await page.getByTestId('budget-revision-3').getByText('Người khác').waitFor();
    await page.getByRole('button', { name: 'Duyệt dự toán' }).click();
    await page.getByText('Đã duyệt dự toán kinh phí. Từ nay dự toán không điều chỉnh được nữa.').waitFor();
    await page.getByTestId('budget-approval').getByText(/^Dự toán đã được duyệt ngày/).waitFor();
    expect(await page.getByRole('button', { name: 'Điều chỉnh dự toán' }).count()).toBe(0);
    await expectAccessible(page, 'budget-approved');
    // Three screens checked and photographed at two widths: longer than one journey's usual share.
  }, 240_000);

  it('shows the officer the sponsor pipeline: what is overdue or due soon, whom to call, each sponsor’s history', async () => {
    const officer = await hub.bearer({ sub: 'dev-officer', roles: [Role.OFFICER], units: ['17227'] });
    const { pledgeFollowUp } = await graphql(
      '{ pledgeFollowUp(unitCode: "17227", withinDays: 30) { instalments { instalment { status outstanding } sponsor { name } sponsorContacts { phone } } } }',
      {},
      officer,
    );
    const overdue = pledgeFollowUp.instalments.find((one: any) => one.instalment.status === 'OVERDUE');
    expect(overdue).toBeDefined();
    await page.goto(`${origin}/dang-nhap`);
    await page.getByRole('button', { name: 'Cán bộ Xã Tam Quang' }).click();
    await page.getByRole('link', { name: 'Nhà tài trợ' }).click();
    const table = page.getByTestId('instalments-to-follow-up');
    const row = table.getByRole('row').filter({ hasText: overdue.sponsor.name }).filter({ hasText: 'Quá hạn' });
    await row.getByText(new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND' }).format(Number(overdue.instalment.outstanding))).waitFor();
    if (overdue.sponsorContacts[0]?.phone) await row.getByRole('link', { name: overdue.sponsorContacts[0].phone }).waitFor();
    const card = page.getByTestId(`sponsor-${overdue.sponsor.name}`);
    await card.getByText('Quá trình quan hệ', { exact: false }).click();
    await card.getByRole('listitem').first().waitFor();
    await expectAccessible(page, 'sponsor-pipeline');
  });

  it('shows partner staff their trainings with attendance and their onboardings, and lets an admin issue and revoke a partner’s API key', async () => {
    const partnerId = demoId('partner:viettel');
    const staff = await hub.bearer({ sub: 'dev-viettel', roles: [Role.PARTNER], partner: partnerId });
    const { trainings, onboardings, partner } = await graphql(
      'query ($id: ID!) { partner(id: $id) { name } trainings(partnerId: $id, first: 50) { nodes { title attendeeCount } } onboardings(partnerId: $id, first: 50) { totalCount } }',
      { id: partnerId },
      staff,
    );
    expect(trainings.nodes.length).toBeGreaterThan(0);
    await page.goto(`${origin}/dang-nhap`);
    await page.getByRole('button', { name: 'Nhân viên Viettel Nghệ An' }).click();
    await page.getByRole('heading', { name: `Hoạt động của ${partner.name}` }).waitFor();
    for (const training of trainings.nodes) {
      await page.getByTestId(`training-${training.title}`).getByText(`${training.attendeeCount} người tham dự`).waitFor();
    }
    await page.getByRole('heading', { name: `Hộ, cơ sở được hỗ trợ lên nền tảng (${onboardings.totalCount})` }).waitFor();
    await expectAccessible(page, 'partner-work');

    await page.goto(`${origin}/dang-nhap`);
    await page.getByRole('button', { name: 'Quản trị hệ thống' }).click();
    await page.getByLabel('Doanh nghiệp').selectOption({ label: partner.name });
    await page.getByRole('button', { name: 'Cấp khoá' }).click();
    await page.getByText('Mục đích sử dụng khoá cần ít nhất 3 ký tự').waitFor();
    await page.getByLabel('Mục đích sử dụng').fill('Hệ thống đào tạo Viettel Nghệ An');
    await page.getByRole('button', { name: 'Cấp khoá' }).click();
    expect((await page.getByTestId('issued-key').textContent())!.trim().length).toBeGreaterThan(20);
    const key = page.getByTestId('key-Hệ thống đào tạo Viettel Nghệ An');
    await expectAccessible(page, 'partner-keys');
    page.once('dialog', (dialog) => void dialog.accept());
    await key.getByRole('button', { name: 'Thu hồi' }).click();
    await key.getByText(/^Đã thu hồi ngày \d{2}\/\d{2}\/\d{4}$/).waitFor();
  });

  it('serves the app with a strict Content-Security-Policy, immutable hashed assets and client routes', async () => {
    const response = await fetch(`${origin}/su-kien/khong-co`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await response.text();
    const script = html.match(/src="(\/assets\/[^"]+\.js)"/)![1];
    const asset = await fetch(`${origin}${script}`);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${origin}/`)).headers.get('cache-control')).toBe('no-cache');
  });

  it('lists icons a phone installs the app with, each served as the image it says', async () => {
    type Icon = { src: string; sizes: string; type: string; purpose: string };
    const manifest = (await (await fetch(`${origin}/manifest.webmanifest`)).json()) as { icons: Icon[] };
    expect(manifest.icons.map((icon) => `${icon.sizes} ${icon.purpose}`)).toEqual(['any any', '192x192 any', '512x512 any', '512x512 maskable']);
    for (const icon of manifest.icons) {
      const response = await fetch(`${origin}${icon.src}`);
      expect({ src: icon.src, status: response.status, type: response.headers.get('content-type')?.split(';')[0] }).toEqual({ src: icon.src, status: 200, type: icon.type });
      const bytes = Buffer.from(await response.arrayBuffer());
      // A PNG's header says its width and height (bytes 16–23): the size the manifest claims.
      if (icon.type === 'image/png') expect(`${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`).toBe(icon.sizes);
    }
  });

  it('opens the bundled GraphiQL at /graphql in development, within the Content-Security-Policy', async () => {
    const refused: string[] = [];
    page.on('console', (message) => /Content Security Policy/i.test(message.text()) && refused.push(message.text()));
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${origin}/graphql`);
    await page.locator('.graphiql-container').waitFor();
    expect(refused).toEqual([]);
  });
});
