import type { Browser } from 'playwright-core';
import { describeInBrowser, expectAccessible, journeysInBrowser, phonePage, seriousViolations } from './browser';

/**
 * Issue 20's screens in Chromium, against the whole hub: a team leader chooses how to be reminded;
 * Viettel's staff read their webhook log, redeliver, register an address (its signing secret shown
 * once and copied), pause it, rotate its secret and delete it; the commune's officer merges a village into another after reading
 * what will happen, and finds its old code kept; an admin renames a commune, moves a village to
 * another commune and dissolves the village tier under a commune.
 */
describeInBrowser('reminders, webhooks and reorganising units, in a browser', () => {
  jest.setTimeout(180_000);
  let browser: Browser;
  let origin: string;

  const signedIn = async (who: string) => {
    const page = await phonePage(browser, 15_000);
    await page.goto(`${origin}/dang-nhap`);
    await page.getByRole('button', { name: who }).click();
    return page;
  };

  journeysInBrowser('web_operations', {
    ready: (started) => ({ origin, browser } = started),
  });

  it('shows the demo team leader the Zalo reminders the demo data chose, and lets them change the number, the wrong one marked', async () => {
    const page = await signedIn('Tổ trưởng Tổ công nghệ số bản Tân Hương');
    await page.getByRole('link', { name: 'Nhắc việc' }).click();
    await page.getByTestId('reminder-preference').getByText('Nhắc việc gửi qua Zalo tới 0912000002.').waitFor();
    await page.getByText('Báo cáo hoạt động tháng chưa gửi (từ ngày 6 của tháng sau)').waitFor();
    await page.getByLabel('Nhận nhắc việc qua').selectOption('ZALO');
    await page.getByLabel('Số điện thoại có Zalo').fill('0912');
    await page.getByRole('button', { name: 'Lưu cài đặt' }).click();
    await page.getByText('Số điện thoại chưa đúng (ví dụ 0912345678)').waitFor();
    await page.getByLabel('Số điện thoại có Zalo').fill('0912 000 003');
    await page.getByRole('button', { name: 'Lưu cài đặt' }).click();
    await page.getByText('Đã lưu cài đặt nhắc việc.').waitFor();
    expect(await page.getByTestId('reminder-preference').textContent()).toContain('Nhắc việc gửi qua Zalo tới 0912000003.');
    await expectAccessible(page, 'reminder-preference');

    // Kept by the hub: a fresh load shows it, and pausing is kept too.
    await page.reload();
    // The token lives in memory only: signing in again returns to the screen.
    await page.getByRole('button', { name: 'Tổ trưởng Tổ công nghệ số bản Tân Hương' }).click();
    await page.getByTestId('reminder-preference').getByText('Nhắc việc gửi qua Zalo tới 0912000003.').waitFor();
    await page.getByLabel('Tạm dừng nhận nhắc việc').check();
    await page.getByRole('button', { name: 'Lưu cài đặt' }).click();
    await page.getByTestId('reminder-preference').getByText('Bạn đang tạm dừng nhận nhắc việc.').waitFor();
    await page.context().close();
  });

  it('lets Viettel’s staff read the delivery log, redeliver, register an address with its secret shown once, pause it, rotate its secret and delete it', async () => {
    const page = await signedIn('Nhân viên Viettel Nghệ An');
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
    await page.getByRole('link', { name: 'Nhận sự kiện (webhook)' }).click();
    const crm = page.getByTestId('endpoint-CRM Viettel Nghệ An');
    await crm.getByText('Đang nhận').waitFor();
    await crm.getByRole('button', { name: 'Xem nhật ký gửi' }).click();
    // The seed's Viettel Money training: refused once (HTTP 503), accepted on the second attempt.
    const training = page.getByTestId('delivery-training.logged');
    await training.getByText('Đã gửi được').waitFor();
    expect(await training.textContent()).toContain('HTTP 200');
    await training.getByText('Các lần thử (2)').click();
    await training.getByText('Địa chỉ nhận trả lời HTTP 503').waitFor();
    await expectAccessible(page, 'webhook-deliveries');
    await training.getByRole('button', { name: 'Gửi lại' }).click();
    await page.getByText('Đã xếp gửi lại sự kiện training.logged, cùng mã webhook-id.').waitFor();

    await page.getByLabel('Địa chỉ nhận (https)').fill('http://hethong.viettel.example.vn/webhooks');
    await page.getByLabel('Mô tả').fill('Hệ thống đào tạo Viettel');
    await page.getByRole('button', { name: 'Đăng ký địa chỉ' }).click();
    await page.getByText('Địa chỉ phải bắt đầu bằng https://').waitFor();
    await page.getByText('Xin chọn ít nhất một loại sự kiện').waitFor();
    await page.getByLabel('Địa chỉ nhận (https)').fill('https://hethong.viettel.example.vn/webhooks');
    await page.getByLabel(/\(training\.logged\)/).check();
    await page.getByRole('button', { name: 'Đăng ký địa chỉ' }).click();
    const secret = (await page.getByTestId('signing-secret').textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);
    await page.getByText('Khoá ký (signing secret) chỉ hiện một lần này.').waitFor();
    await page.getByRole('button', { name: 'Chép khoá ký' }).click();
    await page.getByText('Đã chép khoá ký.').waitFor();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(secret);
    await expectAccessible(page, 'webhook-endpoints');

    const added = page.getByTestId('endpoint-Hệ thống đào tạo Viettel');
    page.once('dialog', (dialog) => void dialog.accept());
    await added.getByRole('button', { name: 'Tạm dừng' }).click();
    await added.getByText('Đã tạm dừng').waitFor();
    await added.getByRole('button', { name: 'Bật lại' }).click();
    await added.getByText('Đang nhận').waitFor();
    // The secret is never shown again: a fresh load lists the address without it.
    await page.reload();
    await page.getByRole('button', { name: 'Nhân viên Viettel Nghệ An' }).click();
    await page.getByTestId('endpoint-Hệ thống đào tạo Viettel').waitFor();
    expect(await page.getByTestId('signing-secret').count()).toBe(0);

    // A new secret, shown once, the old one signing too for a day; asked first, and nothing done if declined.
    const again = page.getByTestId('endpoint-Hệ thống đào tạo Viettel');
    page.once('dialog', (dialog) => void dialog.dismiss());
    await again.getByRole('button', { name: 'Đổi khoá ký' }).click();
    expect(await page.getByTestId('signing-secret').count()).toBe(0);
    page.once('dialog', (dialog) => {
      expect(dialog.message()).toContain('Trong 24 giờ, mỗi lần gửi mang cả chữ ký bằng khoá cũ và khoá mới');
      void dialog.accept();
    });
    await again.getByRole('button', { name: 'Đổi khoá ký' }).click();
    const rotated = (await page.getByTestId('signing-secret').textContent())!.trim();
    expect(rotated).toMatch(/^whsec_/);
    expect(rotated).not.toBe(secret);
    await page.getByText(/mỗi lần gửi mang cả chữ ký bằng khoá cũ và khoá mới: hãy chuyển hệ thống nhận sang khoá mới/).waitFor();
    await again.getByText(/^Khoá ký cũ vẫn ký kèm khoá mới đến /).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // Deleted after a warning that its log goes with it; Viettel's CRM stays.
    page.once('dialog', (dialog) => {
      expect(dialog.message()).toContain('nhật ký gửi bị xoá theo');
      void dialog.accept();
    });
    await again.getByRole('button', { name: 'Xoá' }).click();
    await page.getByRole('heading', { name: 'Địa chỉ nhận (1)' }).waitFor();
    expect(await page.getByTestId('endpoint-Hệ thống đào tạo Viettel').count()).toBe(0);
    await crm.getByText('Đang nhận').waitFor();
    await page.context().close();
  });

  it('lets the commune’s officer merge a village into another after reading what will happen, its old code kept', async () => {
    const page = await signedIn('Cán bộ Xã Tam Quang');
    await page.getByRole('link', { name: 'Sắp xếp đơn vị' }).click();
    await page.getByRole('heading', { name: 'Xã Tam Quang (mã 17227)' }).waitFor();
    await page.getByRole('button', { name: 'Bản Khe Chóng' }).click();
    await page.getByRole('heading', { name: 'Bản Khe Chóng (mã 17227.03)' }).waitFor();
    await page.getByLabel('Nhập vào một đơn vị cùng cấp').check();

    // A commune is not a village; a village of another commune is not this officer's to change.
    await page.getByLabel('Mã đơn vị nhận').fill('17227');
    await page.getByRole('button', { name: 'Xem trước thay đổi' }).click();
    await page.getByText('Chỉ nhập được vào đơn vị cùng cấp: Xã Tam Quang là xã, phường, thị trấn').waitFor();
    await page.getByLabel('Mã đơn vị nhận').fill('17230.01');
    await page.getByRole('button', { name: 'Xem trước thay đổi' }).click();
    await page.getByRole('button', { name: 'Xác nhận thay đổi' }).click();
    await page.getByText('Bạn chỉ thay đổi được các đơn vị mình phụ trách').waitFor();

    await page.getByLabel('Mã đơn vị nhận').fill('17227.01');
    await page.getByRole('button', { name: 'Xem trước thay đổi' }).click();
    const confirm = page.getByTestId('confirm-change');
    await confirm.getByRole('heading', { name: 'Xin xác nhận: nhập Bản Khe Chóng vào Bản Xốp Cháo' }).waitFor();
    const teams = (await page.getByTestId('unit-teams').textContent())!.trim();
    await confirm.getByText(`Chuyển sang Bản Xốp Cháo: ${teams} tổ công nghệ số`).waitFor();
    await confirm.getByText('Mã 17227.03 được giữ làm mã cũ của Bản Xốp Cháo').waitFor();
    await expectAccessible(page, 'reorganise-units');
    await confirm.getByRole('button', { name: 'Xác nhận thay đổi' }).click();

    await page.getByText('Đã thực hiện: nhập Bản Khe Chóng vào Bản Xốp Cháo.').waitFor();
    await page.getByRole('heading', { name: 'Bản Xốp Cháo (mã 17227.01)' }).waitFor();
    expect(await page.getByTestId('former-units').textContent()).toContain('17227.03: Bản Khe Chóng');
    await page.getByRole('button', { name: 'Xã Tam Quang (mã 17227)' }).click();
    await page.getByRole('heading', { name: 'Xã Tam Quang (mã 17227)' }).waitFor();
    expect(await page.getByRole('button', { name: 'Bản Khe Chóng' }).count()).toBe(0);
    await page.context().close();
  });

  it('lets an admin rename a commune, move a village to another commune and dissolve the village tier under a commune', async () => {
    const page = await signedIn('Quản trị hệ thống');
    await page.getByRole('link', { name: 'Sắp xếp đơn vị' }).click();
    await page.getByRole('heading', { name: 'Tỉnh Nghệ An (mã 40)' }).waitFor();
    const preview = () => page.getByRole('button', { name: 'Xem trước thay đổi' }).click();
    const confirmed = async (title: string) => {
      await page.getByTestId('confirm-change').getByRole('heading', { name: `Xin xác nhận: ${title}` }).waitFor();
      await page.getByRole('button', { name: 'Xác nhận thay đổi' }).click();
      await page.getByText(`Đã thực hiện: ${title}.`).waitFor();
    };

    // The demo tree is already two-tier (2025): there is no district to dissolve under the province.
    await page.getByLabel('Giải thể một cấp dưới đơn vị này').check();
    await page.getByLabel('Cấp giải thể').selectOption('DISTRICT');
    await preview();
    await page.getByRole('button', { name: 'Xác nhận thay đổi' }).click();
    // Refused by the API naming the field: the screen marks it with the API's own sentence.
    await page.getByText('Cấp: Tỉnh Nghệ An không có huyện nào để giải thể').waitFor();
    expect(await page.getByLabel('Cấp giải thể').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('button', { name: 'Xã Tam Quang', exact: true }).count()).toBe(1);

    // Rename, found by its code.
    await page.getByLabel('Mã đơn vị', { exact: true }).fill('17230');
    await page.getByRole('button', { name: 'Xem', exact: true }).click();
    await page.getByRole('heading', { name: 'Xã Tam Thái (mã 17230)' }).waitFor();
    await page.getByLabel('Đổi tên').check();
    await page.getByLabel('Tên mới').fill('Xã Tam Hợp');
    await preview();
    await page.getByText('Xã Tam Thái (mã 17230) sẽ mang tên “Xã Tam Hợp”; mã đơn vị giữ nguyên.').waitFor();
    await confirmed('đổi tên Xã Tam Thái thành “Xã Tam Hợp”');
    await page.getByRole('heading', { name: 'Xã Tam Hợp (mã 17230)' }).waitFor();

    // Move a village to the other commune: its team goes with it.
    await page.getByRole('button', { name: 'Bản Phòng' }).click();
    await page.getByRole('heading', { name: 'Bản Phòng (mã 17230.02)' }).waitFor();
    await page.getByLabel('Chuyển sang trực thuộc đơn vị khác').check();
    await page.getByLabel('Mã đơn vị cấp trên mới').fill('17227');
    await preview();
    await page.getByText('Bản Phòng (mã 17230.02) chuyển từ Xã Tam Hợp sang trực thuộc Xã Tam Quang (mã 17227).').waitFor();
    await confirmed('chuyển Bản Phòng sang trực thuộc Xã Tam Quang');
    await page.getByRole('button', { name: 'Xã Tam Quang (mã 17227)' }).click();
    await page.getByRole('button', { name: 'Bản Phòng' }).waitFor();

    // Dissolve the village tier under the renamed commune: its one village's team moves up, its code kept.
    await page.getByLabel('Mã đơn vị', { exact: true }).fill('17230');
    await page.getByRole('button', { name: 'Xem', exact: true }).click();
    await page.getByRole('heading', { name: 'Xã Tam Hợp (mã 17230)' }).waitFor();
    const teams = (await page.getByTestId('unit-teams').textContent())!.trim();
    await page.getByLabel('Giải thể một cấp dưới đơn vị này').check();
    await page.getByLabel('Cấp giải thể').selectOption('VILLAGE');
    await preview();
    await page.getByText(/^Giải thể 1 đơn vị cấp .+: Bản Cám \(mã 17230\.01\)\.$/).waitFor();
    await confirmed('giải thể cấp thôn, bản, tổ dân phố dưới Xã Tam Hợp');
    await page.getByTestId('former-units').getByText('17230.01: Bản Cám').waitFor();
    expect(await page.getByRole('button', { name: 'Bản Cám' }).count()).toBe(0);
    expect((await page.getByTestId('unit-teams').textContent())!.trim()).toBe(teams);
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });
});
