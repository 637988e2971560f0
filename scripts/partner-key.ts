import { HubClient, IssuePartnerCredentialDocument, PartnerDirectoryDocument } from '../client';
import { Role, signToken } from '../subgraphs/common/auth';
import { readSigningConfig } from '../subgraphs/common/config';

const USAGE = `Issues an API key for a partner of the running hub, as a development admin, and prints it.

  npm run --silent partner-key -- Viettel ["label"]

HUB_URL defaults to http://localhost:4000/graphql; the admin token is signed with JWT_SECRET
or, in development, the development secret. In production, admins call issuePartnerCredential themselves.`;

async function main(): Promise<void> {
  const [shortName, label = `Khóa thử nghiệm ${new Date().toISOString().slice(0, 10)}`] = process.argv.slice(2);
  if (!shortName || shortName === '--help') {
    console.error(USAGE);
    process.exit(shortName ? 0 : 2);
  }
  const hubUrl = process.env.HUB_URL ?? 'http://localhost:4000/graphql';
  const { secret, issuer, audience } = readSigningConfig(process.env);
  const token = await signToken({ sub: 'dev-admin', roles: [Role.ADMIN] }, secret, { expiresIn: '5m', issuer, audience });
  const hub = new HubClient({ endpoint: hubUrl, token });
  const { partners } = await hub.request(PartnerDirectoryDocument, { first: 100 });
  const partner = partners.nodes.find((candidate) => candidate.shortName.toLowerCase() === shortName.toLowerCase());
  if (!partner) throw new Error(`No partner called ${shortName}; there are ${partners.nodes.map((p) => p.shortName).join(', ')}`);
  const { issuePartnerCredential } = await hub.request(IssuePartnerCredentialDocument, { partnerId: partner.id, label });
  console.log(issuePartnerCredential.apiKey);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
