import { act } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { click, fakeHub, field, refused, render, saidBeside, type } from '../../testing/render';
import { StallApplicationScreen } from './StallApplicationScreen';

const category = { id: 'k-1', name: 'Khu nông sản', kind: 'PRODUCE', admission: 'FIRST_COME', capacity: 20, fee: '0', size: '3x3 m', freeStalls: 12 };
const event = {
  id: 'e-1',
  title: 'Ngày hội chuyển đổi số xã Tam Quang 2025',
  description: null,
  kind: 'DIGITAL_FAIR',
  venue: 'Sân UBND xã',
  startsOn: '2025-10-10',
  endsOn: '2025-10-10',
  status: 'OPEN_FOR_APPLICATIONS',
  applicationDeadline: null,
  unit: { code: '17227', name: 'Xã Tam Quang' },
  categories: [category],
  exhibitors: [],
};

describe('the stall application form', () => {
  it('shows the API’s own sentence beside the field it refuses, not a generic one', async () => {
    const sentence = 'Số điện thoại liên hệ: số này đã đăng ký khu gian hàng này';
    const { client, sent } = fakeHub([refused(sentence, { code: 'BAD_USER_INPUT', field: 'input.contactPhone' })], { event });
    const root = await render(client, <StallApplicationScreen />);
    await type(field(root, 'Khu gian hàng'), 'k-1');
    await type(field(root, 'Tên hộ, cơ sở hoặc doanh nghiệp'), 'Hộ bà Lò Thị Sen');
    await type(field(root, 'Họ tên người liên hệ'), 'Lò Thị Sen');
    await type(field(root, 'Số điện thoại'), '0912345678');
    await type(field(root, 'Sản phẩm, dịch vụ trưng bày'), 'Chè Shan tuyết');
    await click(field(root, 'Tôi đồng ý'));
    await act(async () => root.querySelector('form')!.requestSubmit());
    // The form's rules load on first use (a separate chunk): the answer comes once they have.
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    await act(async () => undefined);
    const phone = field(root, 'Số điện thoại');
    expect(phone.getAttribute('aria-invalid')).toBe('true');
    expect(saidBeside(phone)).toBe(sentence);
    expect(root.textContent).not.toContain('Giá trị này chưa hợp lệ');
  });
});
