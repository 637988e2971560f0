import { useEffect, useState } from 'react';

/** A page's shareable link and its QR code, for Zalo groups and printed posters. */
export function ShareLink({ path, label }: { path: string; label: string }) {
  const url = `${location.origin}${path}`;
  const [qr, setQr] = useState<string>();
  useEffect(() => {
    let shown = true;
    // The QR code library loads after the page is up, off the public pages' first load; an SVG is
    // cheaper for a slow phone to make than a PNG and as sharp when printed.
    void import('qrcode')
      .then(({ toString }) => toString(url, { type: 'svg', margin: 1, width: 160 }))
      .then((svg) => shown && setQr(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`));
    return () => {
      shown = false;
    };
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
