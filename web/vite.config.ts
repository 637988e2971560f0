import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * The web app, built into web/dist and served by the gateway at `/` (gateway/web-app.ts).
 * In development, `npm run dev:web` proxies /graphql and the sign-in endpoints to a running hub.
 */
export default defineConfig({
  root: __dirname,
  base: '/',
  // JSX through Vite's own transform (@vitejs/plugin-react does not install beside this project's Babel 7).
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  plugins: [
    VitePWA({
      // Registered by the app's own module (web/src/main.tsx): a registerSW.js in <head> would be a
      // render-blocking script (Lighthouse), and the Content-Security-Policy allows no inline one.
      injectRegister: false,
      registerType: 'autoUpdate',
      manifest: {
        name: 'Tổ công nghệ số cộng đồng',
        short_name: 'Tổ CNS',
        description: 'Công khai thu chi, ngày hội chuyển đổi số, đăng ký gian hàng và báo cáo hoạt động',
        lang: 'vi',
        start_url: '/',
        display: 'standalone',
        theme_color: '#b91c1c',
        background_color: '#ffffff',
        // The PNGs are rendered from the SVG by `npm run icons` (scripts/render-icons.ts) and committed.
        icons: [
          { src: '/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // The app shell opens offline; GraphQL answers are never cached (they may be personal).
        globPatterns: ['**/*.{js,css,html,svg,webmanifest}'],
        // GraphiQL (development only) is not part of the app: not cached on phones.
        globIgnores: ['**/graphiql*', '**/codemirror-*'],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/graphql/, /^\/dev\//, /^\/health/, /^\/app-config\.json/],
      },
    }),
    // Brotli and gzip copies beside each file: the gateway's sirv sends them to browsers that accept
    // them (gzip: true, brotli: true in gateway/web-app.ts), so a phone downloads a third of the bytes.
    compression({ algorithms: ['brotliCompress', 'gzip'], include: /\.(js|css|html|svg|webmanifest|json)$/ }),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    // GraphiQL (development only) is one large chunk; the app's own chunks are far smaller.
    chunkSizeWarningLimit: 900,
    rollupOptions: {
      // Libraries' "use client" lines mean nothing outside React Server Components: not worth a warning each.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
      // GraphiQL is a page of its own (the gateway serves it at /graphql outside production).
      input: { app: `${__dirname}/index.html`, graphiql: `${__dirname}/graphiql.html` },
    },
  },
  server: {
    proxy: Object.fromEntries(
      ['/graphql', '/dev', '/app-config.json'].map((path) => [path, process.env.HUB_URL ?? 'http://localhost:4000']),
    ),
  },
});
