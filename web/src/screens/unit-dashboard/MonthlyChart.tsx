import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatMonth, formatNumber } from '../../i18n/format';

export interface MonthPoint {
  /** `2025-07` */
  month: string;
  value: number;
}

/**
 * One indicator month by month (recharts' SVG, one image to a screen reader: the figures themselves
 * are in the table beside it). Its own module, so the charting library loads only on the officer's dashboard.
 */
export function MonthlyChart({ points, label }: { points: MonthPoint[]; label: string }) {
  return (
    <div className="chart" role="img" aria-label={`Biểu đồ cột: ${label} theo tháng`}>
      <ResponsiveContainer width="100%" height={260}>
        <BarChart data={points} margin={{ top: 8, right: 8, bottom: 8, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="month" tickFormatter={formatMonth} interval="preserveStartEnd" />
          <YAxis allowDecimals={false} tickFormatter={formatNumber} width={56} />
          <Tooltip labelFormatter={(month) => `Tháng ${formatMonth(String(month))}`} formatter={(value) => [formatNumber(Number(value)), label]} />
          <Bar dataKey="value" name={label} fill="#b91c1c" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
