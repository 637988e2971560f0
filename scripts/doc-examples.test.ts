import { readFileSync } from 'node:fs';
import { docsRegion, examplesIn, withExamples } from './doc-examples';

it('docs/integrating.md shows the example files the hub tests run, as they are (else run `npm run compose`)', () => {
  const committed = readFileSync('docs/integrating.md', 'utf8');
  expect(examplesIn(committed)).toEqual(['scripts/partner-example.ts', 'scripts/partner-example-http.ts']);
  expect(withExamples(committed) === committed).toBe(true);
});

it('fills an example block with its file’s docs region, and refuses a file without one', () => {
  const files: Record<string, string> = { 'a.ts': 'header\n// docs:start\nconst shown = 1;\n// docs:end\nfooter\n', 'b.ts': 'no markers' };
  const document = 'Before\n<!-- example: a.ts -->\nstale\n<!-- /example -->\nAfter\n';
  expect(withExamples(document, (path) => files[path])).toBe('Before\n<!-- example: a.ts -->\n```ts\nconst shown = 1;\n```\n<!-- /example -->\nAfter\n');
  expect(() => docsRegion('b.ts', files['b.ts'])).toThrow(/b\.ts needs the markers/);
});
