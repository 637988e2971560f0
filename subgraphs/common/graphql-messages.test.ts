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
    ['an unknown field', () => refusal('{ events(unitCode: "40") { nmae } }'), 'Không có thông tin “nmae” ở Sự kiện. Có phải ý bạn là “name”?', undefined],
    ['an unknown operation', () => refusal('{ evnets { name } }'), 'Hệ thống không có việc “evnets”. Có phải ý bạn là “events”?', undefined],
    ['an unknown enum value written in the query', () => refusal('{ events(unitCode: "40", level: TOWN) { name } }'), '“TOWN” không phải một lựa chọn có trong danh sách', undefined],
    ['a variable of the wrong type', () => refusal('query ($unitCode: Int!) { events(unitCode: $unitCode) { name } }'), 'Mã đơn vị: khai báo kiểu Int! nhưng ở đây cần kiểu String!', 'unitCode'],
    ['a variable used but not declared', () => refusal('{ events(unitCode: $unitCode) { name } }'), 'Biến “$unitCode” được dùng nhưng chưa khai báo', undefined],
    ['a variable declared but not used', () => refusal('query ($unitCode: String!) { events(unitCode: "40") { name } }'), 'Biến “$unitCode” được khai báo nhưng không dùng đến', undefined],
    ['an unknown type, with its suggestion', () => refusal('query ($unitCode: Strin!) { events(unitCode: $unitCode) { name } }'), 'Không có kiểu dữ liệu “Strin”. Có phải ý bạn là “String”?', undefined],
    ['an unknown argument, with its suggestion', () => refusal('{ events(unitCod: "40") { name } }'), 'events không nhận điều kiện “unitCod”. Có phải ý bạn là “unitCode”?', undefined],
    ['a list of records without its fields', () => refusal('{ events(unitCode: "40") }'), 'Cần ghi rõ lấy những thông tin nào của “events” (viết events { … })', undefined],
    ['fields asked of a value', () => refusal('{ events(unitCode: "40") { name { first } } }'), '“name” là một giá trị, không có thông tin bên trong để chọn', undefined],
    ['an argument written twice', () => refusal('{ events(unitCode: "40", unitCode: "41") { name } }'), '“unitCode” được viết hơn một lần', undefined],
    ['two fields under one name', () => refusal('{ events(unitCode: "40") { name name: __typename } }'), 'Hai thông tin cùng mang tên “name” nhưng khác nhau: đặt cho mỗi cái một tên riêng (bí danh)', undefined],
    ['a fragment never used', () => refusal('{ events(unitCode: "40") { name } } fragment Unused on Event { name }'), 'Đoạn “Unused” được định nghĩa nhưng không dùng đến', undefined],
    ['an unknown directive', () => refusal('{ events(unitCode: "40") @cached { name } }'), 'Không có chỉ thị “@cached”', undefined],
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
    ['an unknown field', () => refusal('{ events(unitCode: "40") { nmae } }'), 'There is no “nmae” on Event. Did you mean “name”?'],
    ['a variable of the wrong type', () => refusal('query ($unitCode: Int!) { events(unitCode: $unitCode) { name } }'), 'Unit code: is declared as Int! but String! is needed here'],
    ['an unknown argument, with its suggestion', () => refusal('{ events(unitCod: "40") { name } }'), 'events takes no argument “unitCod”. Did you mean “unitCode”?'],
    ['a variable used but not declared', () => refusal('{ events(unitCode: $unitCode) { name } }'), 'Variable “$unitCode” is used but not declared'],
  ])('says %s in English to Accept-Language: en', (_what, refuse, message) => {
    expect(runInRequestScope('graphql-messages-test', 'en', refuse).message).toBe(message);
  });

  it('leaves the hub’s own errors as they are, and says graphql-js’s sentences it does not know in general words', () => {
    const own = { message: 'Số tiền: phải lớn hơn 0', extensions: { code: 'BAD_USER_INPUT', field: 'amount' } };
    expect(graphqlErrorInWords(own)).toBe(own);
    const limit = { message: 'Yêu cầu lồng quá sâu: tối đa 12 tầng', extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'depth', max: 12, actual: 13 } };
    expect(graphqlErrorInWords(limit)).toBe(limit);
    const unknown = { message: 'Cannot spread fragment "Again" within itself.', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } };
    expect(graphqlErrorInWords(unknown)).toEqual({
      message: 'Yêu cầu GraphQL không khớp với lược đồ của hub (chi tiết cho lập trình viên ở extensions.graphqlMessage)',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED', graphqlMessage: unknown.message },
    });
    expect(runInRequestScope('unknown-en', 'en', () => graphqlErrorInWords(unknown)).message).toBe("The GraphQL request does not fit the hub's schema (details for developers in extensions.graphqlMessage)");
  });

  it('says the parser’s refusals in the request’s language, keeping graphql-js’s sentence for developers', () => {
    const tooLong = { message: 'Syntax Error: Document contains more that 5000 tokens. Parsing aborted.', extensions: { code: 'GRAPHQL_PARSE_FAILED' } };
    expect(graphqlErrorInWords(tooLong)).toEqual({ message: 'Yêu cầu quá dài: tối đa 5000 thành phần', extensions: { code: 'GRAPHQL_PARSE_FAILED', graphqlMessage: tooLong.message } });
    expect(runInRequestScope('parse-en', 'en', () => graphqlErrorInWords(tooLong)).message).toBe('The document is too long: at most 5000 tokens');
    const broken = { message: 'Syntax Error: Expected Name, found <EOF>.', extensions: { code: 'GRAPHQL_PARSE_FAILED' } };
    expect(graphqlErrorInWords(broken)).toMatchObject({ message: 'Yêu cầu GraphQL viết sai cú pháp', extensions: { graphqlMessage: broken.message } });
  });
});
