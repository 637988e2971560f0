import { parseValue as parseLiteralText } from 'graphql';
import { Money } from './money';

const literal = (text: string) => Money.parseLiteral(parseLiteralText(text), undefined);

describe('Money', () => {
  it('serializes amounts as strings of digits', () => {
    expect(Money.serialize(1_500_000)).toBe('1500000');
    expect(Money.serialize(0)).toBe('0');
    expect(Money.serialize(Number.MAX_SAFE_INTEGER)).toBe('9007199254740991');
  });

  it('parses a string of digits or a whole number', () => {
    expect(Money.parseValue('1500000')).toBe(1_500_000);
    expect(Money.parseValue(1_500_000)).toBe(1_500_000);
    expect(Money.parseValue('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
  });

  it.each([['1.5'], [1.5], ['1e6'], ['1,000'], [''], [' 1500'], [null], [true]])('refuses %p: not a whole number of đồng', (value) => {
    expect(() => Money.parseValue(value)).toThrow(/số đồng nguyên/);
  });

  it.each([['9007199254740992'], [9007199254740992], ['123456789012345678901']])('refuses %p: beyond Number.MAX_SAFE_INTEGER', (value) => {
    expect(() => Money.parseValue(value)).toThrow(/phải trong khoảng/);
  });

  it('serializes totals exactly: BigInts, and digits read back from SQL, past 2^53', () => {
    expect(Money.serialize(2n ** 60n + 1n)).toBe('1152921504606846977');
    expect(Money.serialize('9008299999909919')).toBe('9008299999909919');
    expect(Money.serialize(-5n)).toBe('-5');
  });

  it('refuses to serialize what is not a whole number', () => {
    expect(() => Money.serialize(1.5)).toThrow();
    expect(() => Money.serialize(Number.MAX_SAFE_INTEGER + 1)).toThrow();
  });

  it('accepts string and int literals only', () => {
    expect(literal('"1500000"')).toBe(1_500_000);
    expect(literal('1500000')).toBe(1_500_000);
    expect(() => literal('"1.5"')).toThrow(/số đồng nguyên/);
    for (const text of ['1.5', '1e6', 'true', 'null', 'LOTS', '["1"]', '{ amount: 1 }']) {
      expect(() => literal(text)).toThrow(/chuỗi chữ số/);
    }
  });
});
