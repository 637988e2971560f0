import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { Column, type ColumnOptions } from 'typeorm';

const DIGITS = /^-?\d+$/;

function toMoney(value: unknown): number {
  const text = typeof value === 'number' || typeof value === 'bigint' ? String(value) : value;
  if (typeof text !== 'string' || !DIGITS.test(text)) {
    throw new GraphQLError(`Money is a whole number of đồng, without decimals or separators; got ${JSON.stringify(value)}`);
  }
  const amount = Number(text);
  if (!Number.isSafeInteger(amount)) throw new GraphQLError(`Money must be within ±${Number.MAX_SAFE_INTEGER} đồng`);
  return amount;
}

/**
 * Vietnamese đồng: whole numbers, often beyond 2^31. Sent as a string of digits ("1500000000")
 * so every client reads it exactly; accepted as that string or a whole-number literal.
 * Inside the hub it is a JavaScript number, exact up to 9 quadrillion đồng.
 */
export const Money = new GraphQLScalarType<number, string>({
  name: 'Money',
  description: 'An amount of Vietnamese đồng, a whole number, as a string of digits (e.g. "1500000")',
  serialize: (value) => String(toMoney(value)),
  parseValue: toMoney,
  parseLiteral(ast) {
    if (ast.kind === Kind.STRING || ast.kind === Kind.INT) return toMoney(ast.value);
    throw new GraphQLError('Money is a string of digits, e.g. "1500000"');
  },
});

/** A bigint column read back as a number (MySQL hands bigints over as strings). */
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
