import type { CombinedError } from 'urql';

/** An API error as a person reads it: a Vietnamese sentence, and the form field it is about. */
export interface ShownError {
  message: string;
  /** The input field named by `extensions.field` (e.g. `contactPhone`, `input.contactPhone`). */
  field?: string;
  /** What the API said about that field, shown beside it: its own Vietnamese sentence (the app asks for vi), naming the field in words. */
  fieldMessage?: string;
  code?: string;
}

/** What each of the API's stable codes means to a person (never the server's English message). */
const BY_CODE: Record<string, string> = {
  BAD_USER_INPUT: 'Thông tin chưa hợp lệ, xin kiểm tra lại ô được đánh dấu.',
  UNAUTHENTICATED: 'Bạn cần đăng nhập để làm việc này.',
  FORBIDDEN: 'Bạn không có quyền làm việc này.',
  NOT_FOUND: 'Không tìm thấy thông tin yêu cầu.',
  CONFLICT: 'Không thực hiện được vì tình trạng hiện tại không cho phép.',
  TOO_MANY_ATTEMPTS: 'Đã thử sai quá nhiều lần. Xin liên hệ ban tổ chức.',
  RATE_LIMITED: 'Bạn thao tác quá nhanh. Xin đợi một lát rồi thử lại.',
  SERVICE_UNAVAILABLE: 'Hệ thống đang bận hoặc gián đoạn. Xin thử lại sau.',
};

/** The field of an input as the form names it: `input.contactPhone` and `contactPhone` alike. */
function formField(field: unknown): string | undefined {
  return typeof field === 'string' ? field.replace(/^input\./, '') : undefined;
}

/**
 * The first error of a failed request, in Vietnamese. `overrides` lets a screen say what a code
 * means there ("Mã tra cứu hoặc số điện thoại không đúng" for NOT_FOUND on the look-up page).
 */
export function shownError(error: CombinedError, overrides: Partial<Record<string, string>> = {}): ShownError {
  if (error.networkError && error.graphQLErrors.length === 0) {
    return { message: 'Không kết nối được máy chủ. Xin kiểm tra mạng rồi thử lại.', code: 'NETWORK' };
  }
  const [first] = error.graphQLErrors;
  const code = typeof first?.extensions?.code === 'string' ? first.extensions.code : 'INTERNAL_SERVER_ERROR';
  const field = formField(first?.extensions?.field);
  return {
    message: overrides[code] ?? BY_CODE[code] ?? 'Đã có lỗi xảy ra. Xin thử lại sau.',
    field,
    fieldMessage: field && first?.message,
    code,
  };
}
