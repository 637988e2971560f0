import { useState } from 'react';
import { Alert } from '../../components/Page';
import { formatDateTime } from '../../i18n/format';

/**
 * A signing secret as registered or rotated: shown this once, with a copy button and what to do with
 * it; after a rotation, until when the old secret still signs too.
 */
export function CopySecret({ secret, oldSignsUntil }: { secret: string; oldSignsUntil?: string | null }) {
  const [copied, setCopied] = useState<boolean>();
  const copy = () =>
    navigator.clipboard.writeText(secret).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  return (
    <Alert tone="success">
      <p>
        <strong>Khoá ký (signing secret) chỉ hiện một lần này.</strong> Hãy chép ngay vào nơi cất giữ bí mật của hệ thống nhận; hệ thống dùng nó
        để kiểm tra chữ ký <code>webhook-signature</code> của mỗi lần gửi. Không gửi khoá qua Zalo hay thư điện tử. Mất khoá thì bấm «Đổi khoá ký»
        để nhận khoá mới.
      </p>
      {oldSignsUntil && (
        <p>
          Đến {formatDateTime(oldSignsUntil)}, mỗi lần gửi mang cả chữ ký bằng khoá cũ và khoá mới: hãy chuyển hệ thống nhận sang khoá mới trước
          thời điểm đó.
        </p>
      )}
      <p className="secret" data-testid="signing-secret">
        {secret}
      </p>
      <button type="button" className="secondary" onClick={() => void copy()}>
        Chép khoá ký
      </button>
      {copied === true && <p role="status">Đã chép khoá ký.</p>}
      {copied === false && <p role="status">Trình duyệt không cho chép tự động: hãy bôi đen khoá rồi chép.</p>}
    </Alert>
  );
}
