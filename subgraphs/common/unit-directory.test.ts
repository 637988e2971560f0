import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { teams } from '../teams';
import { demoId } from './demo';
import type { RunningServer } from './http';
import { runInRequestScope } from './request-scope';
import { startSubgraph } from './server';
import { freshTestDatabaseUrl } from './testing/database';
import { TEST_JWT_SECRET, TEST_PERSONAL_DATA_ENV } from './testing/subgraph';
import { federatedUnitDirectory, forgetUnitPlaces } from './unit-directory';

// The real teams subgraph, with its demo tree, answering over HTTP as it does for the other subgraphs.
let teamsSubgraph: RunningServer;

beforeAll(async () => {
  teamsSubgraph = await startSubgraph(teams, {
    PORT: '0',
    DATABASE_URL: await freshTestDatabaseUrl('teams_directory'),
    JWT_SECRET: TEST_JWT_SECRET,
    ...TEST_PERSONAL_DATA_ENV,
    SEED_DEMO_DATA: 'true',
    MIGRATE_ON_START: 'true',
  });
});
afterAll(() => teamsSubgraph.close());
afterEach(() => jest.restoreAllMocks());

it('places units, teams and members from the teams subgraph’s _entities', async () => {
  const units = federatedUnitDirectory(teamsSubgraph.url);
  await expect(units.unit('17227.01')).resolves.toEqual({ unitCode: '17227.01', unitPath: '/40/17227/17227.01/' });
  await expect(units.team(demoId('team:17227.01'))).resolves.toEqual({ unitCode: '17227.01', unitPath: '/40/17227/17227.01/' });
  await expect(units.member(demoId('member:17227:1'))).resolves.toEqual({
    memberId: demoId('member:17227:1'),
    teamId: demoId('team:17227'),
    unitCode: '17227',
    unitPath: '/40/17227/',
  });
  await expect(units.unitName('17227')).resolves.toBe('Xã Tam Quang');
});

it('asks once for all the lookups of one tick, and remembers the answers', async () => {
  const units = federatedUnitDirectory(teamsSubgraph.url);
  const fetches = jest.spyOn(globalThis, 'fetch');
  const memberIds = [0, 1, 2, 3].map((index) => demoId(`member:17230:${index}`));
  const places = await Promise.all([units.unit('40'), units.team(demoId('team:17230')), ...memberIds.map((id) => units.member(id))]);
  expect(places).toHaveLength(6);
  expect(fetches).toHaveBeenCalledTimes(1);

  await units.member(memberIds[2]);
  expect(fetches).toHaveBeenCalledTimes(1);
});

it('answers NOT_FOUND for ids the teams subgraph does not know, without failing the others or remembering the miss', async () => {
  const units = federatedUnitDirectory(teamsSubgraph.url);
  const [known, unknownMember, unknownUnit] = await Promise.allSettled([
    units.member(demoId('member:17227:0')),
    units.member('7a1d3c1e-0000-4000-8000-000000000000'),
    units.unit('99999'),
  ]);
  expect(known.status).toBe('fulfilled');
  expect(unknownMember).toMatchObject({ status: 'rejected', reason: { extensions: { code: 'NOT_FOUND', type: 'Member' } } });
  expect(unknownUnit).toMatchObject({ status: 'rejected', reason: { extensions: { code: 'NOT_FOUND', type: 'AdministrativeUnit' } } });

  const fetches = jest.spyOn(globalThis, 'fetch');
  await expect(units.unit('99999')).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
  expect(fetches).toHaveBeenCalledTimes(1);
});

it('fails clearly when the teams subgraph cannot answer', async () => {
  const units = federatedUnitDirectory('http://127.0.0.1:9/graphql');
  await expect(units.unit('40')).rejects.toThrow();
});

describe('bounds', () => {
  it('remembers at most maxEntries places, forgetting the least recently used', async () => {
    const units = federatedUnitDirectory(teamsSubgraph.url, { maxEntries: 2 });
    await units.unit('40');
    await units.unit('17227');
    await units.unit('17230');
    const fetches = jest.spyOn(globalThis, 'fetch');
    await units.unit('17230');
    await units.unit('17227');
    expect(fetches).toHaveBeenCalledTimes(0);
    await units.unit('40');
    expect(fetches).toHaveBeenCalledTimes(1);
  });

  it('forgets a place after its time to live', async () => {
    const units = federatedUnitDirectory(teamsSubgraph.url, { ttlMs: 50 });
    await units.unit('40');
    await new Promise((resolve) => setTimeout(resolve, 80));
    const fetches = jest.spyOn(globalThis, 'fetch');
    await units.unit('40');
    expect(fetches).toHaveBeenCalledTimes(1);
  });

  it('gives up on a teams subgraph that does not answer in time, and forwards the request id', async () => {
    const seen: (string | undefined)[] = [];
    const silent = createServer((request) => seen.push(request.headers['x-request-id'] as string | undefined));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      // A second: on a machine loaded by the rest of the suite, 200 ms once ran out before the request was even sent.
      const units = federatedUnitDirectory(`http://127.0.0.1:${(silent.address() as AddressInfo).port}/graphql`, { timeoutMs: 1000 });
      await expect(runInRequestScope('directory-request-1', 'vi', () => units.unit('40'))).rejects.toMatchObject({ name: 'TimeoutError' });
      expect(seen).toEqual(['directory-request-1']);
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});

describe('a reorganised tree', () => {
  it('says what codes stand for now: a unit’s own code for itself, a former code the units covering its area', async () => {
    const units = federatedUnitDirectory(teamsSubgraph.url);
    await expect(units.currentCodes(['17227'])).resolves.toEqual(['17227']);
    // Not a unit and never one: nothing more than the code itself.
    await expect(units.currentCodes(['99999'])).resolves.toEqual(['99999']);
  });

  it('forgets every place it remembers when told the tree changed (what consumers of unit events do)', async () => {
    const units = federatedUnitDirectory(teamsSubgraph.url);
    await units.unit('40');
    await units.currentCodes(['40']);
    const fetches = jest.spyOn(globalThis, 'fetch');
    await units.unit('40');
    expect(fetches).toHaveBeenCalledTimes(0);
    forgetUnitPlaces();
    await units.unit('40');
    await units.currentCodes(['40']);
    expect(fetches).toHaveBeenCalledTimes(2);
  });
});
