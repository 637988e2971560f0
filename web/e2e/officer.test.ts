import type { Page } from 'playwright-core';
import { Role } from '../../subgraphs/common/auth';
import { post } from '../../gateway/testing/client';
import type { TestHub } from '../../gateway/testing/hub';
import { describeInBrowser, expectAccessible, journeysInBrowser } from './browser';

/**
 * The commune officer's own screens in Chromium, against the whole hub: the dashboard's sub-units
 * ranked and an indicator charted month by month; the sponsor pipeline's writes (a sponsor with
 * its contact, an edit, a second contact, a pledge in quarterly instalments that then shows as overdue;
 * a meeting noted in a sponsor's history, an overdue instalment written off and a pledge cancelled, each with a reason;
 * the same two from a sponsor's own list of all its pledges, with the reasons shown).
 */
describeInBrowser('the officer’s dashboard and sponsor pipeline, in a browser', () => {
  jest.setTimeout(120_000);
  let hub: TestHub;
  let origin: string;
  let page: Page;
  let officer: string;

  const graphql = async (query: string, variables: Record<string, unknown> = {}) => {
    const { body } = await post(hub.gateway.url, { query, variables }, { authorization: officer });
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  const money = (amount: number | string) => new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND' }).format(Number(amount));

  journeysInBrowser('web_officer', {
    ready: async (started) => {
      ({ hub, origin } = started);
      officer = await hub.bearer({ sub: 'dev-officer', roles: [Role.OFFICER], units: ['17227'] });
    },
    pageTimeout: 20_000,
    opened: (opened) => (page = opened),
  });
  beforeEach(async () => {
    await page.goto(`${origin}/dang-nhap`);
    await page.getByRole('button', { name: 'Cán bộ Xã Tam Quang' }).click();
  });

  it('ranks the commune’s villages on the indicator chosen and charts it month by month', async () => {
    const { unitRollUp, year } = await graphql(`{
      unitRollUp(unitCode: "17227", period: "2025-Q3") { ranking(by: HOUSEHOLD_VISITS) { rank value rollUp { unit { name } } } }
      year: unitRollUp(unitCode: "17227", period: "2025") { months { period figures { indicator value } } }
    }`);
    expect(unitRollUp.ranking.length).toBeGreaterThan(1);
    await page.getByRole('heading', { name: 'Tổng hợp quý 3/2025 – Xã Tam Quang' }).waitFor();
    await page.getByLabel('Chỉ tiêu để xếp hạng và vẽ biểu đồ').selectOption('HOUSEHOLD_VISITS');
    await page.getByRole('button', { name: 'Xem', exact: true }).click();
    const ranking = page.getByTestId('sub-unit-ranking');
    for (const [index, entry] of unitRollUp.ranking.entries()) {
      const cells = ranking.getByRole('row').nth(index + 1).getByRole('cell');
      expect(await cells.allTextContents()).toEqual(expect.arrayContaining([String(entry.rank), entry.rollUp.unit.name, entry.value.toLocaleString('vi-VN')]));
    }
    // The chart is drawn (an SVG bar per month), and its figures are in the table beside it.
    await page.locator('.chart svg.recharts-surface').waitFor();
    expect(await page.locator('.chart .recharts-bar-rectangle path').count()).toBeGreaterThan(0);
    await page.locator('summary', { hasText: 'Số liệu từng tháng' }).click();
    const rows = page.getByTestId('monthly-figures').getByRole('row');
    for (const [index, month] of year.months.entries()) {
      const visits = month.figures.find((figure: { indicator: string }) => figure.indicator === 'HOUSEHOLD_VISITS').value;
      expect(await rows.nth(index + 1).getByRole('cell').allTextContents()).toEqual([`${month.period.slice(5)}/2025`, visits.toLocaleString('vi-VN')]);
    }
    expect(year.months.some((month: { figures: { value: number }[] }) => month.figures.some((figure) => figure.value > 0))).toBe(true);
    await expectAccessible(page, 'unit-dashboard-charts');
  });

  it('adds a sponsor with its contact, edits it, adds a contact and records a quarterly pledge whose first instalment is overdue', async () => {
    await page.getByRole('link', { name: 'Nhà tài trợ' }).click();
    await page.locator('summary', { hasText: 'Thêm nhà tài trợ' }).click();
    const form = page.getByRole('form', { name: 'Thêm nhà tài trợ' });
    await form.getByLabel('Tên nhà tài trợ').fill('Công ty TNHH Thử Nghiệm Quảng Trị');
    await form.getByLabel('Mã số thuế').fill('3200123456');
    await form.getByLabel('Số điện thoại').fill('0912');
    await form.getByRole('button', { name: 'Lưu nhà tài trợ' }).click();
    // A phone without a name, and a wrong phone: both marked before anything is sent.
    await form.getByText('Xin nhập họ tên người liên hệ').waitFor();
    expect(await form.getByLabel('Số điện thoại').getAttribute('aria-invalid')).toBe('true');
    await form.getByText('Số điện thoại chưa đúng (ví dụ 0912345678)').waitFor();
    await form.getByLabel('Họ tên người liên hệ').fill('Nguyễn Văn Thử');
    await form.getByLabel('Số điện thoại').fill('0912 345 678');
    await expectAccessible(page, 'sponsor-new');
    await form.getByRole('button', { name: 'Lưu nhà tài trợ' }).click();
    await page.getByText('Đã thêm nhà tài trợ Công ty TNHH Thử Nghiệm Quảng Trị.').waitFor();

    const card = page.getByTestId('sponsor-Công ty TNHH Thử Nghiệm Quảng Trị');
    await card.getByRole('link', { name: '0912345678' }).waitFor();
    await card.locator('strong', { hasText: 'Đang vận động' }).waitFor();
    await card.locator('summary', { hasText: 'Sửa thông tin' }).click();
    const edit = card.getByRole('form', { name: 'Sửa Công ty TNHH Thử Nghiệm Quảng Trị' });
    await edit.getByLabel('Tình trạng').selectOption('ACTIVE');
    await edit.getByLabel('Đồng ý nêu tên khi công khai thu chi').check();
    await edit.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await card.locator('strong', { hasText: 'Đang đồng hành' }).waitFor();

    await card.locator('summary', { hasText: 'Thêm người liên hệ' }).click();
    const contact = card.getByRole('form', { name: 'Thêm người liên hệ của Công ty TNHH Thử Nghiệm Quảng Trị' });
    await contact.getByLabel('Họ tên người liên hệ').fill('Trần Thị Kế Toán');
    await contact.getByLabel('Chức vụ').fill('Kế toán trưởng');
    await contact.getByLabel('Số điện thoại').fill('0987654321');
    await contact.getByRole('button', { name: 'Thêm người liên hệ' }).click();
    await card.getByRole('link', { name: '0987654321' }).waitFor();

    // 40.000.000 ₫ in four quarterly instalments, the first due two months ago: overdue at once.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
    const first = new Date(`${today.slice(0, 7)}-01T00:00:00Z`);
    first.setUTCMonth(first.getUTCMonth() - 2);
    const firstDueOn = first.toISOString().slice(0, 10);
    await card.locator('summary', { hasText: 'Ghi cam kết tài trợ' }).click();
    const pledge = card.getByRole('form', { name: 'Ghi cam kết của Công ty TNHH Thử Nghiệm Quảng Trị' });
    await pledge.getByLabel('Số tiền cam kết (đồng)').fill('40.000.000');
    await pledge.getByLabel('Lịch nộp').selectOption('QUARTERLY');
    await pledge.getByLabel('Số đợt').fill('1');
    await pledge.getByRole('button', { name: 'Ghi cam kết' }).click();
    await pledge.getByText('Xin chọn chương trình').waitFor();
    await pledge.getByText('Số đợt là số nguyên từ 2 đến 60').waitFor();
    await pledge.getByLabel('Chương trình').selectOption({ index: 1 });
    await pledge.getByLabel('Số đợt').fill('4');
    await pledge.getByLabel('Hạn đợt đầu').fill(firstDueOn);
    await expectAccessible(page, 'sponsor-pledge');
    await pledge.getByRole('button', { name: 'Ghi cam kết' }).click();
    await pledge.getByText(`Đã ghi cam kết ${money(40_000_000)}, 4 đợt:`).waitFor();
    expect(await pledge.locator('.instalment-plan li').count()).toBe(4);

    // The hub has the sponsor, both contacts and one pledge of four instalments, the first overdue.
    const { pledgeFollowUp, sponsors } = await graphql(`{
      sponsors(unitCode: "17227", first: 100) { nodes { name status publiclyNamed contacts { fullName phone } } }
      pledgeFollowUp(unitCode: "17227", withinDays: 30) { instalments { instalment { position status outstanding dueOn } sponsor { name } } }
    }`);
    expect(sponsors.nodes.find((sponsor: { name: string }) => sponsor.name === 'Công ty TNHH Thử Nghiệm Quảng Trị')).toEqual({
      name: 'Công ty TNHH Thử Nghiệm Quảng Trị',
      status: 'ACTIVE',
      publiclyNamed: true,
      contacts: expect.arrayContaining([
        { fullName: 'Nguyễn Văn Thử', phone: '0912345678' },
        { fullName: 'Trần Thị Kế Toán', phone: '0987654321' },
      ]),
    });
    const ours = pledgeFollowUp.instalments.filter((entry: { sponsor: { name: string } }) => entry.sponsor.name === 'Công ty TNHH Thử Nghiệm Quảng Trị');
    expect(ours[0].instalment).toEqual({ position: 1, status: 'OVERDUE', outstanding: '10000000', dueOn: firstDueOn });
    // The next one falls three months later: overdue or due within the 30 days, depending on the day of the month.
    for (const { instalment } of ours) expect(instalment.status).toBe(instalment.dueOn < today ? 'OVERDUE' : 'DUE');
    // The pipeline's follow-up is asked again after the pledge: the instalment is there at once.
    const row = page.getByTestId('instalments-to-follow-up').getByRole('row').filter({ hasText: 'Công ty TNHH Thử Nghiệm Quảng Trị' }).first();
    await row.getByText('Quá hạn').waitFor();
    await row.getByText(money(10_000_000)).waitFor();
  });
  it('notes a meeting in a sponsor’s history, writes off an overdue instalment and cancels the pledge, each confirmed with a reason', async () => {
    const name = 'Hợp tác xã Thử Huỷ Cam Kết';
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
    const daysFrom = (days: number) => new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    const { programmes } = await graphql(`{ programmes(unitCode: "17227", first: 1) { nodes { id } } }`);
    const { createSponsor } = await graphql(`mutation { createSponsor(input: { unitCode: "17227", kind: ORGANISATION, name: "${name}" }) { id } }`);
    const { recordPledge } = await graphql(
      `mutation ($input: PledgeInput!) { recordPledge(input: $input) { id instalments { id } } }`,
      { input: { programmeId: programmes.nodes[0].id, sponsorId: createSponsor.id, kind: 'CASH', amount: '6000000', instalments: [{ amount: '2000000', dueOn: daysFrom(-10) }, { amount: '4000000', dueOn: daysFrom(10) }] } },
    );
    await page.getByRole('link', { name: 'Nhà tài trợ' }).click();

    const card = page.getByTestId(`sponsor-${name}`);
    await card.locator('summary', { hasText: 'Quá trình quan hệ (0)' }).click();
    const history = card.getByRole('form', { name: `Ghi lại liên hệ với ${name}` });
    await history.getByRole('button', { name: 'Ghi lại liên hệ' }).click();
    await history.getByText('Nội dung cần ít nhất 2 ký tự').waitFor();
    await history.getByLabel('Nội dung').fill('Gặp chủ nhiệm hợp tác xã, hẹn nộp đợt hai sau vụ lúa');
    await expectAccessible(page, 'sponsor-history');
    await history.getByRole('button', { name: 'Ghi lại liên hệ' }).click();
    await card.getByTestId(`history-${name}`).getByText('Gặp mặt: Gặp chủ nhiệm hợp tác xã, hẹn nộp đợt hai sau vụ lúa').waitFor();

    const rows = page.getByTestId('instalments-to-follow-up').getByRole('row').filter({ hasText: name });
    const first = rows.filter({ hasText: 'đợt 1' });
    await first.locator('summary', { hasText: 'Thôi theo dõi đợt này' }).click();
    const writeOff = first.getByRole('form', { name: `Thôi theo dõi đợt 1 của ${name}` });
    await writeOff.getByRole('button', { name: 'Thôi theo dõi đợt này' }).click();
    await writeOff.getByText('Lý do cần ít nhất 2 ký tự').waitFor();
    await writeOff.getByLabel('Lý do').fill('Hợp tác xã mất mùa, xã đồng ý miễn đợt này');
    await expectAccessible(page, 'sponsor-write-off');
    page.once('dialog', (dialog) => void dialog.accept());
    await writeOff.getByRole('button', { name: 'Thôi theo dõi đợt này' }).click();
    await page.getByText(`Đã thôi theo dõi đợt 1 của ${name}.`).waitFor();
    await first.waitFor({ state: 'detached' });

    const second = rows.filter({ hasText: 'đợt 2' });
    await second.locator('summary', { hasText: 'Huỷ cam kết' }).click();
    const cancel = second.getByRole('form', { name: `Huỷ cam kết ${money(6_000_000)} của ${name}` });
    await cancel.getByLabel('Lý do').fill('Hợp tác xã giải thể');
    // Declining the confirmation sends nothing.
    page.once('dialog', (dialog) => void dialog.dismiss());
    await cancel.getByRole('button', { name: 'Huỷ cam kết' }).click();
    const pledgeNow = async () => {
      const { programme } = await graphql(`query ($id: ID!) { programme(id: $id) { pledges { id status cancellationReason instalments { position status writeOffReason } } } }`, {
        id: programmes.nodes[0].id,
      });
      return programme.pledges.find((pledge: { id: string }) => pledge.id === recordPledge.id);
    };
    expect((await pledgeNow()).status).not.toBe('CANCELLED');
    page.once('dialog', (dialog) => void dialog.accept());
    await cancel.getByRole('button', { name: 'Huỷ cam kết' }).click();
    await page.getByText(`Đã huỷ cam kết của ${name}.`).waitFor();
    await rows.first().waitFor({ state: 'detached' });

    expect(await pledgeNow()).toEqual({
      id: recordPledge.id,
      status: 'CANCELLED',
      cancellationReason: 'Hợp tác xã giải thể',
      instalments: [
        { position: 1, status: 'WRITTEN_OFF', writeOffReason: 'Hợp tác xã mất mùa, xã đồng ý miễn đợt này' },
        { position: 2, status: 'DUE', writeOffReason: null },
      ],
    });
    const { sponsor } = await graphql(`query ($id: ID!) { sponsor(id: $id) { history { kind summary } } }`, { id: createSponsor.id });
    expect(sponsor.history).toEqual([{ kind: 'MEETING', summary: 'Gặp chủ nhiệm hợp tác xã, hẹn nộp đợt hai sau vụ lúa' }]);
  });

  it('lists all of a sponsor’s pledges, not only those to follow up, writes one’s instalment off and cancels another from there, and shows the reasons kept', async () => {
    const name = 'Công ty Thử Cam Kết Dài Hạn';
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
    const daysFrom = (days: number) => new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    const { programmes } = await graphql(`{ programmes(unitCode: "17227", first: 1) { nodes { id name } } }`);
    const { createSponsor } = await graphql(`mutation { createSponsor(input: { unitCode: "17227", kind: ORGANISATION, name: "${name}" }) { id } }`);
    // Both due beyond the follow-up's 30 days: only the sponsor's own list shows them.
    const pledge = async (amount: number, dueIn: number[]) =>
      (
        await graphql(`mutation ($input: PledgeInput!) { recordPledge(input: $input) { id } }`, {
          input: {
            programmeId: programmes.nodes[0].id,
            sponsorId: createSponsor.id,
            kind: 'CASH',
            amount: String(amount),
            instalments: dueIn.map((days) => ({ amount: String(amount / dueIn.length), dueOn: daysFrom(days) })),
          },
        })
      ).recordPledge.id;
    const yearly = await pledge(9_000_000, [60, 150]);
    const once = await pledge(5_000_000, [90]);
    await page.getByRole('link', { name: 'Nhà tài trợ' }).click();
    await page.getByRole('heading', { name: /^Khoản cam kết đến hạn/ }).waitFor();
    expect(await page.getByTestId('instalments-to-follow-up').getByRole('row').filter({ hasText: name }).count()).toBe(0);

    const card = page.getByTestId(`sponsor-${name}`);
    await card.locator('summary', { hasText: 'Các cam kết' }).click();
    const first = card.getByTestId(`pledge-${yearly}`);
    await first.getByText(`${money(9_000_000)} cho ${programmes.nodes[0].name}`).waitFor();
    await first.locator('summary', { hasText: 'Thôi theo dõi đợt 1' }).click();
    const writeOff = first.getByRole('form', { name: `Thôi theo dõi đợt 1 của ${name}` });
    await writeOff.getByLabel('Lý do').fill('Công ty đổi kế hoạch, chỉ nộp đợt hai');
    page.once('dialog', (dialog) => void dialog.accept());
    await writeOff.getByRole('button', { name: 'Thôi theo dõi đợt này' }).click();
    await card.getByText(`Đã thôi theo dõi đợt 1 của ${name}.`).waitFor();
    await first.getByText('Lý do thôi theo dõi: Công ty đổi kế hoạch, chỉ nộp đợt hai').waitFor();

    const second = card.getByTestId(`pledge-${once}`);
    await second.locator('summary', { hasText: 'Huỷ cam kết này' }).click();
    const cancel = second.getByRole('form', { name: `Huỷ cam kết ${money(5_000_000)} của ${name}` });
    await cancel.getByRole('button', { name: 'Huỷ cam kết' }).click();
    await cancel.getByText('Lý do cần ít nhất 2 ký tự').waitFor();
    await cancel.getByLabel('Lý do').fill('Chương trình đã đủ kinh phí');
    page.once('dialog', (dialog) => void dialog.accept());
    await cancel.getByRole('button', { name: 'Huỷ cam kết' }).click();
    await second.getByText('Lý do huỷ: Chương trình đã đủ kinh phí').waitFor();
    await second.getByText('Đã huỷ', { exact: true }).waitFor();
    expect(await second.locator('summary').count()).toBe(0);
    await expectAccessible(page, 'sponsor-pledges');

    const { sponsor } = await graphql(
      `query ($id: ID!) { sponsor(id: $id) { pledges { id status cancellationReason instalments { position status writeOffReason } } } }`,
      { id: createSponsor.id },
    );
    expect(sponsor.pledges).toEqual(
      expect.arrayContaining([
        { id: once, status: 'CANCELLED', cancellationReason: 'Chương trình đã đủ kinh phí', instalments: [expect.objectContaining({ position: 1, writeOffReason: null })] },
        {
          id: yearly,
          status: expect.any(String),
          cancellationReason: null,
          instalments: [
            { position: 1, status: 'WRITTEN_OFF', writeOffReason: 'Công ty đổi kế hoạch, chỉ nộp đợt hai' },
            { position: 2, status: expect.any(String), writeOffReason: null },
          ],
        },
      ]),
    );
  });
});
