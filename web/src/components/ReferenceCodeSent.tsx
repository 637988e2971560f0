import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Alert } from './Page';

/** The answer to a request sent without an account: its outcome, the reference code to keep, the way to the status page. */
export function ReferenceCodeSent({ outcome, code, phone: sentFrom, statusPath, undo }: { outcome: ReactNode; code: string | null; phone: string; statusPath: string; undo: string }) {
  return (
    <>
      <Alert tone="success">
        <p>{outcome}</p>
      </Alert>
      <p>Mã tra cứu của bạn (hãy ghi lại hoặc chụp màn hình):</p>
      <p className="reference" data-testid="reference-code">
        {code}
      </p>
      <p>
        Dùng mã này cùng số điện thoại {sentFrom} để xem kết quả hoặc {undo}.
      </p>
      <p>
        <Link className="button" to={`${statusPath}?ma=${code ?? ''}`}>
          Xem tình trạng đơn
        </Link>
      </p>
    </>
  );
}
