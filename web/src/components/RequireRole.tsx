import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useSession } from './Layout';

/** A screen for signed-in people with one of these roles; others go to sign in first. */
export function RequireRole({ roles, children }: { roles: string[]; children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (!session || !session.roles.some((role) => roles.includes(role))) {
    return <Navigate to={`/dang-nhap?tiep=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  }
  return children;
}
