import type { Browser, Page, Request } from 'playwright-core';
import { TEST_JWT_SECRET } from '../../subgraphs/common/testing/subgraph';
import { startOidcProvider, type TestOidcProvider } from '../../subgraphs/common/testing/oidc-provider';
import type { TestHub } from '../../gateway/testing/hub';
import { describeInBrowser, launchChromium, phonePage, startWebHub, WEB_DIST } from './browser';

/** The audience of the hub's access tokens at the provider (a province's Keycloak client would say the same). */
const AUDIENCE = 'https://hub.example.vn';
/** Long enough to sign in on a loaded machine, short enough that the app renews it within the test. */
const ACCESS_TOKEN_SECONDS = 75;

/**
 * Sign-in in Chromium against a real OpenID provider started here (`oidc-provider`): authorization
 * code + PKCE from the web app, the provider's login page, back to the app with an access token the
 * subgraphs verify by the provider's keys, kept in memory only and renewed with the refresh token
 * before it expires.
 */
describeInBrowser('signing in with OpenID Connect, in a browser', () => {
  jest.setTimeout(180_000);
  let provider: TestOidcProvider;
  let hub: TestHub;
  let browser: Browser;
  let page: Page;
  let origin: string;

  beforeAll(async () => {
    provider = await startOidcProvider([], [AUDIENCE], {
      people: { 'can-bo-tam-quang': { name: 'Cán bộ Tam Quang', claims: { roles: ['OFFICER'], units: ['17227'] } } },
      accessTokenTTL: ACCESS_TOKEN_SECONDS,
    });
    const verification = { jwksUrl: provider.jwksUrl, issuer: provider.issuer, audience: AUDIENCE };
    hub = await startWebHub(
      'web_sign_in',
      {
        auth: { secret: TEST_JWT_SECRET, ...verification },
        // Production: no demo users, the provider is the only way in.
        webApp: { directory: WEB_DIST, production: true, oidc: { issuer: provider.issuer, clientId: 'hub-web', scope: 'openid profile api' } },
      },
      { environment: { JWT_JWKS_URL: provider.jwksUrl, JWT_ISSUER: provider.issuer, JWT_AUDIENCE: AUDIENCE } },
    );
    // The provider's public client redirects to a loopback address (any port): the app is opened there.
    origin = `http://127.0.0.1:${new URL(hub.gateway.url).port}`;
    browser = await launchChromium();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await hub?.close();
    await provider?.close();
  });

  it('signs the officer in with code + PKCE, keeps the token in memory and renews it before it expires', async () => {
    page = await phonePage(browser, 30_000);
    const context = page.context();
    const tokenRequests: URLSearchParams[] = [];
    const authorizations: URL[] = [];
    const bearers = new Set<string>();
    page.on('request', (request: Request) => {
      if (request.url() === `${provider.issuer}/token` && request.method() === 'POST') tokenRequests.push(new URLSearchParams(request.postData() ?? ''));
      if (request.url().startsWith(`${provider.issuer}/auth?`)) authorizations.push(new URL(request.url()));
      const authorization = request.headers().authorization;
      if (request.url().startsWith(`${origin}/graphql`) && authorization) bearers.add(authorization);
    });

    await page.goto(`${origin}/dang-nhap?tiep=/tong-hop`);
    await page.getByRole('button', { name: 'Đăng nhập bằng tài khoản của tỉnh' }).click();
    // The provider's own pages: its development login (any password), then consent.
    await page.waitForURL((url) => url.origin === provider.issuer);
    await page.locator('input[name="login"]').fill('can-bo-tam-quang');
    await page.locator('input[name="password"]').fill('mat-khau-bat-ky');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();

    // Back in the app, on the screen asked for, with the officer's data through the provider's token.
    await page.getByRole('heading', { name: 'Tổng hợp quý 3/2025 – Xã Tam Quang' }).waitFor();
    await page.getByTestId('teams-not-reported').waitFor();
    // PKCE: an S256 challenge with the authorization request, its verifier with the code.
    expect(authorizations[0]?.searchParams.get('response_type')).toBe('code');
    expect(authorizations[0]?.searchParams.get('code_challenge_method')).toBe('S256');
    expect(tokenRequests[0]?.get('grant_type')).toBe('authorization_code');
    expect(tokenRequests[0]?.get('code_verifier')).toMatch(/^[\w-]{43,128}$/);
    // Nothing of the session in the browser's storage: the token lives in memory only.
    // (A string: this file is type-checked without the DOM's types.)
    const stored = await page.evaluate<string>('JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie');
    expect(stored).not.toMatch(/eyJ/);

    // Before the access token expires, the app renews it with the refresh token, and uses the new one.
    const firstBearer = [...bearers][0];
    await page.waitForRequest((request) => request.url() === `${provider.issuer}/token` && request.postData()?.includes('grant_type=refresh_token') === true, {
      timeout: ACCESS_TOKEN_SECONDS * 1000,
    });
    await page.getByRole('link', { name: 'Nhà tài trợ' }).click();
    await page.getByTestId('instalments-to-follow-up').waitFor();
    expect([...bearers].length).toBeGreaterThan(1);
    expect([...bearers].at(-1)).not.toBe(firstBearer);
    await context.close();
  });
});
