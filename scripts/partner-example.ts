/**
 * An example of a partner's system logging its trainings in the hub, safely.
 *
 *   PARTNER_API_KEY=dtp_… npm run example:partner     (HUB_URL defaults to http://localhost:4000/graphql)
 *
 * 1. exchanges the partner's API key for a 15-minute token;
 * 2. finds team members to record as attendees (ids from the teams subgraph);
 * 3. logs a batch of trainings, each row keyed by the id the training has in the partner's own
 *    system, and sends the batch again (as after a timeout): the hub replays, nothing is duplicated;
 * 4. sends a batch with a bad row and prints the hub's report: which row, why, nothing written.
 */

interface GraphQLError {
  message: string;
  extensions?: { code?: string; field?: string; problems?: { field: string; message: string }[] };
}

class HubError extends Error {
  constructor(readonly errors: GraphQLError[]) {
    super(errors.map((error) => error.message).join('; '));
  }
}

/** Posts an operation; retries network failures and 5xx answers with the very same body (so the same idempotency keys). */
async function post<T>(hubUrl: string, query: string, variables: object, token?: string, attempts = 3): Promise<T> {
  const body = JSON.stringify({ query, variables });
  for (let attempt = 1; ; attempt += 1) {
    try {
      const response = await fetch(hubUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body,
      });
      if (response.status >= 500 && attempt < attempts) throw new Error(`HTTP ${response.status}`);
      const result = (await response.json()) as { data?: T; errors?: GraphQLError[] };
      if (result.errors?.length) throw new HubError(result.errors);
      return result.data as T;
    } catch (error) {
      if (error instanceof HubError || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** attempt));
    }
  }
}

const TOKEN = `mutation ($apiKey: String!) { partnerAccessToken(apiKey: $apiKey) { token expiresInSeconds partner { id shortName } } }`;
const MEMBERS = `query { teams(unitCode: "17227", first: 3) { nodes { id name members { id } } } }`;
const LOG = `mutation ($input: LogTrainingsInput!) {
  logTrainings(input: $input) { created replayed rows { id title heldOn attendeeCount invitedTeams { id } } }
}`;

export interface ExampleOutcome {
  partner: string;
  first: { created: number; replayed: number; ids: string[] };
  again: { created: number; replayed: number; ids: string[] };
  refusal: GraphQLError;
}

interface LogResult {
  logTrainings: { created: number; replayed: number; rows: { id: string; title: string; attendeeCount: number }[] };
}

export async function runPartnerExample(hubUrl: string, apiKey: string, log: (line: string) => void = console.log): Promise<ExampleOutcome> {
  const { partnerAccessToken } = await post<{ partnerAccessToken: { token: string; partner: { id: string; shortName: string } } }>(
    hubUrl,
    TOKEN,
    { apiKey },
  );
  const { token, partner } = partnerAccessToken;
  log(`Signed in as ${partner.shortName}`);

  const { teams } = await post<{ teams: { nodes: { id: string; name: string; members: { id: string }[] }[] } }>(hubUrl, MEMBERS, {}, token);
  const [commune, ...villages] = teams.nodes;
  // Our own system's ids for these trainings: stable, so a re-sent batch carries the same keys.
  const ownId = (n: number) => `${partner.shortName}-tap-huan-${daysAgo(0)}-${n}`;
  const trainings = [
    {
      idempotencyKey: ownId(1),
      title: 'Tập huấn thanh toán không dùng tiền mặt cho tổ công nghệ số',
      skill: 'ONLINE_PAYMENT',
      format: 'IN_PERSON',
      heldOn: daysAgo(14),
      place: 'Nhà văn hóa xã Tam Quang',
      trainer: 'Cán bộ chi nhánh',
      unitCode: '17227',
      invitedTeamIds: teams.nodes.map((team) => team.id),
      attendeeIds: commune.members.slice(0, 3).map((member) => member.id),
    },
    {
      idempotencyKey: ownId(2),
      title: 'Nhận diện lừa đảo trực tuyến',
      skill: 'ONLINE_SAFETY',
      format: 'ONLINE',
      heldOn: daysAgo(7),
      link: 'https://meet.example.vn/an-toan-mang',
      trainer: 'Cán bộ chi nhánh',
      unitCode: '17227',
      invitedTeamIds: villages.map((team) => team.id),
      attendeeIds: villages.flatMap((team) => team.members.slice(0, 2).map((member) => member.id)),
    },
  ];
  const input = { partnerId: partner.id, trainings };

  const first = (await post<LogResult>(hubUrl, LOG, { input }, token)).logTrainings;
  log(`Logged: ${first.created} new, ${first.replayed} already there`);
  for (const row of first.rows) log(`  ${row.title}: ${row.attendeeCount} attended`);

  // The answer could have been lost on the way back: sending the same batch again is safe.
  const again = (await post<LogResult>(hubUrl, LOG, { input }, token)).logTrainings;
  log(`Sent again: ${again.created} new, ${again.replayed} already there (same trainings: ${sameIds(first, again)})`);

  const bad = {
    partnerId: partner.id,
    trainings: [{ ...trainings[0], idempotencyKey: ownId(3) }, { ...trainings[1], idempotencyKey: ownId(4), attendeeIds: ['no-such-member'] }],
  };
  let refusal: GraphQLError | undefined;
  try {
    await post<LogResult>(hubUrl, LOG, { input: bad }, token);
  } catch (error) {
    if (!(error instanceof HubError)) throw error;
    refusal = error.errors[0];
    log(`A batch with a bad row was refused, nothing written: ${refusal.message}`);
    for (const problem of refusal.extensions?.problems ?? []) log(`  ${problem.field}: ${problem.message}`);
  }
  if (!refusal) throw new Error('The hub accepted a batch with an unknown member');

  const summary = (result: LogResult['logTrainings']) => ({
    created: result.created,
    replayed: result.replayed,
    ids: result.rows.map((row) => row.id),
  });
  return { partner: partner.shortName, first: summary(first), again: summary(again), refusal };
}

function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

function sameIds(a: LogResult['logTrainings'], b: LogResult['logTrainings']): boolean {
  return a.rows.map((row) => row.id).join() === b.rows.map((row) => row.id).join();
}

if (require.main === module) {
  const apiKey = process.env.PARTNER_API_KEY;
  if (!apiKey) {
    console.error('Set PARTNER_API_KEY (for the demo data: PARTNER_API_KEY=$(npm run --silent partner-key -- Viettel))');
    process.exit(2);
  }
  runPartnerExample(process.env.HUB_URL ?? 'http://localhost:4000/graphql', apiKey).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
