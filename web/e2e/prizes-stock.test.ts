import type { Page } from 'playwright-core';
import { Role } from '../../subgraphs/common/auth';
import { post } from '../../gateway/testing/client';
import type { TestHub } from '../../gateway/testing/hub';
import { describeInBrowser, expectAccessible, journeysInBrowser } from './browser';

/**
 * Contest prizes from in-kind stock and the stock itself, in Chromium against the whole hub: the
 * organiser sees each prize's lot, cannot hand a tied rank's prize over, breaks the tie and hands
 * both tablets over by serial; the officer then sees them issued on the stock screen, with every lot's
 * serials by recipient, and issues SIM cards from a lot by serial and by count; another role never
 * reaches that screen, nor its data through the API.
 */
describeInBrowser('contest prizes from a lot and the officer’s stock, in a browser', () => {
  // Three screens checked with axe and photographed at two widths, on a loaded 2-core machine.
  jest.setTimeout(240_000);
  let hub: TestHub;
  let origin: string;
  let page: Page;
  let officer: string;
  let organiser: string;

  const graphql = async (query: string, authorization: string) => {
    const { body } = await post(hub.gateway.url, { query }, { authorization });
    return body;
  };
  const signIn = async (who: string) => {
    await page.goto(`${origin}/dang-nhap`);
    await page.getByRole('button', { name: who }).click();
  };

  journeysInBrowser('web_prizes_stock', {
    ready: async (started) => {
      ({ hub, origin } = started);
      officer = await hub.bearer({ sub: 'dev-officer', roles: [Role.OFFICER], units: ['17227'] });
      organiser = await hub.bearer({ sub: 'dev-organiser', roles: [Role.ORGANISER] });
    },
    pageTimeout: 20_000,
    opened: (opened) => (page = opened),
  });

  it('lets the organiser see the prizes’ lot, break a tie (not hand a tied prize over) and hand both tablets over by serial', async () => {
    const { data } = await graphql('{ events(unitCode: "17227", first: 50) { nodes { title contests { title } } } }', officer);
    const held = data.events.nodes.find((event: { contests: { title: string }[] }) => event.contests.some((contest) => contest.title === 'Rung chuông vàng kỹ năng số'));
    await signIn('Ban tổ chức ngày hội (Lương Thị Thu Hà)');
    await page.getByRole('link', { name: `Cuộc thi của ${held.title}` }).click();

    const quiz = page.getByTestId('contest-Rung chuông vàng kỹ năng số');
    const prize = quiz.getByTestId('prize-1');
    await prize.getByText('hiện vật từ lô: Máy tính bảng Samsung Galaxy Tab A9 (Thiết bị, còn 2 trong lô)').waitFor();
    // Two teams scored 90: both first, shown as a tie in the table and among the winners.
    for (const team of ['Tổ công nghệ số bản Tân Hương', 'Tổ công nghệ số bản Khe Chóng']) {
      await quiz.getByTestId(`entry-${team}`).getByText('1 (đồng hạng)').waitFor();
    }
    expect(await quiz.locator('ol.winners li', { hasText: '(đồng hạng 1)' }).count()).toBe(2);
    await expectAccessible(page, 'contest-tie');

    // Handing the prize over while the rank is tied is refused, in words, and issues nothing.
    await prize.getByLabel('Số sê-ri, mã của hiện vật trao (nếu lô có mã)').fill('R9XT20A1B3D');
    await prize.getByRole('button', { name: 'Trao giải' }).click();
    await prize.getByRole('alert').waitFor();
    expect(await prize.getByRole('alert').textContent()).toMatch(/đồng hạng|hòa|bằng điểm/i);
    expect(await prize.getByText('Đã trao giải').count()).toBe(0);

    const tieBreak = quiz.getByRole('group', { name: 'Phân định đồng hạng 1' });
    await tieBreak.getByRole('button', { name: 'Xếp Tổ công nghệ số bản Khe Chóng trên' }).click();
    await quiz.getByTestId('entry-Tổ công nghệ số bản Khe Chóng').getByRole('cell').first().getByText('1', { exact: true }).waitFor();
    await quiz.getByTestId('entry-Tổ công nghệ số bản Tân Hương').getByRole('cell').first().getByText('2', { exact: true }).waitFor();
    expect(await quiz.getByRole('group', { name: 'Phân định đồng hạng 1' }).count()).toBe(0);
    await quiz.locator('ol.winners li').first().getByText('Tổ công nghệ số bản Khe Chóng').waitFor();

    await prize.getByLabel('Số sê-ri, mã của hiện vật trao (nếu lô có mã)').fill('R9XT20A1B3D');
    await prize.getByRole('button', { name: 'Trao giải' }).click();
    await prize.getByText('Đã trao giải').waitFor();
    await prize.getByText('còn 1 trong lô').waitFor();

    // The other contest's first prize comes from the same lot; its second names none, so it has nothing to hand over here.
    const livestream = page.getByTestId('contest-Livestream bán nông sản');
    expect(await livestream.getByTestId('prize-2').getByRole('button', { name: 'Trao giải' }).count()).toBe(0);
    const first = livestream.getByTestId('prize-1');
    await first.getByLabel('Số sê-ri, mã của hiện vật trao (nếu lô có mã)').fill('R9XT20A1B2C');
    await first.getByRole('button', { name: 'Trao giải' }).click();
    await first.getByText('Đã trao giải').waitFor();
    await first.getByText('còn 0 trong lô').waitFor();
    await expectAccessible(page, 'contest-prizes-handed-over');
  });

  it('shows the officer the stock per kind of item and each lot’s serials by recipient, the tablets to the winning teams', async () => {
    const { data } = await graphql(
      '{ stockCounts(unitCode: "17227") { itemKind received onHand issued issuedToTeams issuedToEvents issuedToHouseholds } }',
      officer,
    );
    await signIn('Cán bộ Xã Tam Quang');
    await page.getByRole('link', { name: 'Kho hiện vật' }).click();
    await page.getByRole('heading', { name: 'Kho hiện vật' }).waitFor();
    const rows = page.getByTestId('stock-counts').getByRole('row');
    await rows.nth(1).waitFor();
    expect(await rows.count()).toBe(data.stockCounts.length + 1);
    const labels: Record<string, string> = { SIM_CARD: 'Thẻ SIM', DEVICE: 'Thiết bị' };
    for (const kind of ['SIM_CARD', 'DEVICE']) {
      const count = data.stockCounts.find((entry: { itemKind: string }) => entry.itemKind === kind);
      const row = rows.filter({ hasText: labels[kind] });
      expect((await row.getByRole('cell').allTextContents()).map((cell) => cell.replace(/^(Loại|Đã nhận|Còn trong kho|Đã cấp|Cho tổ|Cho sự kiện|Cho hộ gia đình)/, ''))).toEqual(
        [labels[kind], count.received, count.onHand, count.issued, count.issuedToTeams, count.issuedToEvents, count.issuedToHouseholds].map(String),
      );
    }
    // The seed issued 53 SIM cards (50 to a team, 3 to households); the organiser handed both tablets to teams.
    expect(data.stockCounts.find((entry: { itemKind: string }) => entry.itemKind === 'SIM_CARD')).toMatchObject({ received: 200, issued: 53, issuedToTeams: 50, issuedToHouseholds: 3, onHand: 147 });
    expect(data.stockCounts.find((entry: { itemKind: string }) => entry.itemKind === 'DEVICE')).toMatchObject({ received: 2, issued: 2, issuedToTeams: 2, onHand: 0 });

    const tablets = page.getByTestId('lot-Máy tính bảng Samsung Galaxy Tab A9');
    await tablets.getByText('Nhận 2, còn 0.').waitFor();
    await tablets.getByRole('listitem').filter({ hasText: 'Tổ công nghệ số cộng đồng bản Khe Chóng' }).getByText('R9XT20A1B3D', { exact: false }).waitFor();
    await tablets.getByRole('listitem').filter({ hasText: 'Tổ công nghệ số cộng đồng bản Xốp Cháo' }).getByText('R9XT20A1B2C', { exact: false }).waitFor();
    const sims = page.getByTestId('lot-SIM Viettel 4G trả trước');
    await sims.getByRole('listitem').filter({ hasText: 'Hộ ông Vi Văn Pấn, bản Xốp Cháo' }).getByText('8984048000123450051, 8984048000123450052', { exact: false }).waitFor();
    await sims.getByRole('listitem').filter({ hasText: 'Tổ công nghệ số cộng đồng bản Xốp Cháo' }).getByText('8984048000123450001', { exact: false }).waitFor();
    await expectAccessible(page, 'stock');
  });

  it('lets the officer issue SIM cards by serial to a household and by count to a team; a refusal is said on its field and issues nothing', async () => {
    const simCounts = async () => {
      const { data } = await graphql('{ stockCounts(unitCode: "17227") { itemKind issued issuedToTeams issuedToHouseholds onHand } }', officer);
      return data.stockCounts.find((entry: { itemKind: string }) => entry.itemKind === 'SIM_CARD');
    };
    expect(await simCounts()).toMatchObject({ issued: 53, issuedToTeams: 50, issuedToHouseholds: 3, onHand: 147 });
    await signIn('Cán bộ Xã Tam Quang');
    await page.getByRole('link', { name: 'Kho hiện vật' }).click();
    const sims = page.getByTestId('lot-SIM Viettel 4G trả trước');
    await sims.getByText('Cấp phát từ lô này').click();
    const form = sims.getByRole('form', { name: 'Cấp phát SIM Viettel 4G trả trước' });

    // To a household, two serials picked, with its consent on the slip; dated years ahead, so the hub refuses the date.
    await form.getByLabel('Cấp cho', { exact: true }).selectOption({ label: 'Hộ gia đình' });
    await form.getByLabel('Hộ nhận', { exact: true }).fill('Hộ bà Lò Thị Hoa, bản Tân Hương');
    await form.getByLabel('Hộ đã đồng ý trên phiếu nhận').check();
    await form.getByLabel('Mã, số sê-ri cấp', { exact: true }).selectOption(['8984048000123450054', '8984048000123450055']);
    await form.getByLabel('Ngày cấp', { exact: true }).fill('2030-01-01');
    await form.getByRole('button', { name: 'Cấp phát' }).click();
    await form.locator('[aria-invalid="true"]').first().waitFor();
    expect(await form.getByLabel('Ngày cấp', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    // The hub's own sentence beside the field, with the range's dates.
    expect(await form.locator('.field-error').allTextContents()).toEqual([expect.stringMatching(/^Ngày cấp: phải trong khoảng từ 2020-01-01 đến \d{4}-\d{2}-\d{2}$/)]);
    expect(await simCounts()).toMatchObject({ issued: 53, onHand: 147 });

    // The same write with the date corrected: issued once, the serials shown against the household.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
    await form.getByLabel('Ngày cấp', { exact: true }).fill(today);
    await form.getByRole('button', { name: 'Cấp phát' }).click();
    await form.getByText('Đã cấp 2 SIM Viettel 4G trả trước: 8984048000123450054, 8984048000123450055.').waitFor();
    await sims.getByRole('listitem').filter({ hasText: 'Hộ bà Lò Thị Hoa, bản Tân Hương' }).getByText('8984048000123450054, 8984048000123450055', { exact: false }).waitFor();

    // To a team by count: the next three free serials.
    await form.getByLabel('Cấp cho', { exact: true }).selectOption({ label: 'Tổ công nghệ số' });
    await form.getByLabel('Tổ nhận', { exact: true }).selectOption({ label: 'Tổ công nghệ số cộng đồng bản Tân Hương' });
    await form.getByLabel('Số lượng', { exact: true }).fill('3');
    await form.getByRole('button', { name: 'Cấp phát' }).click();
    await form.getByText('Đã cấp 3 SIM Viettel 4G trả trước: 8984048000123450056, 8984048000123450057, 8984048000123450058.').waitFor();
    await sims
      .getByRole('listitem')
      .filter({ hasText: 'Tổ công nghệ số cộng đồng bản Tân Hương' })
      .getByText('8984048000123450056, 8984048000123450057, 8984048000123450058', { exact: false })
      .waitFor();
    await sims.getByText('Nhận 200, còn 142.').waitFor();
    expect(await simCounts()).toMatchObject({ issued: 58, issuedToTeams: 53, issuedToHouseholds: 5, onHand: 142 });
    await expectAccessible(page, 'stock-issue');
  });

  it('never lets another role reach the stock: the organiser is sent to sign in, and the hub refuses its counts and serials', async () => {
    await signIn('Ban tổ chức ngày hội (Lương Thị Thu Hà)');
    await page.waitForURL(`${origin}/to-chuc`);
    expect(await page.getByRole('link', { name: 'Kho hiện vật' }).count()).toBe(0);
    await page.goto(`${origin}/kho-hien-vat`);
    await page.waitForURL((url) => url.pathname !== '/kho-hien-vat');
    expect(await page.getByTestId('stock-counts').count()).toBe(0);
    expect(await page.getByText('8984048000123450001').count()).toBe(0);

    const refused = await graphql('{ stockCounts(unitCode: "17227") { itemKind onHand } }', organiser);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(refused.data?.stockCounts ?? null).toBeNull();
  });
});
