import type { Page } from 'playwright-core';
import { rosterCsv, rosterXlsx } from '../../subgraphs/teams/testing/roster-files';
import { describeInBrowser, expectAccessible, journeysInBrowser } from './browser';

/**
 * Issue 19's journey in Chromium, against the whole hub: the commune's officer uploads a roster
 * with a mistake, reads the problem by its row, uploads the corrected file, reads the warnings
 * of the dry run, confirms it and follows it to the result.
 */
describeInBrowser('onboarding a commune’s teams, in a browser', () => {
  // A hub, a browser, two dry runs and an import: minutes on a loaded 2-core machine.
  jest.setTimeout(180_000);
  let origin: string;
  let page: Page;

  journeysInBrowser('web_onboarding', {
    ready: (started) => ({ origin } = started),
    pageTimeout: 30_000,
    opened: (opened) => (page = opened),
  });

  /** A new team of the demo commune (named, so the commune's own team is left as it is). */
  const team = { teamName: 'Tổ công nghệ số thử nhập', decisionNumber: '301/QĐ-UBND', decisionDate: '01/09/2025' };

  const upload = async (name: string, base64: string) => {
    await page.getByLabel('Tệp danh sách (Excel .xlsx hoặc .csv)').setInputFiles({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(base64, 'base64') });
    await page.getByRole('button', { name: 'Tải lên và kiểm tra thử' }).click();
  };

  it('lets the commune’s officer upload a roster, fix the row named, confirm the dry run and follow it to the end', async () => {
    await page.goto(`${origin}/dang-nhap`);
    await page.getByRole('button', { name: 'Cán bộ Xã Tam Quang' }).click();
    await page.getByRole('link', { name: 'Nhập danh sách' }).click();
    await page.getByRole('heading', { name: 'Nhập danh sách tổ và thành viên' }).waitFor();
    await page.getByRole('button', { name: 'Tải mẫu danh sách (Excel)' }).waitFor();
    await expectAccessible(page, 'roster-import');

    // A role the domain does not know, on the file's 5th row (two title rows, the headings, then members).
    const withMistake = await rosterXlsx([
      { ...team, fullName: 'Lò Văn Nhập', role: 'Tổ trưởng', phone: '0977100001' },
      { ...team, fullName: 'Quàng Thị Nhập', role: 'Trưởng nhóm', phone: '0977100002' },
    ]);
    await upload('danh-sach-loi.xlsx', withMistake);
    await page.getByRole('heading', { name: 'Tệp có lỗi: chưa nhập được' }).waitFor();
    const problems = page.getByTestId('issues-PROBLEM');
    // The row and its column, as Excel numbers it (a stacked table on a phone: read as text, not as cells).
    const wrongRole = problems.locator('tr', { hasText: 'Chức vụ trong tổ' });
    await wrongRole.getByText('5', { exact: true }).waitFor();
    await expectAccessible(page, 'roster-import-refused');

    // Corrected, as Excel under Vietnamese settings saves a CSV: a second leader is the only departure, a warning.
    await page.getByRole('button', { name: 'Tải lên tệp khác' }).click();
    const corrected = rosterCsv([
      { ...team, fullName: 'Lò Văn Nhập', role: 'Tổ trưởng', phone: '0977100001' },
      { ...team, fullName: 'Quàng Thị Nhập', role: 'Tổ trưởng', phone: '0977100002' },
      { ...team, fullName: 'Vì Văn Nhập', role: 'Thành viên', phone: '+84 977 100 003' },
    ]);
    await upload('danh-sach.csv', corrected);
    await page.getByRole('heading', { name: 'Đã kiểm tra thử: chờ xác nhận' }).waitFor();
    await page.getByTestId('issues-WARNING').locator('tr', { hasText: 'Chức vụ trong tổ' }).getByText('5', { exact: true }).waitFor();
    const summary = page.getByTestId('import-summary');
    await summary.getByText('Thành viên vào tổ (sẽ)').waitFor();
    await expectAccessible(page, 'roster-import-checked');

    await page.getByRole('button', { name: 'Xác nhận nhập' }).click();
    await page.getByRole('heading', { name: 'Đã nhập xong' }).waitFor();
    await summary.getByText('Thành viên vào tổ', { exact: true }).waitFor();
    expect(await summary.locator('dd').nth(3).textContent()).toBe('3');
    await expectAccessible(page, 'roster-import-done');

    // The team is there, with its three members.
    await page.getByRole('link', { name: 'Các tổ', exact: true }).click();
    await page.getByRole('link', { name: team.teamName }).waitFor();
  });
});
