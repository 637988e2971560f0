import { useEffect, type ReactNode } from 'react';

/** A screen's frame: its heading, and the browser tab's title. */
export function Page({ title, children, lead }: { title: string; lead?: ReactNode; children: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Tổ công nghệ số cộng đồng`;
  }, [title]);
  return (
    <section className="page">
      <h1>{title}</h1>
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
