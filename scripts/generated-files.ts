import { readFileSync, writeFileSync } from 'node:fs';

/**
 * Brings committed generated files up to date: writes those whose content differs, or with
 * `check` writes nothing and exits 1 naming them (what CI runs).
 */
export function writeGeneratedFiles(files: Record<string, string>, { check, command, upToDate }: { check: boolean; command: string; upToDate: string }): void {
  const stale = Object.entries(files).filter(([path, content]) => committedContent(path) !== content).map(([path]) => path);
  if (check && stale.length > 0) {
    console.error(`Stale: ${stale.join(', ')}. Run ${command} and commit the result.`);
    process.exit(1);
  }
  if (!check) for (const path of stale) writeFileSync(path, files[path]);
  console.log(stale.length === 0 ? upToDate : `Wrote ${stale.join(', ')}`);
}

function committedContent(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
