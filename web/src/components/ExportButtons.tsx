import { useState } from 'react';
import { useClient, type AnyVariables, type TypedDocumentNode } from 'urql';
import type { SheetFormat } from '../../../client/generated/graphql';
import { shownError } from '../errors';
import { Alert } from './Page';

interface ExportedFile {
  filename: string;
  contentType: string;
  base64: string;
}

/** Saves a file the API answered in base64 under its own name, as a download. */
function download({ filename, contentType, base64 }: ExportedFile): void {
  const bytes = Uint8Array.from(atob(base64), (character) => character.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: contentType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** The spreadsheets' formats, as their buttons name them. */
const SHEET_FORMATS: { format: SheetFormat; name: string }[] = [
  { format: 'XLSX', name: 'Excel' },
  { format: 'CSV', name: 'CSV' },
];

/**
 * "Tải Excel" and "Tải CSV" (or the `formats` given, e.g. PDF and Excel for a paper) for one of the
 * API's files (a query answering one ExportedFile): the file is asked for only when a button is
 * pressed, and saved under the API's file name.
 */
export function ExportButtons<Variables extends AnyVariables, Format extends string = SheetFormat>({
  label,
  query,
  variables,
  formats = SHEET_FORMATS as { format: Format; name: string }[],
}: {
  /** What the file is, e.g. "bảng tổng hợp": the buttons read "Tải bảng tổng hợp (Excel)". */
  label: string;
  query: TypedDocumentNode<Record<string, ExportedFile>, Variables & { format: Format }>;
  variables: Variables;
  formats?: { format: Format; name: string }[];
}) {
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const fetchFile = async (format: Format) => {
    setBusy(true);
    setFailure(undefined);
    const answer = await client.query(query, { ...variables, format }).toPromise();
    setBusy(false);
    if (answer.error) return setFailure(shownError(answer.error).message);
    const [file] = Object.values(answer.data ?? {});
    if (file) download(file);
  };
  return (
    <div className="export">
      <span className="actions">
        {formats.map(({ format, name }) => (
          <button key={format} type="button" className="secondary" disabled={busy} onClick={() => void fetchFile(format)}>
            Tải {label} ({name})
          </button>
        ))}
      </span>
      {failure && <Alert>{failure}</Alert>}
    </div>
  );
}
