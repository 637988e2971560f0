import { AuditEntry } from '../audit';
import { Role, type HubClaims } from '../auth';
import { allowedCallers, CALLER_KINDS, describeRule, type AuthorizationMatrix, type CallerKind, type Rule } from '../authorization';
import { getNamedType, isInputObjectType, type GraphQLSchema } from 'graphql';
import { asVariables, refusalsOf, rowCounts } from './hostile';
import { errorCodes, type TestSubgraph } from './subgraph';

/** An operation to run as each kind of caller. */
export interface Operation {
  query: string;
  variables?: Record<string, unknown>;
}

export interface FieldProbe {
  /** Reads the field (only it may be refused in this operation). */
  operation: () => Promise<Operation> | Operation;
  /** The field's value in the result's data. */
  value: (data: any) => unknown;
}

export interface MatrixProbes {
  /** Each call makes the records the mutation needs afresh, so every allowed caller can succeed. */
  mutations: Record<string, () => Promise<Operation> | Operation>;
  fields: Record<string, FieldProbe>;
}

export interface Scope {
  /** The unit the records sit under (the officer's), and another beside it. */
  unitCode: string;
  otherUnitCode: string;
  teamId: string;
  otherTeamId: string;
  partnerId: string;
  otherPartnerId: string;
  /** The membership the records belong to (a member acting for themselves), and another one. */
  memberId?: string;
  otherMemberId?: string;
  /** The volunteer the records belong to (a volunteer acting for themselves), and another one. */
  volunteerId?: string;
  otherVolunteerId?: string;
}

/** The token claims of every kind of caller; the organisers are the subjects `organiser` and `other-organiser`. */
export function callersOver(scope: Scope): Record<CallerKind, HubClaims | undefined> {
  return {
    admin: { sub: 'admin', roles: [Role.ADMIN] },
    officer: { sub: 'officer', roles: [Role.OFFICER], units: [scope.unitCode] },
    officerElsewhere: { sub: 'officer-elsewhere', roles: [Role.OFFICER], units: [scope.otherUnitCode] },
    leader: { sub: 'leader', roles: [Role.TEAM_LEADER], team: scope.teamId },
    otherLeader: { sub: 'other-leader', roles: [Role.TEAM_LEADER], team: scope.otherTeamId },
    partner: { sub: 'partner-staff', roles: [Role.PARTNER], partner: scope.partnerId },
    otherPartner: { sub: 'other-partner-staff', roles: [Role.PARTNER], partner: scope.otherPartnerId },
    organiser: { sub: 'organiser', roles: [Role.ORGANISER] },
    otherOrganiser: { sub: 'other-organiser', roles: [Role.ORGANISER] },
    member: { sub: 'member', roles: [Role.MEMBER], member: scope.memberId ?? 'no-membership-here' },
    otherMember: { sub: 'other-member', roles: [Role.MEMBER], member: scope.otherMemberId ?? 'another-membership' },
    volunteer: { sub: 'volunteer', roles: [Role.VOLUNTEER], volunteer: scope.volunteerId ?? 'no-volunteer-here' },
    otherVolunteer: { sub: 'other-volunteer', roles: [Role.VOLUNTEER], volunteer: scope.otherVolunteerId ?? 'another-volunteer' },
    noRole: { sub: 'no-role', roles: [] },
    anonymous: undefined,
  };
}

