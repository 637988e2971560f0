import { buildSchema, getIntrospectionQuery, parse, validate, type GraphQLError } from 'graphql';
import { aliasLimit, costLimit, DEFAULT_LIMITS, depthLimit, operationLimitRules } from './limits';

// A small schema shaped like the hub's: connections with `first`, plain lists, a cycle (unit ↔ teams).
const schema = buildSchema(/* GraphQL */ `
  type Query {
    unit(code: String!): Unit
    teams(first: Int! = 20): TeamConnection!
    members(limit: Int): [Member!]!
  }
  type Unit { code: String! name: String! teams(first: Int! = 20): TeamConnection! }
  type TeamConnection { totalCount: Int! nodes: [Team!]! edges: [TeamEdge!]! }
  type TeamEdge { cursor: String! node: Team! }
  type Team { name: String! unit: Unit! members: [Member!]! }
  type Member { fullName: String! team: Team! }
`);

function errorsOf(source: string, rules = operationLimitRules(DEFAULT_LIMITS)): readonly GraphQLError[] {
  return validate(schema, parse(source), rules);
}

const extensionsOf = (source: string, rules = operationLimitRules(DEFAULT_LIMITS)) => errorsOf(source, rules).map((error) => error.extensions);

/** `{ unit { teams { nodes { unit { teams … } } } } }`: 3 more levels per round. */
function nested(rounds: number, leaf = 'name'): string {
  let selection = leaf;
  for (let round = 0; round < rounds; round += 1) selection = `teams(first: 1) { nodes { unit { ${selection} } } }`;
  return `{ unit(code: "40") { ${selection} } }`;
}

describe('depthLimit', () => {
  it('accepts an operation at the maximum depth and refuses one a level deeper, naming both', () => {
    expect(errorsOf('{ unit(code: "40") { teams { nodes { name } } } }', [depthLimit(4)])).toEqual([]);
    const [error] = errorsOf('{ unit(code: "40") { teams { nodes { unit { name } } } } }', [depthLimit(4)]);
    expect(error.message).toBe('Yêu cầu lồng 5 tầng thông tin; tối đa 4 tầng');
    expect(error.extensions).toEqual({ limit: 'depth', max: 4, actual: 5 });
  });

  it('refuses a depth bomb at the default limit', () => {
    expect(extensionsOf(nested(5))).toContainEqual({ limit: 'depth', max: DEFAULT_LIMITS.maxDepth, actual: 17 });
  });

  it('counts the fields inside fragments and inline fragments where they are spread', () => {
    const viaFragments = `
      { unit(code: "40") { ...Deep } }
      fragment Deep on Unit { teams { nodes { ... on Team { unit { ...Name } } } } }
      fragment Name on Unit { teams { nodes { name } } }
    `;
    expect(extensionsOf(viaFragments, [depthLimit(5)])).toEqual([{ limit: 'depth', max: 5, actual: 7 }]);
  });

  it('does not loop on a fragment cycle (another rule reports it)', () => {
    const cycle = '{ unit(code: "40") { ...A } } fragment A on Unit { teams { nodes { unit { ...A } } } }';
    expect(errorsOf(cycle, [depthLimit(10)])).toEqual([]);
  });
});

describe('aliasLimit', () => {
  const aliases = (count: number) => `{ ${Array.from({ length: count }, (_, i) => `a${i}: unit(code: "40") { name }`).join(' ')} }`;

  it('accepts the maximum and refuses an alias bomb', () => {
    expect(errorsOf(aliases(3), [aliasLimit(3)])).toEqual([]);
    const [error] = errorsOf(aliases(4), [aliasLimit(3)]);
    expect(error.message).toBe('Yêu cầu đặt 4 tên khác cho thông tin; tối đa 3');
    expect(error.extensions).toEqual({ limit: 'aliases', max: 3, actual: 4 });
  });

  it('counts a fragment’s aliases once per spread', () => {
    const spread = `
      { unit(code: "40") { ...Names teams { nodes { unit { ...Names } } } } }
      fragment Names on Unit { a: name b: name ... on Unit { c: name } }
    `;
    expect(extensionsOf(spread, [aliasLimit(5)])).toEqual([{ limit: 'aliases', max: 5, actual: 6 }]);
  });
});

