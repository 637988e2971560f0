import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

/**
 * Renders the app's SVG icon (web/public/icon.svg) once into the PNG sizes phones install a PWA
 * with: 192 and 512 px, and a maskable 512 px one (square, full-bleed: the launcher cuts its own
 * shape; the star lies within the safe zone's circle of 80 %). The PNGs are committed; run again
 * (`npm run icons`, Debian's Chromium) only when the SVG changes.
 */
async function main(): Promise<void> {
  const publicDir = join(__dirname, '..', '..', 'web', 'public');
  const svg = readFileSync(join(publicDir, 'icon.svg'), 'utf8');
  const maskable = svg.replace(/ rx="\d+"/, '');
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    for (const [file, size, source] of [
      ['icon-192.png', 192, svg],
      ['icon-512.png', 512, svg],
      ['icon-maskable-512.png', 512, maskable],
    ] as const) {
      const page = await browser.newPage({ viewport: { width: size, height: size } });
      const image = source.replace('<svg ', `<svg width="${size}" height="${size}" `);
      await page.setContent(`<style>html,body{margin:0;background:transparent}svg{display:block}</style>${image}`);
      writeFileSync(join(publicDir, file), await page.screenshot({ omitBackground: true }));
      await page.close();
      console.log(`Wrote web/public/${file}`);
    }
  } finally {
    await browser.close();
  }
}

void main();
