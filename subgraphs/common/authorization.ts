/**
 * The authorization matrix: for every mutation and every sensitive field of a subgraph, who may
 * use it, in domain terms. Resolvers enforce it (`ctx.viewer.insist`, the subgraph's `access.ts`);
 * the matrix is what the README's table and the table-driven tests are made from, and a test fails
 * when a mutation or a sensitive field has no row, so nobody adds one without deciding who may call it.
 */

/** The kinds of caller every row is tested with, each relative to the record the operation touches. */
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
  /** A PARTNER acting for this, e.g. "the partner itself". */
  partner?: string;
  /** An ORGANISER of this, e.g. "the event". */
  organiser?: string;
  /** Any signed-in caller. */
  signedIn?: true;
  /** Anyone, without a token too. */
  anyone?: true;
  /** What else the docs should say (a condition that is not about the caller). */
  note?: string;
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
        ];
  const text = [...who, ...(rule.admin === false ? ['not ADMIN'] : [])].join('; ');
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
