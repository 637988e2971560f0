import { buildSchema, parse, print, validate, type DocumentNode } from 'graphql';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_LIMITS, operationLimitRules } from '../gateway/limits';
import { createHash } from 'node:crypto';
import { HubClient, withIdempotencyKeys } from './client';
import * as generated from './generated/graphql';
import { PartnerDirectoryDocument, SponsorPipelineDocument, TeamsWithMembersDocument, UnitDirectoryDocument } from './generated/graphql';
import { idempotencyKeyPaths } from './generated/idempotency';
import * as webOnboarding from './generated/web-onboarding';
import * as webPapers from './generated/web-papers';
import * as webPublic from './generated/web-public';
import * as webReminders from './generated/web-reminders';
import * as webReorganise from './generated/web-reorganise';
import * as webSignedIn from './generated/web-signed-in';
import * as webVolunteers from './generated/web-volunteers';
import * as webWebhooks from './generated/web-webhooks';
import manifest from './persisted-operations.json';

const operationDocuments = (module: object) =>
  Object.entries(module as Record<string, unknown>)
    .filter(([name]) => name.endsWith('Document'))
    .map(([name, document]) => ({ name: name.replace(/Document$/, ''), document: document as DocumentNode }));
const documents = operationDocuments(generated);

it('the persisted query manifest lists every generated operation with the sha256 of the body the SDK sends', () => {
  expect(manifest.format).toBe('apollo-persisted-query-manifest');
  expect(manifest.version).toBe(1);
  const sent = documents.map(({ name, document }) => {
    const body = print(document);
    return { id: createHash('sha256').update(body).digest('hex'), name, body };
  });
  expect(manifest.operations.map(({ id, name, body }) => ({ id, name, body })).sort(byName)).toEqual(sent.sort(byName));
  expect(manifest.operations.find((operation) => operation.name === 'LogTrainings')?.type).toBe('mutation');
  expect(manifest.operations.find((operation) => operation.name === 'EventApplications')?.body).toMatch(/fragment StallApplicationFields/);
});

it('the web app’s per-file modules hold its operations byte for byte as the manifest has them (the allow-list accepts them)', () => {
  const bodies = new Map(manifest.operations.map(({ name, body }) => [name, body]));
  const web = [webOnboarding, webPapers, webPublic, webReminders, webReorganise, webSignedIn, webVolunteers, webWebhooks].flatMap(operationDocuments);
  expect(web.map(({ name }) => name)).toEqual(expect.arrayContaining(['WebLedger', 'WebApplyForStall', 'WebSponsorPipeline', 'WebWebhookDeliveries', 'WebMergeUnits']));
  for (const { name, document } of web) expect({ name, body: print(document) }).toEqual({ name, body: bodies.get(name) });
  // A module carries its own file's operations only: the public pages' module has no officer's query.
  expect(Object.keys(webPublic)).not.toContain('WebSponsorPipelineDocument');
});

it('marks as safe to retry the mutations whose inputs carry idempotency keys, and no others', () => {
  expect(idempotencyKeyPaths).toMatchObject({
    RecordPledge: ['input.idempotencyKey'],
    CreateSponsor: ['input.idempotencyKey'],
    RecordCashDonation: ['input.idempotencyKey'],
    ApplyForStall: ['input.idempotencyKey'],
    LogTrainings: ['input.trainings.*.idempotencyKey'],
    RecordAttendance: ['input.attendances.*.idempotencyKey'],
    LogOnboardings: ['input.onboardings.*.idempotencyKey'],
  });
  for (const unkeyed of ['CreateEvent', 'ApproveStallApplication', 'PartnerAccessToken']) {
    expect(idempotencyKeyPaths).not.toHaveProperty(unkeyed);
  }
});

describe('withIdempotencyKeys', () => {
  it('fills in missing keys, keeps given ones, and leaves the caller’s variables alone', () => {
    const variables = { input: { rows: [{ idempotencyKey: 'own-1' }, { idempotencyKey: '' }, {}] } };
    const filled = withIdempotencyKeys(variables, ['input.rows.*.idempotencyKey']);
    const [given, empty, missing] = filled.input.rows as { idempotencyKey: string }[];
    expect(given.idempotencyKey).toBe('own-1');
    expect(empty.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(missing.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(missing.idempotencyKey).not.toBe(empty.idempotencyKey);
    expect(variables.input.rows[2]).toEqual({});
  });

  it('skips paths the variables do not have', () => {
    expect(withIdempotencyKeys({ input: {} }, ['input.rows.*.idempotencyKey', 'other.idempotencyKey'])).toEqual({ input: {} });
  });
});

it('types requests by their document (checked by npm run typecheck)', () => {
  const typed = async (hub: HubClient) => {
    await hub.request(UnitDirectoryDocument); // no variables
    await hub.request(PartnerDirectoryDocument); // every variable optional
    // @ts-expect-error unitCode is required
    await hub.request(SponsorPipelineDocument);
    // @ts-expect-error no such variable
    await hub.request(TeamsWithMembersDocument, { unitCode: '17227', bogus: 1 });
    const { teams } = await hub.request(TeamsWithMembersDocument, { unitCode: '17227' });
    // @ts-expect-error not selected by the operation
    return teams.nodes[0].phone;
  };
  expect(typed).toBeInstanceOf(Function);
});

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

it('every operation the SDK and the web app send is within the gateway’s limits (depth, aliases, estimated cost), or its screen would get a 400', () => {
  const schema = buildSchema(readFileSync(join(__dirname, 'schema.graphql'), 'utf8'));
  const refused = manifest.operations.flatMap(({ name, body }) => validate(schema, parse(body), operationLimitRules(DEFAULT_LIMITS)).map((error) => `${name}: ${error.message}`));
  expect(refused).toEqual([]);
});
