import { defaultFieldResolver, isObjectType, type GraphQLSchema } from 'graphql';
import { Role, type Viewer } from './auth';
import type { Context } from './context';
import { forbidden } from './errors';
import { anyOf, t } from './messages';

/**
 * The authorization matrix: for every mutation and every sensitive field of a subgraph, who may
 * use it, in domain terms. It is enforced twice: here, by role, before any resolver runs (an
 * anonymous caller or a role the row does not name is refused outright), and in the resolvers,
 * by scope (which unit, team, partner or event: `ctx.viewer.insist`, the subgraph's `access.ts`).
 * The README's table and the table-driven tests are made from it, and a test fails when a mutation
 * or a sensitive field has no row, so nobody adds one without deciding who may call it.
 */

/**
 * The kinds of caller every row is tested with, each relative to the record the operation touches:
 * `partner` and `organiser` work with the record's team (a training, an event), `otherPartner` and
 * `otherOrganiser` do not; `member` is a MEMBER acting for the record's membership (themselves),
 * `otherMember` for another one; `volunteer` is a VOLUNTEER acting for the record's volunteer
 * (themselves), `otherVolunteer` for another one; `noRole` is signed in with no role at all. A deputy holds the
 * leader's token (TEAM_LEADER of the team), so `leader` stands for both.
 */
export const CALLER_KINDS = [
  'admin',
  'officer',
  'officerElsewhere',
  'leader',
  'otherLeader',
  'partner',
  'otherPartner',
  'organiser',
  'otherOrganiser',
  'member',
  'otherMember',
  'volunteer',
  'otherVolunteer',
  'noRole',
  'anonymous',
] as const;
export type CallerKind = (typeof CALLER_KINDS)[number];

/** Who may use one mutation or field. ADMIN may unless `admin: false`; each other role only where its scope is named. */
export interface Rule {
  /** false where not even admins may (residents' data stays with those who helped them). */
  admin?: false;
  /** An OFFICER whose units' subtrees hold this, e.g. "the team's unit". */
  officer?: string;
  /** A TEAM_LEADER (or deputy) of this, e.g. "the team". */
  leader?: string;
  /** A PARTNER acting for this, e.g. "the partner itself", "a partner that works with the team". */
  partner?: string;
  /** An ORGANISER of this, e.g. "the event". */
  organiser?: string;
  /** A MEMBER acting for this membership, e.g. "themselves". */
  member?: string;
  /** A VOLUNTEER acting for this volunteer record, e.g. "themselves". */
  volunteer?: string;
  /** Any signed-in caller. */
  signedIn?: true;
  /** Anyone, without a token too. */
  anyone?: true;
  /** The person the data is about, signed in with a one-time code to their phone (not a caller kind of the table: tested apart). */
  dataSubject?: true;
  /** What else the docs should say (a condition that is not about the caller). */
  note?: string;
  /**
   * The row holds only for some records (a household's name, not a business's): the resolver
   * decides, so no role check runs ahead of it; the table test probes a record it holds for.
   */
  onlyFor?: string;
}

/** Withdrawing the consent given with a record (consent.ts): the person themselves, or an officer over `unit` on their behalf. */
export function withdrawsConsent(unit: string): Rule {
  return { officer: `${unit}, on the person’s behalf`, dataSubject: true, note: 'only the consent given with that record, by the phone it was given with' };
}

export interface AuthorizationMatrix {
  subgraph: string;
  /** Every Mutation field, by name. */
  mutations: Record<string, Rule>;
  /** Sensitive fields (personal data, managers-only data, audit trails) as `Type.field`. */
  fields: Record<string, Rule>;
}

/** The caller kinds a rule lets through; every other kind must be refused. */
export function allowedCallers(rule: Rule): Set<CallerKind> {
  if (rule.anyone) return new Set(CALLER_KINDS);
  if (rule.signedIn) return new Set(CALLER_KINDS.filter((kind) => kind !== 'anonymous'));
  const allowed = new Set<CallerKind>(rule.admin === false ? [] : ['admin']);
  if (rule.officer) allowed.add('officer');
  if (rule.leader) allowed.add('leader');
  if (rule.partner) allowed.add('partner');
  if (rule.organiser) allowed.add('organiser');
  if (rule.member) allowed.add('member');
  if (rule.volunteer) allowed.add('volunteer');
  return allowed;
}

