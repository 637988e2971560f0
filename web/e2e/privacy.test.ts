import type { Browser } from 'playwright-core';
import { describeInBrowser, expectAccessible, journeysInBrowser, phonePage } from './browser';

/**
 * Issue 15's rights in Chromium, against the whole hub: the demo resident who asked to join a team
 * proves her phone with a one-time code (the development code), reads what the hub holds about her,
 * asks for a restriction; the commune's officer handles it in the queue; she reads the outcome.
 */
describeInBrowser('a person’s rights over their data, in a browser', () => {
  jest.setTimeout(120_000);
  let browser: Browser;
  let origin: string;

  const newPage = () => phonePage(browser, 10_000);

  journeysInBrowser('web_privacy', {
    ready: (started) => ({ origin, browser } = started),
  });

  it('lets a resident see her data with a one-time code, ask for a restriction, and read the officer’s outcome', async () => {
    const person = await newPage();
    await person.goto(`${origin}/du-lieu-cua-toi`);
    await person.getByLabel('Số điện thoại').fill('12345');
    await person.getByRole('button', { name: 'Gửi mã xác nhận' }).click();
    await person.getByText('Số điện thoại chưa đúng (ví dụ 0912345678)').waitFor();
    await person.getByLabel('Số điện thoại').fill('0987 654 321');
    await person.getByRole('button', { name: 'Gửi mã xác nhận' }).click();
    const code = (await person.getByTestId('development-code').textContent())!.trim();
    expect(code).toMatch(/^\d{6}$/);
    await person.getByLabel('Mã xác nhận').fill(code);
    await person.getByRole('button', { name: 'Xác nhận' }).click();
    await person.getByRole('heading', { name: 'Thông tin hệ thống đang lưu' }).waitFor();
    // Her request to join the team of Bản Tân Hương (seed), with its status in words.
    await person.getByText('Đang chờ tổ trưởng xem xét').first().waitFor();
    await expectAccessible(person, 'my-data');

    await person.getByLabel('Bạn muốn').selectOption('RESTRICTION');
    await person.getByLabel('Mã xã, phường nhận yêu cầu').fill('17227');
    await person.getByLabel('Nội dung').fill('Tạm dừng liên hệ với tôi trong ba tháng');
    await person.getByRole('button', { name: 'Gửi yêu cầu' }).click();
    await person.getByText('Đã gửi yêu cầu “Hạn chế xử lý dữ liệu”').waitFor();
    await person.getByTestId('my-request').getByText('Đã nhận, đang chờ cán bộ xử lý').waitFor();
    await expectAccessible(person, 'my-data-request');

    const officer = await newPage();
    await officer.goto(`${origin}/dang-nhap`);
    await officer.getByRole('button', { name: 'Cán bộ Xã Tam Quang' }).click();
    await officer.getByRole('link', { name: 'Yêu cầu về dữ liệu' }).click();
    const request = officer.getByTestId('personal-data-request').filter({ hasText: 'Tạm dừng liên hệ với tôi trong ba tháng' });
    await request.getByText('Hạn chế xử lý dữ liệu').waitFor();
    await expectAccessible(officer, 'personal-data-queue');
    await request.getByRole('button', { name: 'Đã thực hiện' }).click();
    await officer.getByText('Xin ghi lý do hoặc việc đã làm').waitFor();
    await request.getByLabel('Việc đã làm hoặc lý do từ chối').fill('Đã tạm dừng mọi liên hệ, nhắc việc với chị');
    await request.getByRole('button', { name: 'Đã thực hiện' }).click();
    await officer.getByText('Đã ghi nhận: yêu cầu đã được thực hiện.').waitFor();
    await officer.getByText('Không có yêu cầu nào đang chờ xử lý.').waitFor();

    await person.getByRole('button', { name: 'Cập nhật tình trạng' }).click();
    await person.getByTestId('my-request').getByText('Đã tạm dừng mọi liên hệ, nhắc việc với chị').waitFor();
    expect(await person.getByTestId('my-request').textContent()).toContain('Đã thực hiện');

    // She asks for her name to be corrected, giving it as a field; the officer finds it prefilled, accepts it, and her records carry it.
    await person.getByLabel('Bạn muốn').selectOption('CORRECTION');
    await person.getByLabel('Mã xã, phường nhận yêu cầu').fill('17227');
    await person.getByLabel('Họ và tên đúng').fill('Lò Thị Hoà Bình');
    await person.getByLabel('Nội dung').fill('Họ tên trên căn cước của tôi có chữ Hoà');
    await person.getByRole('button', { name: 'Gửi yêu cầu' }).click();
    await person.getByText('Đã gửi yêu cầu “Sửa thông tin chưa đúng”').waitFor();
    // Back to the queue (the token lives in memory: no reload), which asks the network again.
    await officer.goBack();
    await officer.getByRole('link', { name: 'Yêu cầu về dữ liệu' }).click();
    const correction = officer.getByTestId('personal-data-request').filter({ hasText: 'Họ tên trên căn cước của tôi có chữ Hoà' });
    await correction.waitFor();
    expect(await correction.getByLabel('Họ và tên đúng').inputValue()).toBe('Lò Thị Hoà Bình');
    expect(await correction.getByLabel('Địa chỉ đúng').inputValue()).toBe('');
    await expectAccessible(officer, 'personal-data-queue-correction');
    await correction.getByLabel('Việc đã làm hoặc lý do từ chối').fill('Đã sửa họ tên theo yêu cầu của chị');
    await correction.getByRole('button', { name: 'Đã thực hiện' }).click();
    await officer.getByText('Đã ghi nhận: yêu cầu đã được thực hiện.').waitFor();
    await person.getByRole('button', { name: 'Cập nhật tình trạng' }).click();
    await person.getByText('Đã sửa họ tên theo yêu cầu của chị').waitFor();
    await person.getByText(/Lò Thị Hoà Bình, /).first().waitFor();
  });
});
