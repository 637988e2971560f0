import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Role } from '../../subgraphs/common/auth';
import { TEST_JWT_SECRET } from '../../subgraphs/common/testing/subgraph';
import { post } from '../../gateway/testing/client';
import { startTestHub, type TestHub } from '../../gateway/testing/hub';
import { describeInBrowser, launchChromium, screenshots, seriousViolations, WEB_DIST } from './browser';

/**
 * The web app's journeys in Debian's Chromium, against the whole hub (every subgraph on fresh
 * seeded databases, the gateway serving the built app): a household applies for a stall and
 * finds it, the public ledger, the organiser promoting from the waitlist, a report written offline.
 */
describeInBrowser('the web app in a browser', () => {
  jest.setTimeout(60_000);
  let hub: TestHub;
  let browser: Browser;
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

  const expectAccessible = async (name: string) => {
    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, name);
  };

  beforeAll(async () => {
    // `npm start` and CI build the app; a bare `npm test` on a fresh clone builds it here.
    if (!existsSync(join(WEB_DIST, 'index.html'))) execFileSync('npm', ['run', 'build:web'], { stdio: 'inherit' });
    hub = await startTestHub('web_e2e', {
      webApp: { directory: WEB_DIST, production: false, developmentSecret: TEST_JWT_SECRET },
    });
    origin = new URL(hub.gateway.url).origin;
    browser = await launchChromium();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });
  beforeEach(async () => {
    // Each journey on its own profile: no session, storage or service worker carried over.
    context = await browser.newContext({ viewport: { width: 360, height: 800 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    // A step that cannot happen fails within seconds, naming what it waited for.
    context.setDefaultTimeout(10_000);
    page = await context.newPage();
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    page.on('console', (message) => message.type() === 'error' && console.error(`console: ${message.text()}`));
  });
  afterEach(() => context.close());

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
    await expectAccessible('public-ledger');
  });

  it('lets a household apply for a stall, find it by phone and reference code, and withdraw it', async () => {
    const fair = await openFair();
    await page.goto(`${origin}/ngay-hoi/17227`);
    await page.getByRole('link', { name: fair.title }).click();
    await page.getByRole('heading', { name: fair.title }).waitFor();
    await expectAccessible('fair');

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
    await expectAccessible('stall-application-form');

    await page.getByLabel('Số điện thoại').fill('0912 345 678');
    await page.getByRole('button', { name: 'Gửi đơn đăng ký' }).click();
    const code = (await page.getByTestId('reference-code').textContent())!.trim();
    expect(code).toMatch(/^[A-Z0-9]{8}$/);
    await expectAccessible('stall-application-sent');

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
    await expectAccessible('application-status');

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
    await page.getByRole('link', { name: fair.title }).click();
    const first = page.getByTestId('application-Hộ ông Vi Văn Một');
    const second = page.getByTestId('application-Hộ bà Lô Thị Hai');
    await second.getByText('Trong danh sách chờ (thứ 1)').waitFor();
    await expectAccessible('organiser-applications');

    page.once('dialog', (dialog) => void dialog.accept());
    await first.getByRole('button', { name: 'Huỷ đơn của Hộ ông Vi Văn Một' }).click();
    await first.getByText('Đã huỷ').waitFor();
    await second.getByText('Đã được duyệt – gian T01').waitFor();
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
    await expectAccessible('activity-report-offline');
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
    const { team } = await graphql(
      '{ team(id: "4f7be4c9-2a31-5084-8333-d86aaf9d7bb3") { activityReports(period: "2026-11") { month revision figures { indicator value } } } }',
      {},
      leader,
    );
    expect(team.activityReports).toEqual([
      expect.objectContaining({
        month: '2026-11',
        revision: 1,
        figures: expect.arrayContaining([
          { indicator: 'HOUSEHOLD_VISITS', value: 35 },
          { indicator: 'GUIDED_ONLINE_PAYMENT', value: 20 },
        ]),
      }),
    ]);
  });

  it('shows the officer the commune’s quarter: figures against targets and the teams that have not reported', async () => {
    const officer = await hub.bearer({ sub: 'dev-officer', roles: [Role.OFFICER], units: ['17227'] });
    const { unitRollUp } = await graphql('{ unitRollUp(unitCode: "17227", period: "2025-Q3") { teamsNotReported { name } } }', {}, officer);
    expect(unitRollUp.teamsNotReported.length).toBeGreaterThan(0);
    await page.goto(`${origin}/dang-nhap`);
    await page.getByRole('button', { name: 'Cán bộ Xã Tam Quang' }).click();
    await page.getByRole('heading', { name: 'Tổng hợp quý 3/2025 – Xã Tam Quang' }).waitFor();
    const missing = page.getByTestId('teams-not-reported');
    for (const { name } of unitRollUp.teamsNotReported) await missing.getByText(name, { exact: true }).waitFor();
    await expectAccessible('unit-dashboard');
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

  it('opens the bundled GraphiQL at /graphql in development, within the Content-Security-Policy', async () => {
    const refused: string[] = [];
    page.on('console', (message) => /Content Security Policy/i.test(message.text()) && refused.push(message.text()));
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${origin}/graphql`);
    await page.locator('.graphiql-container').waitFor();
    expect(refused).toEqual([]);
  });
});
