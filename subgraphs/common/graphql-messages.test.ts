import { buildSchema, parse, validate, type GraphQLError, type OperationDefinitionNode } from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import { graphqlErrorInWords } from './graphql-messages';
import { runInRequestScope } from './request-scope';

/** Names the catalogue has for people: `Event` (a record type), `amount`, `unitCode`, `level` (fields). */
const schema = buildSchema(`
  enum UnitLevel { PROVINCE COMMUNE }
  input ReceiptInput { amount: Int!, unitCode: String!, level: UnitLevel }
  type Event { name: String }
  type Query { events(unitCode: String!, level: UnitLevel): [Event] }
  type Mutation { recordReceipt(input: ReceiptInput!): Int }
`);

/** graphql-js's own refusal of `source` (validation first, then the variables), as the hub formats it. */
function refusal(source: string, variables: Record<string, unknown> = {}) {
  const document = parse(source);
  const invalid = validate(schema, document);
  const [error] = invalid.length > 0 ? invalid : (getVariableValues(schema, (document.definitions[0] as OperationDefinitionNode).variableDefinitions ?? [], variables).errors as GraphQLError[]);
  const code = invalid.length > 0 ? 'GRAPHQL_VALIDATION_FAILED' : 'BAD_USER_INPUT';
  return graphqlErrorInWords({ message: error.message, extensions: { code } });
}

const RECEIPT = 'mutation ($input: ReceiptInput!) { recordReceipt(input: $input) }';

describe('GraphQL’s own refusals, in words a person reads', () => {
  it.each([
    ['an unknown enum value in a variable', () => refusal(RECEIPT, { input: { amount: 1, unitCode: '40', level: 'TOWN' } }), 'Cấp: “TOWN” không phải một lựa chọn có trong danh sách', 'input.level'],
    ['a value of the wrong type', () => refusal(RECEIPT, { input: { amount: 1.5, unitCode: '40' } }), 'Số tiền: phải là một số nguyên', 'input.amount'],
    ['a required input field left out', () => refusal(RECEIPT, { input: { unitCode: '40' } }), 'Số tiền: chưa nhập (bắt buộc phải có)', 'input.amount'],
    ['a required variable not sent', () => refusal(RECEIPT), 'Thông tin gửi lên: chưa nhập (bắt buộc phải có)', 'input'],
    ['a required argument left out', () => refusal('{ events { name } }'), 'Mã đơn vị: chưa nhập (bắt buộc phải có)', 'unitCode'],
    ['an unknown field', () => refusal('{ events(unitCode: "40") { nmae } }'), 'Không có thông tin “nmae” ở Sự kiện', undefined],
    ['an unknown operation', () => refusal('{ evnets { name } }'), 'Hệ thống không có việc “evnets”', undefined],
    ['an unknown enum value written in the query', () => refusal('{ events(unitCode: "40", level: TOWN) { name } }'), '“TOWN” không phải một lựa chọn có trong danh sách', undefined],
  ])('says %s in Vietnamese, naming the field, with the code and graphql-js’s sentence kept', (_what, refuse, message, field) => {
    const said = refuse();
    expect(said.message).toBe(message);
    expect(said.extensions?.field).toBe(field);
    expect(said.extensions?.code).toMatch(/^(BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED)$/);
    expect(said.extensions?.graphqlMessage).toMatch(/[A-Z]\w+ .*"/); // the English original, for programs
  });

  it.each([
    ['an unknown enum value in a variable', () => refusal(RECEIPT, { input: { amount: 1, unitCode: '40', level: 'TOWN' } }), 'Level: “TOWN” is not one of the choices'],
    ['a value of the wrong type', () => refusal(RECEIPT, { input: { amount: 'nhiều', unitCode: '40' } }), 'Amount: must be a whole number'],
    ['a required argument left out', () => refusal('{ events { name } }'), 'Unit code: is required but was not given'],
    ['an unknown field', () => refusal('{ events(unitCode: "40") { nmae } }'), 'There is no “nmae” on Event'],
  ])('says %s in English to Accept-Language: en', (_what, refuse, message) => {
    expect(runInRequestScope('graphql-messages-test', 'en', refuse).message).toBe(message);
  });

  it('leaves the hub’s own errors and sentences it does not know as they are', () => {
    const own = { message: 'Số tiền: phải lớn hơn 0', extensions: { code: 'BAD_USER_INPUT', field: 'amount' } };
    expect(graphqlErrorInWords(own)).toBe(own);
    const unknown = { message: 'Fragment "Unused" is never used.', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } };
    expect(graphqlErrorInWords(unknown)).toBe(unknown);
  });

  it('says the parser’s refusals in the request’s language, keeping graphql-js’s sentence for developers', () => {
    const tooLong = { message: 'Syntax Error: Document contains more that 5000 tokens. Parsing aborted.', extensions: { code: 'GRAPHQL_PARSE_FAILED' } };
    expect(graphqlErrorInWords(tooLong)).toEqual({ message: 'Yêu cầu quá dài: tối đa 5000 thành phần', extensions: { code: 'GRAPHQL_PARSE_FAILED', graphqlMessage: tooLong.message } });
    expect(runInRequestScope('parse-en', 'en', () => graphqlErrorInWords(tooLong)).message).toBe('The document is too long: at most 5000 tokens');
    const broken = { message: 'Syntax Error: Expected Name, found <EOF>.', extensions: { code: 'GRAPHQL_PARSE_FAILED' } };
    expect(graphqlErrorInWords(broken)).toMatchObject({ message: 'Yêu cầu GraphQL viết sai cú pháp', extensions: { graphqlMessage: broken.message } });
  });
});
