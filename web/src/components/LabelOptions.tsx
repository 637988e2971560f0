/** A select's options from one of the label tables (web/src/i18n/labels.ts): the API's code as the value, the domain's words shown. */
export function LabelOptions({ labels }: { labels: Record<string, string> }) {
  return (
    <>
      {Object.entries(labels).map(([code, label]) => (
        <option key={code} value={code}>
          {label}
        </option>
      ))}
    </>
  );
}
