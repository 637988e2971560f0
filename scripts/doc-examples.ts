import { readFileSync } from 'node:fs';

const START_MARKER = '// docs:start';
const END_MARKER = '// docs:end';
/** `<!-- example: scripts/x.ts -->`, a fenced block, `<!-- /example -->`: the block is the file's docs region. */
const EXAMPLE_BLOCK = /(<!-- example: (\S+) -->\n)[\s\S]*?(<!-- \/example -->)/g;

/** The lines of an example file between `// docs:start` and `// docs:end`: what a reader copies. */
export function docsRegion(path: string, source: string): string {
  const start = source.indexOf(START_MARKER);
  const end = source.indexOf(END_MARKER);
  if (start < 0 || end < start) throw new Error(`${path} needs the markers ${START_MARKER} and ${END_MARKER}`);
  return source.slice(source.indexOf('\n', start) + 1, end);
}

/**
 * A document with each example block filled in from its file (`npm run compose` writes
 * docs/integrating.md so): the examples a reader sees are the files the tests run, so they
 * cannot drift apart.
 */
export function withExamples(document: string, read: (path: string) => string = (path) => readFileSync(path, 'utf8')): string {
  return document.replace(EXAMPLE_BLOCK, (_block, open: string, path: string, close: string) => `${open}\`\`\`ts\n${docsRegion(path, read(path))}\`\`\`\n${close}`);
}

/** The files a document's example blocks show. */
export function examplesIn(document: string): string[] {
  return [...document.matchAll(EXAMPLE_BLOCK)].map(([, , path]) => path);
}
