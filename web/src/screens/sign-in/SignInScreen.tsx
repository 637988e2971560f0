import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { appConfig, completeProviderSignIn, demoUsers, signInAsDemoUser, signInWithProvider, type AppConfig, type DemoUser } from '../../auth/session';
import { Alert, Page } from '../../components/Page';

/** Where each role starts after signing in. */
export function homeOf(roles: string[], team?: string): string {
  if (roles.includes('ORGANISER')) return '/to-chuc';
  if (roles.includes('OFFICER')) return '/tong-hop';
  if (roles.includes('TEAM_LEADER') && team) return '/bao-cao';
  if (roles.includes('PARTNER')) return '/doi-tac';
  if (roles.includes('ADMIN')) return '/quan-tri/khoa-doi-tac';
  return '/';
}

/**
 * Sign-in: the province's OpenID Connect provider when one is configured; in development also
 * the demo users (the gateway offers them only outside production).
 */
export function SignInScreen() {
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const [config, setConfig] = useState<AppConfig>();
  const [users, setUsers] = useState<DemoUser[]>([]);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    void appConfig().then(async (loaded) => {
      setConfig(loaded);
      if (loaded.developmentSignIn) setUsers(await demoUsers());
    });
  }, []);
  const returnTo = search.get('tiep') ?? undefined;
  const signInAs = async (id: string) => {
    try {
      const session = await signInAsDemoUser(id);
      void navigate(returnTo ?? homeOf(session.roles, session.team));
    } catch {
      setFailed(true);
    }
  };
  return (
    <Page title="Đăng nhập">
      {failed && <Alert>Không đăng nhập được. Xin thử lại.</Alert>}
      {config?.oidc && (
        <p>
          <button type="button" onClick={() => void signInWithProvider(returnTo ?? '/')}>
            Đăng nhập bằng tài khoản của tỉnh
          </button>
        </p>
      )}
      {config && !config.oidc && !config.developmentSignIn && <Alert tone="info">Hệ thống chưa được cấu hình đăng nhập.</Alert>}
      {users.length > 0 && (
        <>
          <h2>Người dùng thử (chỉ trong môi trường phát triển)</h2>
          <ul className="demo-users">
            {users.map((user) => (
              <li key={user.id}>
                <button type="button" className="secondary" onClick={() => void signInAs(user.id)}>
                  {user.label}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </Page>
  );
}

/** Back from the OpenID provider with an authorization code. */
export function SignInCallbackScreen() {
  const navigate = useNavigate();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    completeProviderSignIn().then(
      (returnTo) => void navigate(returnTo, { replace: true }),
      () => setFailed(true),
    );
  }, [navigate]);
  return <Page title="Đăng nhập">{failed ? <Alert>Đăng nhập không thành công. Xin thử lại.</Alert> : <p role="status">Đang đăng nhập…</p>}</Page>;
}