/** A rule in domain terms: "ADMIN; OFFICER over the team's unit; TEAM_LEADER of the team". */
export function describeRule(rule: Rule): string {
  const who = rule.anyone
    ? ['anyone, no sign-in needed']
    : rule.signedIn
      ? ['any signed-in caller']
      : [
          ...(rule.admin === false ? [] : ['ADMIN']),
          ...(rule.officer ? [`OFFICER over ${rule.officer}`] : []),
          ...(rule.leader ? [`TEAM_LEADER of ${rule.leader}`] : []),
          ...(rule.organiser ? [`ORGANISER of ${rule.organiser}`] : []),
          ...(rule.partner ? [`PARTNER: ${rule.partner}`] : []),
          ...(rule.member ? [`MEMBER: ${rule.member}`] : []),
          ...(rule.volunteer ? [`VOLUNTEER: ${rule.volunteer}`] : []),
          ...(rule.dataSubject ? ['the person themselves (one-time code to their phone)'] : []),
        ];
  const text = [...(rule.onlyFor ? [`for ${rule.onlyFor}:`] : []), [...who, ...(rule.admin === false ? ['not ADMIN'] : [])].join('; ')].join(' ');
  return rule.note ? `${text} (${rule.note})` : text;
}

/** The matrices as Markdown tables, one per subgraph: what the README's auth model shows. */
export function authorizationTables(matrices: readonly AuthorizationMatrix[]): string {
  return matrices
    .map(({ subgraph, mutations, fields }) => {
      const rows = [
        ...Object.entries(mutations).map(([name, rule]) => `| \`${name}\` | ${describeRule(rule)} |`),
        ...Object.entries(fields).map(([name, rule]) => `| \`${name}\` | ${describeRule(rule)} |`),
      ];
      return [`**${subgraph}**`, '', '| mutation or field | who may |', '|---|---|', ...rows].join('\n');
    })
    .join('\n\n');
}

/** The roles a rule names at all; which unit, team, partner or event is the resolver's to check. */
function rolesOf(rule: Rule): Role[] {
  return [
    ...(rule.admin === false ? [] : [Role.ADMIN]),
    ...(rule.officer ? [Role.OFFICER] : []),
    ...(rule.leader ? [Role.TEAM_LEADER] : []),
    ...(rule.partner ? [Role.PARTNER] : []),
    ...(rule.organiser ? [Role.ORGANISER] : []),
    ...(rule.member ? [Role.MEMBER] : []),
    ...(rule.volunteer ? [Role.VOLUNTEER] : []),
  ];
}

/** UNAUTHENTICATED for anonymous callers and FORBIDDEN for roles the rule does not name, unless it lets anyone through. */
function insistRole(viewer: Viewer, rule: Rule, roles: readonly Role[]): void {
  if (rule.anyone) return;
  viewer.requireSignedIn();
  if (rule.signedIn || roles.some((role) => viewer.has(role))) return;
  if (rule.dataSubject && viewer.dataSubjectKey) return; // which person's data is the resolver's to check
  throw forbidden(t('refusals.notAllowed', { who: anyOf(whoMay(rule)) }));
}

/** The people a rule lets through, as they are called in the request's language. */
function whoMay(rule: Rule): string[] {
  return [...rolesOf(rule).map((role) => t(`who.${role}`)), ...(rule.dataSubject ? [t('who.dataSubject')] : [])];
}

/** Puts the role check of every row in front of its field's resolver (`Mutation.x` for mutations). */
export function enforceRoles(schema: GraphQLSchema, matrix: AuthorizationMatrix): GraphQLSchema {
  const rows = [
    ...Object.entries(matrix.mutations).map(([name, rule]) => [`Mutation.${name}`, rule] as const),
    ...Object.entries(matrix.fields),
  ];
  for (const [path, rule] of rows) {
    const [typeName, fieldName] = path.split('.');
    const type = schema.getType(typeName);
    const field = isObjectType(type) ? type.getFields()[fieldName] : undefined;
    if (!field) continue; // a row without its field: the completeness test names it
    if (rule.onlyFor) continue; // the resolver knows which records the row holds for
    const resolve = field.resolve ?? defaultFieldResolver;
    const roles = rolesOf(rule); // once, not for each of a list's rows
    field.resolve = (source, args, ctx: Context, info) => {
      insistRole(ctx.viewer, rule, roles);
      return resolve(source, args, ctx, info);
    };
  }
  return schema;
}
