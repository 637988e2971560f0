import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { getNamedType, isObjectType, isUnionType, type GraphQLField, type GraphQLSchema } from 'graphql';
import { subgraphs } from '.';
import { authorizationMatrices, readmeWithAuthorizationTables } from './authorization';
import { buildFederatedSchema } from './common/schema';

/**
 * Field names that hold personal or secret data wherever they appear: each needs a row, unless only
 * guarded fields (or mutations, whose callers are checked) lead to its type.
 */
const SENSITIVE_NAME = /phone|address|email|fullName|contact|applicant|household|^codes$|apiKey|secret/i;

const schemas = new Map<string, GraphQLSchema>();
beforeAll(async () => {
  for (const definition of subgraphs) schemas.set(definition.name, await buildFederatedSchema(definition));
});

/** Every field of every object type as `Type.field`, with the type it leads to. */
function fieldsOf(schema: GraphQLSchema): { name: string; type: string; leadsTo: string[] }[] {
  return Object.values(schema.getTypeMap())
    .filter(isObjectType)
    .filter((type) => !type.name.startsWith('__'))
    .flatMap((type) =>
      Object.values(type.getFields()).map((field: GraphQLField<unknown, unknown>) => {
        const target = getNamedType(field.type);
        // `_entities` leads anyone to every entity type.
        const leadsTo = isUnionType(target) ? target.getTypes().map((member) => member.name) : [target.name];
        return { name: `${type.name}.${field.name}`, type: type.name, leadsTo };
      }),
    );
}

describe.each(authorizationMatrices.map((matrix) => [matrix.subgraph, matrix] as const))('the %s matrix', (name, matrix) => {
  const schema = () => schemas.get(name)!;

  it('has a row for every mutation, and none for a mutation that does not exist', () => {
    const mutations = Object.keys(schema().getMutationType()?.getFields() ?? {}).sort();
    expect(Object.keys(matrix.mutations).sort()).toEqual(mutations);
  });

  it('names only fields that exist', () => {
    const fields = new Set(fieldsOf(schema()).map((field) => field.name));
    expect(Object.keys(matrix.fields).filter((field) => !fields.has(field))).toEqual([]);
  });

  it('has a row for every sensitive field and every way to the audit trail, unless only guarded fields lead to it', () => {
    const fields = fieldsOf(schema());
    const ruled = new Set(Object.keys(matrix.fields));
    // A type is guarded when every field leading to it (mutations aside: their callers are checked) has a row or sits on a guarded type.
    const guarded = new Map<string, boolean>();
    const isGuarded = (type: string): boolean => {
      if (!guarded.has(type)) {
        guarded.set(type, false); // a cycle proves nothing
        const ways = fields.filter((field) => field.leadsTo.includes(type) && field.type !== 'Mutation');
        guarded.set(type, type !== 'Query' && ways.every((way) => ruled.has(way.name) || isGuarded(way.type)));
      }
      return guarded.get(type)!;
    };
    const unruled = fields.filter(
      (field) =>
        field.type !== 'Mutation' &&
        !ruled.has(field.name) &&
        (SENSITIVE_NAME.test(field.name.split('.')[1]) || field.leadsTo.includes('AuditEntry')) &&
        !isGuarded(field.type),
    );
    expect(unruled.map((field) => field.name)).toEqual([]);
  });
});

it('the README shows the matrices as they are (else run `npm run compose`)', () => {
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
  expect(readmeWithAuthorizationTables(readme)).toBe(readme);
});

describe('the audit trail is append-only', () => {
  it('no subgraph has a mutation that changes or removes audit entries', () => {
    const auditing = [...schemas.values()].flatMap((schema) =>
      Object.values(schema.getMutationType()?.getFields() ?? {}).filter(
        (field) => /audit/i.test(field.name) || getNamedType(field.type).name === 'AuditEntry',
      ),
    );
    expect(auditing.map((field) => field.name)).toEqual([]);
  });

  it('no code updates or deletes audit entries: only audit() writes them, and only inserts', () => {
    const sources = (dir: string): string[] =>
      readdirSync(dir).flatMap((entry) => {
        const path = join(dir, entry);
        if (statSync(path).isDirectory()) return entry === 'migrations' ? [] : sources(path);
        return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
      });
    const changesEntries = /\.(update|delete|remove|softDelete|softRemove|increment|decrement|upsert|clear|query)\(\s*(AuditEntry|['"`][^'"`]*audit_entry)/;
    const writers = sources(__dirname).filter((path) => {
      const source = readFileSync(path, 'utf8');
      // Only the kit's audit.ts names the table (its entity); anywhere else it would be raw SQL around audit().
      return changesEntries.test(source) || (!path.endsWith(join('common', 'audit.ts')) && source.includes('audit_entry'));
    });
    expect(writers).toEqual([]);
  });
});