const refusal = (kind: CallerKind) => (kind === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');

/**
 * Where a mutation takes its idempotency key: its own `idempotencyKey` argument, or that field of
 * one of its input arguments (`input.idempotencyKey`); undefined when it takes none there.
 */
export function idempotencyKeyPath(schema: GraphQLSchema, name: string): string[] | undefined {
  const field = schema.getMutationType()!.getFields()[name];
  if (field.args.some((argument) => argument.name === 'idempotencyKey')) return ['idempotencyKey'];
  const input = field.args.find((argument) => {
    const type = getNamedType(argument.type);
    return isInputObjectType(type) && 'idempotencyKey' in type.getFields();
  });
  return input && [input.name, 'idempotencyKey'];
}

/**
 * The table test of a subgraph's matrix: every mutation and sensitive field, run as every kind
 * of caller, allowed or refused (writing nothing) as its row says; then every mutation must have
 * left an audit entry (the allowed callers ran each one).
 */
export function testAuthorizationMatrix(
  matrix: AuthorizationMatrix,
  setup: {
    subgraph: () => TestSubgraph;
    callers: () => Record<CallerKind, HubClaims | undefined>;
    probes: MatrixProbes;
    /** The person a row for the data subject alone is run as (a mutation only they may call: no caller kind of the table may). */
    dataSubject?: HubClaims;
    /**
     * The retry table: every mutation with an idempotency key is run twice with one key, and the
     * retry must answer the first result and write nothing; the mutations that take no key must be
     * exactly `unkeyed` (a new mutation without one fails the table until it takes one or is listed).
     */
    retries?: { unkeyed: string[] };
  },
): void {
  const { probes } = setup;
  const onlyTheDataSubject = (rule: Rule) => Boolean(rule.dataSubject) && allowedCallers(rule).size === 0;
  const theDataSubject = () => {
    if (!setup.dataSubject) throw new Error('A row for the data subject alone needs setup.dataSubject to run it as');
    return setup.dataSubject;
  };

  describe(`the ${matrix.subgraph} authorization matrix`, () => {
    it('has a probe for every row, and a row for every probe', () => {
      expect(Object.keys(probes.mutations).sort()).toEqual(Object.keys(matrix.mutations).sort());
      expect(Object.keys(probes.fields).sort()).toEqual(Object.keys(matrix.fields).sort());
    });

    // Refused callers first: they must be stopped before anything else is checked or written.
    const refusedFirst = (allowed: Set<CallerKind>) => [...CALLER_KINDS].sort((a, b) => Number(allowed.has(a)) - Number(allowed.has(b)));

    it.each(Object.entries(matrix.mutations))('mutation %s', async (name, rule) => {
      const allowed = allowedCallers(rule);
      const { db } = setup.subgraph();
      for (const kind of refusedFirst(allowed)) {
        const { query, variables } = await probes.mutations[name]();
        const entriesBefore = await db.manager.count(AuditEntry);
        const result = await setup.subgraph().execute(query, { variables, as: setup.callers()[kind] });
        // Every mutation audits what it writes: a refused call must leave no entry.
        const wrote = (await db.manager.count(AuditEntry)) > entriesBefore;
        const outcome = allowed.has(kind) ? result.errors ?? 'allowed' : { codes: errorCodes(result), wrote };
        expect({ caller: kind, rule: describeRule(rule), outcome }).toEqual({
          caller: kind,
          rule: describeRule(rule),
          outcome: allowed.has(kind) ? 'allowed' : { codes: [refusal(kind)], wrote: false },
        });
      }
      if (onlyTheDataSubject(rule)) {
        const { query, variables } = await probes.mutations[name]();
        expect((await setup.subgraph().execute(query, { variables, as: theDataSubject() })).errors).toBeUndefined();
      }
    });

    it.each(Object.entries(matrix.fields))('field %s', async (name, rule) => {
      const allowed = allowedCallers(rule);
      for (const kind of CALLER_KINDS) {
        const probe = probes.fields[name];
        const { query, variables } = await probe.operation();
        const result = await setup.subgraph().execute(query, { variables, as: setup.callers()[kind] });
        // A refused non-null field nulls its parent: the value is gone all the same.
        const value = (result.data ? probe.value(result.data) : undefined) ?? null;
        const outcome = allowed.has(kind)
          ? { errors: result.errors, hasValue: value !== null }
          : { codes: [...new Set(errorCodes(result))], value };
        expect({ caller: kind, rule: describeRule(rule), outcome }).toEqual({
          caller: kind,
          rule: describeRule(rule),
          outcome: allowed.has(kind) ? { errors: undefined, hasValue: true } : { codes: [refusal(kind)], value: null },
        });
      }
    });

    // The hostile-input table (see hostile.ts), on each probe as its baseline, run by an allowed caller.
    it.each(Object.entries(matrix.mutations))('mutation %s refuses every hostile value, naming its field, writing nothing', async (name, rule) => {
      const allowed = allowedCallers(rule);
      const caller = onlyTheDataSubject(rule) ? theDataSubject() : setup.callers()[allowed.has('admin') ? 'admin' : [...allowed][0]];
      expect(await refusalsOf(setup.subgraph(), await probes.mutations[name](), caller)).toEqual([]);
    });

    const { retries } = setup;
    if (retries) {
      it('answers a retry with the same idempotency key with the first result, writing nothing more; only the listed mutations take no key', async () => {
        const subgraph = setup.subgraph();
        const unkeyed = Object.keys(matrix.mutations).filter((name) => !idempotencyKeyPath(subgraph.schema, name));
        expect(unkeyed.sort()).toEqual([...retries.unkeyed].sort());
        const problems: string[] = [];
        for (const [name, rule] of Object.entries(matrix.mutations)) {
          const path = idempotencyKeyPath(subgraph.schema, name);
          if (!path) continue;
          const allowed = allowedCallers(rule);
          const caller = onlyTheDataSubject(rule) ? theDataSubject() : setup.callers()[allowed.has('admin') ? 'admin' : [...allowed][0]];
          const { query, variables } = asVariables(subgraph.schema, await probes.mutations[name]());
          const key = `retry-${name}-${Math.random().toString(36).slice(2)}`.slice(0, 100);
          const keyed = path.length === 1 ? { ...variables, idempotencyKey: key } : { ...variables, [path[0]]: { ...(variables[path[0]] as object), idempotencyKey: key } };
          const first = await subgraph.execute(query, { variables: keyed, as: caller });
          if (first.errors) {
            problems.push(`${name}: the first call failed: ${first.errors[0].message}`);
            continue;
          }
          const counts = await rowCounts(subgraph);
          const retried = await subgraph.execute(query, { variables: keyed, as: caller });
          if (retried.errors) problems.push(`${name}: the retry failed: ${retried.errors[0].message}`);
          else if (JSON.stringify(retried.data) !== JSON.stringify(first.data)) problems.push(`${name}: the retry answered ${JSON.stringify(retried.data)}, not ${JSON.stringify(first.data)}`);
          if (JSON.stringify(await rowCounts(subgraph)) !== JSON.stringify(counts)) problems.push(`${name}: the retry wrote rows`);
        }
        expect(problems).toEqual([]);
      });
    }

    it('has an audit entry for every mutation the allowed callers ran', async () => {
      const entries = await setup.subgraph().db.manager.find(AuditEntry);
      const audited = new Set(entries.map((entry) => entry.action));
      expect(Object.keys(matrix.mutations).filter((name) => !audited.has(name))).toEqual([]);
    });
  });
}
