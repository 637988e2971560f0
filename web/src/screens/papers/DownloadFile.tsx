import { useState } from 'react';
import type { AnyVariables, TypedDocumentNode } from 'urql';
import { useClient } from 'urql';
import { shownError } from '../../errors';

export interface FileToSave {
  filename: string;
  contentType: string;
  base64: string;
}

/** Hands a downloaded file to the browser to save (a temporary link to its bytes). */
export function saveFile({ filename, contentType, base64 }: FileToSave): void {
  const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: contentType }));
  const link = Object.assign(document.createElement('a'), { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

/**
 * A button that asks the hub for a paper (PDF) or a workbook (XLSX) and saves it. The file is
 * fetched only when asked for: on a weak connection nobody pays for a download they did not want.
 */
export function DownloadFile<Data, Variables extends AnyVariables>({
  label,
  query,
  variables,
  file,
}: {
  label: string;
  query: TypedDocumentNode<Data, Variables>;
  variables: Variables;
  file: (data: Data) => FileToSave;
}) {
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  async function download() {
    setBusy(true);
    setProblem(null);
    const result = await client.query(query, variables, { requestPolicy: 'network-only' }).toPromise();
    setBusy(false);
    if (result.error || !result.data) setProblem(result.error ? shownError(result.error).message : 'Không tải được tệp, xin thử lại.');
    else saveFile(file(result.data));
  }
  return (
    <span className="download">
      <button type="button" onClick={download} disabled={busy} aria-busy={busy}>
        {busy ? 'Đang tải…' : label}
      </button>
      {problem && <span role="alert"> {problem}</span>}
    </span>
  );
}
