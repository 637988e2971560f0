import { useEffect, type ReactNode } from 'react';

/**
 * A screen's frame: its heading, and the browser tab's title. `detail` (e.g. the commune's name from
 * the API) joins the heading once known, in an element of its own: the heading is painted at once and
 * its text is never replaced, so the page's largest paint does not wait for the API (issue 16's Lighthouse bar).
 */
export function Page({ title, detail, children, lead }: { title: string; detail?: string; lead?: ReactNode; children: ReactNode }) {
  const heading = detail ? `${title} – ${detail}` : title;
  useEffect(() => {
    document.title = `${heading} · Tổ công nghệ số cộng đồng`;
  }, [heading]);
  return (
    <section className="page">
      <h1>
        {title}
        {detail && <span> – {detail}</span>}
      </h1>
      {lead && <p className="lead">{lead}</p>}
      {children}
    </section>
  );
}

export function Loading() {
  return <p role="status">Đang tải…</p>;
}

export function Alert({ children, tone = 'error' }: { children: ReactNode; tone?: 'error' | 'success' | 'info' }) {
  return (
    <div className={`alert alert-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}
