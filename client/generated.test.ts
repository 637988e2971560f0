import { print, type DocumentNode } from 'graphql';
import { createHash } from 'node:crypto';
import { HubClient, withIdempotencyKeys } from './client';
import * as generated from './generated/graphql';
import { PartnerDirectoryDocument, SponsorPipelineDocument, TeamsWithMembersDocument, UnitDirectoryDocument } from './generated/graphql';
import { idempotencyKeyPaths } from './generated/idempotency';
import manifest from './persisted-operations.json';

const documents = Object.entries(generated as Record<string, unknown>)
  .filter(([name]) => name.endsWith('Document'))
  .map(([name, document]) => ({ name: name.replace(/Document$/, ''), document: document as DocumentNode }));

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

it('marks as safe to retry the mutations whose inputs carry idempotency keys, and no others', () => {
  expect(idempotencyKeyPaths).toMatchObject({
    RecordPledge: ['input.idempotencyKey'],
    RecordCashDonation: ['input.idempotencyKey'],
    ApplyForStall: ['input.idempotencyKey'],
    LogTrainings: ['input.trainings.*.idempotencyKey'],
    RecordAttendance: ['input.attendances.*.idempotencyKey'],
    LogOnboardings: ['input.onboardings.*.idempotencyKey'],
  });
  for (const unkeyed of ['CreateSponsor', 'CreateEvent', 'ApproveStallApplication', 'PartnerAccessToken']) {
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
