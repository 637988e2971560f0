import { Max, Min } from 'class-validator';
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { Column, type ColumnOptions } from 'typeorm';
import { t } from './messages';

const DIGITS = /^-?\d+$/;

/**
 * The most one record may hold, in đồng, per kind of record: far above anything a commune's,
 * a province's or a national programme plausibly records at once, far below where a JavaScript
 * number stops being exact. One amount over its bound is refused, naming its field (`@Amount`).
 * Totals have no bound: they are summed exactly (see `sumOfMoney`, `Total`).
 */
export const MAX_AMOUNT = {
  /** One receipt: a cash donation, or the estimated value of one in-kind receipt (100 tỷ đồng). */
  receipt: 100_000_000_000,
  /** One pledge of a sponsor to a programme (100 tỷ đồng). */
  pledge: 100_000_000_000,
  /** One expense (100 tỷ đồng). */
  expense: 100_000_000_000,
  /** One line of a budget estimate: unit price × quantity (100 tỷ đồng). */
  budgetLine: 100_000_000_000,
  /** The price or estimated value of one item, on a budget line or in a gift lot (10 tỷ đồng). */
  unitPrice: 10_000_000_000,
  /** The suggested value of a sponsorship package (100 tỷ đồng). */
  sponsorshipPackage: 100_000_000_000,
  /** The fee for one stall at a fair (1 tỷ đồng). */
  stallFee: 1_000_000_000,
} as const;

/** An amount sent in an input: whole đồng from `min` (0 or 1) to `max` (one of MAX_AMOUNT). */
export function Amount(max: number, min: 0 | 1 = 1): PropertyDecorator {
  return (target, property) => {
    Min(min)(target, property);
    Max(max, { message: () => t('checks.maxMoney', { max: max.toLocaleString('vi-VN') }) })(target, property);
  };
}

/** A sum of amounts: exact however many records add up (a BigInt, sent as its digits). */
export type Total = bigint;

/** The exact total of amounts already in memory. */
export function totalOf(amounts: Iterable<number | bigint>): Total {
  let total = 0n;
  for (const amount of amounts) total += BigInt(amount);
  return total;
}

/**
 * SQL for the exact sum of a money expression. SUM over BIGINT is exact in both databases (a
 * DECIMAL in MariaDB, a 64-bit integer in SQLite); it is read back as text because both drivers
 * would otherwise hand over a JavaScript number, rounded past 2^53. Read it with `totalFrom`.
 */
export function sumOfMoney(expression: string): string {
  return `CAST(COALESCE(SUM(${expression}), 0) AS CHAR)`;
}

/** A total read back from `sumOfMoney` (or absent: 0). */
export function totalFrom(raw: unknown): Total {
  return raw === null || raw === undefined ? 0n : BigInt(String(raw));
}

function toMoney(value: unknown): number {
  const text = typeof value === 'number' || typeof value === 'bigint' ? String(value) : value;
  if (typeof text !== 'string' || !DIGITS.test(text)) {
    throw new GraphQLError(t('checks.money', { value: JSON.stringify(value) }));
  }
  const amount = Number(text);
  if (!Number.isSafeInteger(amount)) throw new GraphQLError(t('checks.moneyRange', { max: Number.MAX_SAFE_INTEGER }));
  return amount;
}

/** The exact digits of an amount (a record's number) or a total (a BigInt, or digits from SQL). */
function moneyDigits(value: unknown): string {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'string' && DIGITS.test(value)) return BigInt(value).toString();
  return String(toMoney(value));
}

/**
 * Vietnamese đồng: whole numbers, often beyond 2^31. Sent as a string of digits ("1500000000")
 * so every client reads it exactly; accepted as that string or a whole-number literal.
 * An amount sent in is a JavaScript number, each bounded far below 2^53 by MAX_AMOUNT; totals
 * are BigInts (`Total`), so any sum is sent exactly.
 */
export const Money = new GraphQLScalarType<number, string>({
  name: 'Money',
  description: 'An amount of Vietnamese đồng, a whole number, as a string of digits (e.g. "1500000")',
  serialize: moneyDigits,
  parseValue: toMoney,
  parseLiteral(ast) {
    if (ast.kind === Kind.STRING || ast.kind === Kind.INT) return toMoney(ast.value);
    throw new GraphQLError(t('checks.moneyDigits'));
  },
});

/** A bigint column read back as a number (MySQL hands bigints over as strings); one record's amount, bounded by MAX_AMOUNT. */
export function MoneyColumn(options: Omit<ColumnOptions, 'type' | 'transformer'> = {}): PropertyDecorator {
  return Column({
    ...options,
    type: 'bigint',
    transformer: {
      to: (value: number | null | undefined) => value,
      from: (value: string | number | null) => (value === null ? null : Number(value)),
    },
  });
}
