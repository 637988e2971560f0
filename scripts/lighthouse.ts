import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const USAGE = `Scores the public pages with Lighthouse (mobile profile) in Debian's Chromium, against a running hub.

  npm start                      # in another terminal (or any running hub)
  npm run lighthouse -- --url http://localhost:4000

Options: --url (default http://localhost:4000), --chrome (default /usr/bin/chromium),
         --runs (default 3: each page's median score is reported). Writes web/lighthouse/<page>.json.
Exits 1 when a page scores under 90 for performance or accessibility.`;

/** The bar from issue 16: both categories at least 90 on each public page measured. */
const BAR = 90;
/** The flags our machines need (SERVICES.md): without the background-networking ones Chromium calls the internet. */
const CHROME_FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

// lighthouse and chrome-launcher are ES modules only; tsc compiles `import()` to `require` under
// CommonJS, so the import is made at run time where Node keeps it an ES import.
const importModule = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<any>;

/** The public pages the issue names: the ledger and the stall application form of the demo commune's open fair. */
async function pages(origin: string): Promise<Record<string, string>> {
  const response = await fetch(`${origin}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ administrativeUnit(code: "17227") { upcomingEvents { id status } } }' }),
  });
  const { data } = (await response.json()) as { data: { administrativeUnit: { upcomingEvents: { id: string; status: string }[] } } };
  const fair = data.administrativeUnit.upcomingEvents.find((event) => event.status === 'OPEN_FOR_APPLICATIONS');
  if (!fair) throw new Error('The demo commune 17227 has no fair open for applications: is the hub running on the demo data?');
  return {
    'public-ledger': `${origin}/cong-khai/17227?tu=2025-01-01&den=2025-12-31`,
    'stall-application-form': `${origin}/su-kien/${fair.id}/dang-ky`,
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      url: { type: 'string', default: 'http://localhost:4000' },
      chrome: { type: 'string', default: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
      runs: { type: 'string', default: '3' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return console.log(USAGE);
  const { default: lighthouse } = await importModule('lighthouse');
  const { launch } = await importModule('chrome-launcher');
  const origin = new URL(values.url).origin;
  const output = join(__dirname, '..', '..', 'web', 'lighthouse');
  mkdirSync(output, { recursive: true });
  let failed = false;
  for (const [name, url] of Object.entries(await pages(origin))) {
    const scores: { performance: number; accessibility: number }[] = [];
    for (let run = 0; run < Number(values.runs); run += 1) {
      // A fresh browser per run: no cache or service worker from the run before (a first visit).
      const chrome = await launch({ chromePath: values.chrome, chromeFlags: CHROME_FLAGS });
      try {
        // Lighthouse's default settings are its mobile profile: a mid-range phone, slow 4G, 4× CPU slowdown.
        const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility'] });
        const { categories } = result.lhr;
        scores.push({ performance: Math.round(categories.performance.score * 100), accessibility: Math.round(categories.accessibility.score * 100) });
        writeFileSync(join(output, `${name}.json`), result.report as string);
      } finally {
        await chrome.kill();
      }
    }
    const performance = median(scores.map((score) => score.performance));
    const accessibility = median(scores.map((score) => score.accessibility));
    console.log(`${name}: performance ${performance}, accessibility ${accessibility} (median of ${scores.length}: ${scores.map((score) => `${score.performance}/${score.accessibility}`).join(', ')})`);
    if (performance < BAR || accessibility < BAR) failed = true;
  }
  if (failed) {
    console.error(`Under the bar of ${BAR}.`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
