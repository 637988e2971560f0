import { parseArgs } from 'node:util';
import { Role, signToken } from '../subgraphs/common/auth';
import { decodeJwt } from 'jose';
import { readSigningConfig } from '../subgraphs/common/config';

const USAGE = `Prints a development token (HS256, signed with JWT_SECRET or, in development, the development secret).

  npm run token -- --role OFFICER --unit 17227
  npm run token -- --role TEAM_LEADER --team <team id>
  npm run token -- --role PARTNER --partner <partner id>
  npm run token -- --role MEMBER --member <member id>
  npm run token -- --role VOLUNTEER --volunteer <volunteer id>
  npm run token -- --role ADMIN

Options: --role (repeatable) ${Object.values(Role).join('|')}, --unit (repeatable), --team, --partner, --member, --volunteer,
         --sub (default: dev-<role>), --expires (default 12h; at most JWT_MAX_LIFETIME_SECONDS, a day by default)`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string', multiple: true, default: [] },
      unit: { type: 'string', multiple: true, default: [] },
      team: { type: 'string' },
      partner: { type: 'string' },
      member: { type: 'string' },
      volunteer: { type: 'string' },
      sub: { type: 'string' },
      expires: { type: 'string', default: '12h' },
      help: { type: 'boolean', default: false },
    },
  });
  const roles = values.role.flatMap((role) => role.split(',')).map((role) => role.trim().toUpperCase());
  const unknown = roles.filter((role) => !Object.values(Role).includes(role as Role));
  if (values.help || roles.length === 0 || unknown.length > 0) {
    console.error(unknown.length > 0 ? `Unknown role: ${unknown.join(', ')}\n\n${USAGE}` : USAGE);
    process.exit(values.help ? 0 : 2);
  }
  const { secret, issuer, audience, maxLifetimeSeconds } = readSigningConfig(process.env);
  const token = await signToken(
    {
      sub: values.sub ?? `dev-${roles[0].toLowerCase()}`,
      roles: roles as Role[],
      units: values.unit.length > 0 ? values.unit : undefined,
      team: values.team,
      partner: values.partner,
      member: values.member,
      volunteer: values.volunteer,
    },
    secret,
    { expiresIn: values.expires, issuer, audience },
  );
  // The hub refuses tokens that live longer: say so now rather than with every request.
  const { iat, exp } = decodeJwt(token);
  if (exp! - iat! > maxLifetimeSeconds!) throw new Error(`--expires ${values.expires} is longer than tokens may live (JWT_MAX_LIFETIME_SECONDS=${maxLifetimeSeconds})`);
  console.log(token);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
