import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { click, fakeHub, field, refused, render, saidBeside, type } from '../../testing/render';
import { JoinRequestScreen } from './JoinRequestScreen';

const team = { id: 't-1', name: 'Tổ công nghệ số Thôn Một', status: 'ACTIVE', unit: { code: '17227', name: 'Xã Tam Quang' } };

describe('the join request form', () => {
  it('shows the API’s own sentence beside the field it refuses, not a generic one', async () => {
    const sentence = 'Số điện thoại: số này không nhận được tin nhắn, xin ghi số di động';
    const { client, sent } = fakeHub([refused(sentence, { code: 'BAD_USER_INPUT', field: 'applicant.phone' })], { team });
    const root = await render(client, <JoinRequestScreen />);
    await type(field(root, 'Họ và tên'), 'Phạm Văn Nộp');
    await type(field(root, 'Số điện thoại'), '0912345678');
    await click(field(root, 'Tôi đồng ý'));
    await act(async () => root.querySelector('form')!.requestSubmit());
    expect(sent).toHaveLength(1);
    const phone = field(root, 'Số điện thoại');
    expect(phone.getAttribute('aria-invalid')).toBe('true');
    expect(saidBeside(phone)).toBe(sentence);
    expect(root.textContent).not.toContain('Giá trị này chưa hợp lệ');
  });
});
