import { describe, expect, it } from 'vitest';
import { formatDate, formatHours, formatMoney, formatNumber, formatTimeRange } from './format';

describe('Vietnamese formats (formatters made on first use)', () => {
  it('writes money as "1.500.000 ₫", exact beyond 2^53', () => {
    expect(formatMoney('1500000').replace(/\s/g, ' ')).toBe('1.500.000 ₫');
    expect(formatMoney('90071992547409930').replace(/\s/g, ' ')).toBe('90.071.992.547.409.930 ₫');
    expect(formatMoney(0).replace(/\s/g, ' ')).toBe('0 ₫');
  });

  it('writes numbers and hours with a decimal comma', () => {
    expect(formatNumber(1234.5)).toBe('1.234,5');
    expect(formatHours(2.5)).toBe('2,5 giờ');
  });

  it('writes dates dd/mm/yyyy and a shift in Vietnam time', () => {
    expect(formatDate('2026-12-05')).toBe('05/12/2026');
    expect(formatDate('2026-12-04T20:00:00Z')).toBe('05/12/2026');
    expect(formatTimeRange('2026-12-05T00:00:00Z', '2026-12-05T04:00:00Z')).toBe('07:00–11:00, 05/12/2026');
  });
});
