import { z } from 'zod';
import { phone, text } from '../../forms';

/** The stall application form's rules (loaded when the form is first checked: StallApplicationScreen). */
export const schema = z.object({
  categoryId: z.string().min(1, 'Xin chọn khu gian hàng'),
  exhibitorKind: z.enum(['HOUSEHOLD', 'BUSINESS', 'COOPERATIVE']),
  exhibitorName: text(2, 200, 'tên hộ, cơ sở hoặc doanh nghiệp'),
  contactName: text(2, 120, 'họ tên người liên hệ'),
  contactPhone: phone,
  offering: text(3, 500, 'sản phẩm, dịch vụ trưng bày'),
  agreed: z.literal(true, { message: 'Xin đánh dấu đồng ý để ban tổ chức được dùng thông tin liên hệ của bạn' }),
});
export type Form = z.input<typeof schema>;
export type Application = z.output<typeof schema>;
