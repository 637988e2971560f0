/**
 * A column's heading repeated in its cell, shown only where a `table.stacked` stacks its rows into
 * cards on a narrow phone (styles.css); screen readers have the table's own headings.
 */
export function CellLabel({ children }: { children: string }) {
  return (
    <span className="cell-label" aria-hidden="true">
      {children}
    </span>
  );
}
