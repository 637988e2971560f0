import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { Layout } from './Layout';
import { Loading } from './Page';

/**
 * Markup without what the browser does not show: spaces between tags, and the router's attributes
 * that style nothing (`data-discover`, an inactive link's empty class).
 */
const compact = (html: string) =>
  html
    .replace(/ (data-discover="true"|class="")/g, '')
    .replace(/>\s+</g, '><')
    .replace(/\s+/g, ' ')
    .trim();

describe('the static app frame in web/index.html', () => {
  it('is what the app renders first for someone not signed in, so nothing moves when React replaces it', async () => {
    (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
    const html = readFileSync(join(__dirname, '..', '..', 'index.html'), 'utf8');
    const frame = /<div id="root">([\s\S]*?)<\/div>\s*(?:<script|<\/body>)/.exec(html)?.[1] ?? '';
    const router = createMemoryRouter([{ element: <Layout />, children: [{ path: '*', element: <Loading /> }] }], { initialEntries: ['/dang-tai'] });
    const rendered = document.createElement('div');
    await act(async () => createRoot(rendered).render(<RouterProvider router={router} />));
    expect(compact(frame)).toBe(compact(rendered.innerHTML));
  });
});
