import type { Page } from 'playwright-core';
import type { TestHub } from '../../gateway/testing/hub';
import { Role } from '../../subgraphs/common/auth';
import { demoId } from '../../subgraphs/common/demo';
import { describeInBrowser, expectAccessible, journeysInBrowser } from './browser';

/**
 * Issue 18's people journeys in Chromium, against the whole hub: a resident asks to join a team
 * through its shared link, finds the request by phone and reference code and withdraws it; a
 * member asks to leave their team themselves; a volunteer signs up for a shift and logs their own
 * hours, which an officer approves; an officer reads the province's nominations for 10 October
 * with their form and approves a village's reward proposal, which goes on to the province while the
 * public honour roll lists those approved; an officer launches a campaign, nominates a member with
 * the figures filled from the team's reports and the partners' trainings, proposes a reward and
 * withdraws it, and resends one the province returned; a member signed in agrees to be named later;
 * the national level selects a nominee and approves what a province sent on onto the national roll.
 */
describeInBrowser('people acting for themselves, in a browser', () => {
  // A journey with a hub and a browser takes most of a minute on a loaded machine.
  jest.setTimeout(120_000);
  let origin: string;
  let hub: TestHub;
  let page: Page;

  journeysInBrowser('web_people', {
    ready: (started) => ({ origin, hub } = started),
    pageTimeout: 10_000,
    opened: (opened) => (page = opened),
  });

  it('lets a resident ask to join a team, find the request by phone and reference code, and withdraw it', async () => {
    await page.goto(`${origin}/to/${demoId('team:17227.02')}/xin-gia-nhap`);
    await page.getByRole('heading', { name: 'Xin gia nhập tổ công nghệ số cộng đồng' }).waitFor();
    await page.getByLabel('Họ và tên').fill('Lô Thị Mai');
    await page.getByLabel('Số điện thoại').fill('12345');
    await page.getByRole('button', { name: 'Gửi đơn xin gia nhập' }).click();
    await page.getByText('Số điện thoại chưa đúng (ví dụ 0912345678)').waitFor();
    await expectAccessible(page, 'join-request-form');

    await page.getByLabel('Số điện thoại').fill('0913 456 789');
    await page.getByLabel('Bạn là').selectOption('STUDENT');
    await page.getByLabel('Tôi đồng ý').check();
    await page.getByRole('button', { name: 'Gửi đơn xin gia nhập' }).click();
    const code = (await page.getByTestId('reference-code').textContent())!.trim();
    expect(code).toMatch(/^[A-Z0-9]{8}$/);
    await expectAccessible(page, 'join-request-sent');

    await page.getByRole('link', { name: 'Xem tình trạng đơn' }).click();
    expect(await page.getByLabel('Mã tra cứu').inputValue()).toBe(code);
    await page.getByLabel('Số điện thoại').fill('0913456789');
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await page.getByTestId('join-request-status').getByText('Đang chờ tổ trưởng xem xét').waitFor();
    await expectAccessible(page, 'join-request-status');

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Rút đơn xin gia nhập' }).click();
    await page.getByTestId('join-request-status').getByText('Đã rút đơn').waitFor();
  });

  it('lets a member ask to leave their team themselves', async () => {
    await page.goto(`${origin}/dang-nhap`);
    await page.getByRole('button', { name: 'Thành viên Tổ công nghệ số bản Tân Hương' }).click();
    await page.getByRole('link', { name: 'Xin thôi tham gia tổ' }).click();
    await page.getByText('Tổ công nghệ số cộng đồng bản Tân Hương').waitFor();
    await page.getByLabel('Lý do (không bắt buộc)').fill('Đi làm ăn xa');
    await expectAccessible(page, 'leave-request');
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Gửi đơn xin thôi' }).click();
    await page.getByText('Đang chờ tổ trưởng xem xét').waitFor();
  });

  it('lets a volunteer sign up for a shift and log their hours, and an officer approve them', async () => {
    await page.goto(`${origin}/dang-nhap`);
    await page.getByRole('button', { name: 'Tình nguyện viên Nguyễn Thị Thu Trang (sinh viên)' }).click();
    await page.getByRole('link', { name: 'Tình nguyện', exact: true }).click();
    await page.getByText('đã được duyệt 4 giờ').waitFor();
    const shift = page.getByTestId('ca-Trực gian hàng số tại ngày hội');
    await shift.getByRole('button', { name: 'Đăng ký ca này' }).click();
    await page.getByText('Đã đăng ký ca “Trực gian hàng số tại ngày hội”.').waitFor();
    await shift.getByText('Đã đăng ký 1/4').waitFor();

    await page.getByLabel('Chương trình').selectOption({ label: 'Ngày hội chuyển đổi số xã Tam Quang 2025' });
    await page.getByLabel('Số giờ', { exact: true }).fill('1,1');
    await page.getByRole('button', { name: 'Gửi số giờ để duyệt' }).click();
    await page.getByText('Thông tin chưa hợp lệ, xin kiểm tra lại ô được đánh dấu.').waitFor();
    await page.getByLabel('Số giờ', { exact: true }).fill('1,5');
    await page.getByLabel('Công việc đã làm (không bắt buộc)').fill('Hướng dẫn nộp hồ sơ trực tuyến');
    await page.getByRole('button', { name: 'Gửi số giờ để duyệt' }).click();
    await page.getByText('Đã ghi 1,5 giờ: đang chờ cán bộ hoặc tổ trưởng duyệt.').waitFor();
    await expectAccessible(page, 'volunteer');

    await page.getByRole('button', { name: /Đăng xuất/ }).click();
    await page.goto(`${origin}/dang-nhap`);
    await page.getByRole('button', { name: 'Cán bộ Xã Tam Quang' }).click();
    await page.getByRole('link', { name: 'Duyệt giờ tình nguyện' }).click();
    const logged = page.getByTestId('gio-Hướng dẫn nộp hồ sơ trực tuyến');
    await logged.getByText('Nguyễn Thị Thu Trang').waitFor();
    await expectAccessible(page, 'volunteer-hours-queue');
    await logged.getByRole('button', { name: 'Duyệt số giờ của Nguyễn Thị Thu Trang', exact: true }).click();
    await page.getByText('Đã duyệt số giờ của Nguyễn Thị Thu Trang.').waitFor();
    // The queue is asked again after the decision: the approved hours leave it.
    await logged.waitFor({ state: 'detached' });
  });

  it('lets an officer read the nominations’ form and approve a village’s proposal on to the province, and the public read the honour roll', async () => {
    await page.goto(`${origin}/dang-nhap`);
    await page.getByRole('button', { name: 'Cán bộ Xã Tam Quang' }).click();
    await page.getByRole('link', { name: 'Thi đua, khen thưởng' }).click();
    await page.getByRole('heading', { name: /đi từng ngõ, gõ từng nhà/ }).waitFor();
    await page.getByRole('button', { name: 'Xem thành viên được đề cử và phiếu thông tin' }).click();
    await page.getByTestId('de-cu-2').getByText('Trưởng bản Xốp Cháo').waitFor();
    await page.getByTestId('de-cu-1').getByText('412').waitFor();
    const form = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Tải phiếu thông tin (PDF)' }).click();
    expect((await form).suggestedFilename()).toMatch(/^de-cu-tieu-bieu-17227-2025-10-01\.pdf$/);
    const waiting = page.getByTestId('de-nghi-Moong Văn Sơn');
    await waiting.getByText('Giấy khen của Chủ tịch UBND xã').waitFor();
    await expectAccessible(page, 'recognition');
    await waiting.getByRole('button', { name: 'Duyệt đề nghị khen thưởng Moong Văn Sơn', exact: true }).click();
    await page.getByText('Đã duyệt đề nghị khen thưởng Moong Văn Sơn.').waitFor();
    await waiting.waitFor({ state: 'detached' });

    await page.getByRole('button', { name: /Đăng xuất/ }).click();
    await page.goto(`${origin}/vinh-danh/40`);
    await page.getByRole('heading', { name: 'Hợp tác xã Chè Tam Quang' }).waitFor();
    await page.getByRole('heading', { name: 'Lô Minh Dũng' }).waitFor();
    // Residents who did not agree to be named are listed by what they are and their reward, without what they did (it can point to them).
    await page.getByRole('heading', { name: 'Một người dân' }).first().waitFor();
    expect(await page.getByText(/Moong Văn Sơn|Vi Văn Thành|Người dân tình nguyện chở tổ công nghệ số/).count()).toBe(0);
    // Approved by the commune only, the village's proposal waits for the province: not on the roll yet.
    expect(await page.getByText('Cho mượn nhà làm điểm hướng dẫn dịch vụ công trực tuyến').count()).toBe(0);
    await expectAccessible(page, 'honour-roll');
  });

  it('lets an officer launch a campaign, nominate a member with prefilled figures, propose a reward and withdraw it, and resend a returned one', async () => {
    // Confirmations say yes; the prompt for a returned proposal gets the reworked achievements.
    page.on('dialog', (dialog) => void dialog.accept(dialog.type() === 'prompt' ? 'Hỗ trợ 85 người dân cài đặt 140 ứng dụng trong chiến dịch.' : undefined));
    await page.goto(`${origin}/dang-nhap`);
    await page.getByRole('button', { name: 'Cán bộ Xã Tam Quang' }).click();
    await page.getByRole('link', { name: 'Thi đua, khen thưởng' }).click();
    await page.getByRole('link', { name: 'Phát động phong trào' }).click();
    await page.getByRole('button', { name: 'Phát động' }).click();
    await page.getByText('Tên phong trào cần ít nhất 5 ký tự').waitFor();
    await page.getByLabel('Tên phong trào').fill('Tháng cao điểm “Bình dân học vụ số” xã Tam Quang');
    await page.getByLabel('Từ ngày').fill('2025-10-01');
    await page.getByLabel('Đến ngày').fill('2025-10-31');
    await page.getByLabel('Tiêu chí').fill('Số người dân được hướng dẫn\nSố hộ được đến tận nhà');
    await page.getByLabel('Số thành viên mỗi tỉnh được đề cử').fill('1');
    await expectAccessible(page, 'launch-campaign');
    await page.getByRole('button', { name: 'Phát động' }).click();
    await page.getByText(/Đã phát động phong trào/).waitFor();

    await page.getByRole('link', { name: 'Về trang thi đua, khen thưởng' }).click();
    const launched = page.locator('[data-testid^="phong-trao-"]', { has: page.getByRole('heading', { name: /Bình dân học vụ số/ }) });
    await launched.getByRole('link', { name: 'Đề cử thành viên tiêu biểu' }).click();
    await page.getByLabel('Thành viên được đề cử').selectOption(demoId('member:17227:0'));
    // The trainings Viettel and VNPT recorded for the commune's leader, through the gateway.
    await page.getByText(/Doanh nghiệp đối tác ghi nhận:/).waitFor();
    expect(Number(await page.getByLabel('Số lớp tập huấn đã dự').inputValue())).toBeGreaterThan(0);
    await page.getByLabel('Thành tích tiêu biểu').fill('Tổ chức 12 buổi “cà phê số” tại nhà văn hoá các bản trong tháng cao điểm.');
    await expectAccessible(page, 'nominate-member');
    await page.getByRole('button', { name: 'Gửi đề cử' }).click();
    await page.getByText('Đã đề cử vào suất 1 của tỉnh.').waitFor();

    await page.getByRole('link', { name: 'Về trang thi đua, khen thưởng' }).click();
    await page.getByRole('link', { name: 'Đề nghị khen thưởng' }).click();
    await page.getByLabel('Đề nghị khen thưởng cho').selectOption('BUSINESS');
    await page.getByLabel('Tên đơn vị').fill('Hợp tác xã Mật ong Tam Quang');
    await page.getByLabel('Hình thức khen thưởng').fill('Giấy khen của Chủ tịch UBND tỉnh');
    await page.getByLabel('Thành tích', { exact: true }).fill('Đưa 8 sản phẩm mật ong lên sàn thương mại điện tử trong chiến dịch.');
    await expectAccessible(page, 'propose-reward');
    await page.getByRole('button', { name: 'Gửi đề nghị' }).click();
    await page.getByText('Đã gửi đề nghị, đang chờ Tỉnh Nghệ An xét.').waitFor();

    await page.getByRole('link', { name: 'Về trang thi đua, khen thưởng' }).click();
    const mine = page.getByTestId('de-nghi-Hợp tác xã Mật ong Tam Quang');
    await mine.getByText('Đang chờ Tỉnh Nghệ An xét').waitFor();
    const returned = page.getByTestId('de-nghi-Cửa hàng điện thoại Minh Phát');
    await returned.getByText(/Bị trả lại: Cần ghi rõ số người dân/).waitFor();
    await expectAccessible(page, 'recognition-own-proposals');
    await mine.getByRole('button', { name: 'Rút đề nghị khen thưởng Hợp tác xã Mật ong Tam Quang' }).click();
    await page.getByText('Đã rút đề nghị khen thưởng Hợp tác xã Mật ong Tam Quang.').waitFor();
    await mine.waitFor({ state: 'detached' });
    await returned.getByRole('button', { name: 'Gửi lại đề nghị khen thưởng Cửa hàng điện thoại Minh Phát' }).click();
    await page.getByText('Đã gửi lại đề nghị khen thưởng Cửa hàng điện thoại Minh Phát.').waitFor();
    await returned.getByText('Đang chờ Tỉnh Nghệ An xét').waitFor();
  });

  it('lets the member named on the honour roll withdraw their consent from their data page with a one-time code: the roll no longer names them', async () => {
    // Their phone, as the commune's officer reads it: the one they prove with the code.
    const answer = await fetch(hub.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: await hub.bearer({ sub: 'dev-officer', roles: [Role.OFFICER], units: ['17227'] }) },
      body: JSON.stringify({ query: 'query ($id: ID!) { member(id: $id) { phone } }', variables: { id: demoId('member:17227:3') } }),
    });
    const { phone } = ((await answer.json()) as { data: { member: { phone: string } } }).data.member;

    await page.goto(`${origin}/du-lieu-cua-toi`);
    await page.getByLabel('Số điện thoại').fill(phone);
    await page.getByRole('button', { name: 'Gửi mã xác nhận' }).click();
    await page.getByLabel('Mã xác nhận').fill((await page.getByTestId('development-code').textContent())!.trim());
    await page.getByRole('button', { name: 'Xác nhận' }).click();
    const reward = page.getByTestId('my-reward').filter({ hasText: 'Bằng khen của Chủ tịch UBND tỉnh' });
    await reward.getByText('Tên bạn đang được nêu trên bảng vinh danh công khai.').waitFor();
    await expectAccessible(page, 'my-data-rewards');
    await reward.getByRole('button', { name: 'Không công bố tên tôi nữa' }).click();
    await page.getByText('Bảng vinh danh không còn nêu tên bạn với “Bằng khen của Chủ tịch UBND tỉnh”.').waitFor();
    await reward.getByText('Bảng vinh danh không nêu tên bạn.').waitFor();
    // Withdrawn, it can be given again: the only button left.
    expect(await reward.getByRole('button').allTextContents()).toEqual(['Đồng ý công bố tên tôi']);

    await page.goto(`${origin}/vinh-danh/40`);
    await page.getByRole('heading', { name: 'Hợp tác xã Chè Tam Quang' }).waitFor();
    await page.getByRole('heading', { name: 'Một thành viên tổ công nghệ số' }).first().waitFor();
    expect(await page.getByText(/Lô Minh Dũng|230 phụ huynh/).count()).toBe(0);
  });

  it('lets a member signed in see their own rewards without a code and agree to be named later: the roll names them', async () => {
    const answer = await fetch(hub.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: await hub.bearer({ sub: 'dev-officer', roles: [Role.OFFICER], units: ['17227'] }) },
      body: JSON.stringify({ query: 'query ($id: ID!) { member(id: $id) { fullName } }', variables: { id: demoId('member:17227.02:2') } }),
    });
    const { fullName } = ((await answer.json()) as { data: { member: { fullName: string } } }).data.member;
    await page.goto(`${origin}/vinh-danh/40`);
    await page.getByRole('heading', { name: 'Hợp tác xã Chè Tam Quang' }).waitFor();
    expect(await page.getByRole('heading', { name: fullName }).count()).toBe(0);

    await page.goto(`${origin}/dang-nhap`);
    await page.getByRole('button', { name: 'Thành viên Tổ công nghệ số bản Tân Hương' }).click();
    await page.getByRole('link', { name: 'Dữ liệu của tôi' }).click();
    const reward = page.getByTestId('my-reward').filter({ hasText: 'Giấy khen của Chủ tịch UBND tỉnh' });
    await reward.getByText('Bảng vinh danh không nêu tên bạn.').waitFor();
    await expectAccessible(page, 'member-rewards');
    await reward.getByRole('button', { name: 'Đồng ý công bố tên tôi' }).click();
    await page.getByText('Đã ghi nhận bạn đồng ý công bố tên với “Giấy khen của Chủ tịch UBND tỉnh”.').waitFor();
    await reward.getByText('Tên bạn đang được nêu trên bảng vinh danh công khai.').waitFor();
    await reward.getByRole('button', { name: 'Không công bố tên tôi nữa' }).waitFor();

    await page.getByRole('button', { name: /Đăng xuất/ }).click();
    await page.goto(`${origin}/vinh-danh/40`);
    await page.getByRole('heading', { name: fullName }).waitFor();
    await page.getByText(/Hướng dẫn 64 hộ bản Tân Hương/).waitFor();
  });

  it('lets the national level select a province’s nominee, and approve onto the national honour roll what the province sends on', async () => {
    page.on('dialog', (dialog) => void dialog.accept());
    // The province's officer sends on Hợp tác xã Chè Tam Quang, approved by the province.
    await page.goto(`${origin}/dang-nhap`);
    await page.getByRole('button', { name: 'Cán bộ Tỉnh đoàn Nghệ An' }).click();
    await page.getByRole('link', { name: 'Thi đua, khen thưởng' }).click();
    const approved = page.getByTestId('de-nghi-Hợp tác xã Chè Tam Quang');
    await approved.getByText('Tỉnh đã duyệt. Chưa gửi lên cấp toàn quốc.').waitFor();
    await expectAccessible(page, 'recognition-province');
    await approved.getByRole('button', { name: 'Gửi lên cấp toàn quốc đề nghị khen thưởng Hợp tác xã Chè Tam Quang' }).click();
    await page.getByText('Đã gửi đề nghị khen thưởng Hợp tác xã Chè Tam Quang lên cấp toàn quốc.').waitFor();
    await approved.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: /Đăng xuất/ }).click();

    await page.goto(`${origin}/dang-nhap`);
    await page.getByRole('button', { name: 'Cán bộ Trung ương Đoàn (toàn quốc)' }).click();
    await page.getByRole('link', { name: 'Thi đua, khen thưởng' }).click();
    // The nation sees every campaign in the country (the commune's launched above too): the province's 10/10 one.
    const campaign = page.getByTestId(`phong-trao-${demoId('campaign:40:2025-10')}`);
    await campaign.getByRole('button', { name: 'Xem thành viên được đề cử và phiếu thông tin' }).click();
    const first = campaign.getByTestId('de-cu-1');
    await first.getByText('412').waitFor();
    await expectAccessible(page, 'recognition-national');
    await first.getByRole('button', { name: /^Chọn vinh danh toàn quốc/ }).click();
    await first.getByText('Được chọn vinh danh toàn quốc').waitFor();
    expect(await first.getByRole('button').count()).toBe(0);

    const sent = page.getByTestId('de-nghi-Hợp tác xã Chè Tam Quang');
    await sent.getByText('Đã gửi lên cấp toàn quốc, đang chờ xét', { exact: false }).waitFor();
    expect(await sent.getByRole('button', { name: /^Trả lại/ }).count()).toBe(0);
    await sent.getByRole('button', { name: 'Duyệt đề nghị khen thưởng Hợp tác xã Chè Tam Quang', exact: true }).click();
    await page.getByText('Đã duyệt đề nghị khen thưởng Hợp tác xã Chè Tam Quang.').waitFor();

    await page.getByRole('button', { name: /Đăng xuất/ }).click();
    await page.goto(`${origin}/vinh-danh/VN`);
    await page.getByRole('heading', { name: 'Bảng vinh danh toàn quốc' }).waitFor();
    await page.getByRole('heading', { name: 'Hợp tác xã Chè Tam Quang' }).waitFor();
    // The province's other approved rewards were not sent on: only what the nation approved is here.
    expect(await page.getByRole('heading', { name: 'Viettel Nghệ An' }).count()).toBe(0);
    await expectAccessible(page, 'honour-roll-national');
  });
});
