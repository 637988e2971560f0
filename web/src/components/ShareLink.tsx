import { useEffect, useState } from 'react';
import { toDataURL } from 'qrcode';

/** A page's shareable link and its QR code, for Zalo groups and printed posters. */
export function ShareLink({ path, label }: { path: string; label: string }) {
  const url = `${location.origin}${path}`;
  const [qr, setQr] = useState<string>();
  useEffect(() => {
    void toDataURL(url, { margin: 1, width: 160 }).then(setQr);
  }, [url]);
  return (
    <aside className="share" aria-label="Chia sẻ">
      {qr && <img src={qr} width={160} height={160} alt={`Mã QR: ${label}`} />}
      <p>
        Chia sẻ qua Zalo hoặc in mã QR: <a href={url}>{url}</a>
      </p>
    </aside>
  );
}
