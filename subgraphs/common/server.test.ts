import { nameTheField } from './server';

describe('nameTheField', () => {
  const coercion = (message: string) => ({ message, extensions: { code: 'BAD_USER_INPUT' } });

  it('names the field of a value GraphQL refused while reading the variables', () => {
    const error = coercion('Variable "$input" got invalid value "1500.5" at "input.budget[0].unitPrice"; Money is a whole number');
    expect(nameTheField(error).extensions?.field).toBe('budget.0.unitPrice');
  });

  it('names the variable itself when the whole value was refused', () => {
    expect(nameTheField(coercion('Variable "$approve" got invalid value "yes"; Boolean cannot represent a non boolean value')).extensions?.field).toBe('approve');
  });

  it('leaves other errors and errors that already name a field alone', () => {
    const named = { message: 'phone: must be…', extensions: { code: 'BAD_USER_INPUT', field: 'phone' } };
    expect(nameTheField(named)).toBe(named);
    const other = { message: 'You may not…', extensions: { code: 'FORBIDDEN' } };
    expect(nameTheField(other)).toBe(other);
  });
});