describe('costLimit', () => {
  const rule = (maxCost: number) => [costLimit({ maxCost, maxPageSize: 100, defaultListSize: 10 })];
  const costOf = (source: string) => {
    const [error] = errorsOf(source, rule(0));
    return error?.extensions.actual;
  };

  it('multiplies a connection’s nodes and edges by its page size, and plain lists by the default list size', () => {
    // teams 1 + totalCount 1 + nodes 1 + 30 × (name 1 + members 1 + 10 × fullName 1)
    expect(costOf('{ teams(first: 30) { totalCount nodes { name members { fullName } } } }')).toBe(3 + 30 * 12);
    // The schema's default page size (20) when the caller gives none.
    expect(costOf('{ teams { nodes { name } } }')).toBe(2 + 20);
    // Its edges like its nodes: teams 1 + edges 1 + 30 × (cursor 1 + node 1 + name 1)
    expect(costOf('{ teams(first: 30) { edges { cursor node { name } } } }')).toBe(2 + 30 * 3);
    expect(costOf('{ members(limit: 5) { fullName } }')).toBe(1 + 5);
    expect(costOf('{ members { fullName } }')).toBe(1 + 10);
  });

  it('takes a variable page size at its default, or at the largest page size without one', () => {
    expect(costOf('query ($n: Int! = 5) { teams(first: $n) { nodes { name } } }')).toBe(2 + 5);
    expect(costOf('query ($n: Int!) { teams(first: $n) { nodes { name } } }')).toBe(2 + 100);
  });

  describe('given the request’s variables', () => {
    const limits = { maxCost: 0, maxPageSize: 100, defaultListSize: 10 };
    const withVariables = (source: string, variables: Record<string, unknown>, maxCost = 0) =>
      validate(schema, parse(source), [costLimit({ ...limits, maxCost }, variables)]).map(({ extensions }) => extensions);
    const costWith = (source: string, variables: Record<string, unknown>) => withVariables(source, variables).find(({ limit }) => limit === 'cost')?.actual;
    const nestedPages = 'query ($a: Int = 1, $b: Int = 1) { teams(first: $a) { nodes { unit { teams(first: $b) { nodes { members { fullName } } } } } } }';

    it('costs a page size at the value sent, not at the variable’s default', () => {
      expect(costWith(nestedPages, {})).toBe(2 + 1 * (1 + 2 + 1 * (1 + 10)));
      expect(costWith(nestedPages, { a: 100, b: 100 })).toBe(2 + 100 * (1 + 2 + 100 * (1 + 10)));
      expect(withVariables(nestedPages, { a: 100, b: 100 }, 110_302)).toEqual([]);
      expect(withVariables(nestedPages, { a: 100, b: 100 }, 10_000)).toEqual([{ limit: 'cost', max: 10_000, actual: 110_302 }]);
    });

    it('takes a variable left out at its default, else at the field’s own default', () => {
      expect(costWith('query ($n: Int! = 5) { teams(first: $n) { nodes { name } } }', {})).toBe(2 + 5);
      expect(costWith('query ($n: Int) { teams(first: $n) { nodes { name } } }', {})).toBe(2 + 20);
      expect(costWith('query ($n: Int) { members(limit: $n) { fullName } }', { n: null })).toBe(1 + 10);
    });

    it('refuses a page size over the largest sent in a variable, or as a variable’s default, as it does a literal', () => {
      const source = 'query ($n: Int!, $m: Int = 500) { teams(first: $n) { nodes { name } } members(limit: $m) { fullName } }';
      const refusals = validate(schema, parse(source), [costLimit({ ...limits, maxCost: 1_000_000 }, { n: 101 })]).map(({ message, extensions }) => ({ message, extensions }));
      expect(refusals).toEqual([
        { message: 'teams(first) xin 101 dòng một trang; tối đa 100', extensions: { limit: 'pageSize', max: 100, actual: 101 } },
        { message: 'members(limit) xin 500 dòng một trang; tối đa 100', extensions: { limit: 'pageSize', max: 100, actual: 500 } },
      ]);
      expect(validate(schema, parse(source), [costLimit({ ...limits, maxCost: 1_000_000 }, { n: 100, m: 100 })])).toEqual([]);
    });

    it('costs a fragment by the page size each spread hands it', () => {
      const source = 'query ($a: Int, $b: Int) { x: teams(first: $a) { ...Names } y: teams(first: $b) { ...Names } } fragment Names on TeamConnection { nodes { name } }';
      expect(costWith(source, { a: 3, b: 40 })).toBe(2 + 3 + 2 + 40);
    });
  });

  it('refuses an operation over the maximum cost, naming it', () => {
    const source = '{ teams(first: 100) { nodes { members { team { members { fullName } } } } } }';
    const [error] = errorsOf(source, rule(10_000));
    expect(error.message).toBe('Yêu cầu đòi đọc quá nhiều thông tin một lần (ước tính 12102, tối đa 10000): xin chia nhỏ hoặc đọc từng trang');
    expect(error.extensions).toEqual({ limit: 'cost', max: 10_000, actual: 12_102 });
  });

  it('refuses a page size over the largest, wherever it is written', () => {
    const source = `
      { teams(first: 101) { nodes { name } } ...More }
      fragment More on Query { unit(code: "40") { ... on Unit { teams(first: 5000) { totalCount } } } }
    `;
    const refusals = errorsOf(source, rule(1_000_000)).map(({ message, extensions }) => ({ message, extensions }));
    expect(refusals).toEqual([
      { message: 'teams(first) xin 101 dòng một trang; tối đa 100', extensions: { limit: 'pageSize', max: 100, actual: 101 } },
      { message: 'teams(first) xin 5000 dòng một trang; tối đa 100', extensions: { limit: 'pageSize', max: 100, actual: 5000 } },
    ]);
    expect(errorsOf('{ teams(first: 100) { nodes { name } } }', rule(1_000_000))).toEqual([]);
  });

  it('costs fragments and inline fragments like the fields they stand for', () => {
    const inline = costOf('{ teams(first: 30) { nodes { name members { fullName } } } }');
    expect(costOf('{ teams(first: 30) { ...Nodes } } fragment Nodes on TeamConnection { nodes { ...Team } } fragment Team on Team { name ... on Team { members { fullName } } }')).toBe(inline);
  });

  it('costs introspection’s nested lists too', () => {
    const bomb = '{ __schema { types { fields { type { fields { type { fields { type { fields { name } } } } } } } } } }';
    expect(extensionsOf(bomb, rule(DEFAULT_LIMITS.maxCost))).toEqual([{ limit: 'cost', max: DEFAULT_LIMITS.maxCost, actual: expect.any(Number) }]);
  });
});

it('accepts the standard introspection query (as tools send it) within every default limit', () => {
  const introspection = getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, inputValueDeprecation: true });
  expect(errorsOf(introspection)).toEqual([]);
});
