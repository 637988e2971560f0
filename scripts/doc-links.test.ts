import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import GithubSlugger from 'github-slugger';

/** Every Markdown file in the repository (those git tracks). */
const documents = execFileSync('git', ['ls-files', '*.md'], { encoding: 'utf8' }).split('\n').filter(Boolean);

/** A document's text without its fenced code blocks: a link or a heading in an example is not one. */
const prose = (text: string) => text.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');

/** The anchors GitHub gives a document's headings (`## The benchmark: \`npm run bench\`` → `the-benchmark-npm-run-bench`). */
function anchorsOf(path: string): Set<string> {
  const slugger = new GithubSlugger();
  const headings = prose(readFileSync(path, 'utf8')).match(/^#{1,6} .+$/gm) ?? [];
  return new Set(headings.map((heading) => slugger.slug(heading.replace(/^#+ /, '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1'))));
}

/** Each relative link of a document (`[text](path#anchor)`, `(#anchor)`), outside its code. */
function linksOf(path: string): string[] {
  const text = prose(readFileSync(path, 'utf8')).replace(/`[^`\n]*`/g, '');
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1]).filter((target) => !/^[a-z]+:/i.test(target));
}

describe('links between the documents', () => {
  it('finds the documents and their links', () => {
    expect(documents).toEqual(expect.arrayContaining(['README.md', 'docs/performance.md']));
    expect(linksOf('README.md').length).toBeGreaterThan(10);
  });

  it('anchors headings as GitHub does', () => {
    const anchors = anchorsOf('docs/performance.md');
    expect(anchors).toContain('the-benchmark-npm-run-bench');
    expect(anchors).toContain('figures');
  });

  it.each(documents)('%s: every relative link goes to a file that exists, and its anchor to a heading there', (document) => {
    const broken = linksOf(document).filter((target) => {
      const [file, anchor] = target.split('#');
      const path = file ? normalize(join(dirname(document), decodeURI(file))) : document;
      // Outside the repository (the team's shared notes beside it): not this checkout's to check.
      if (path.startsWith('..')) return false;
      if (!existsSync(path)) return true;
      return anchor !== undefined && path.endsWith('.md') && !anchorsOf(path).has(anchor);
    });
    expect(broken).toEqual([]);
  });
});
