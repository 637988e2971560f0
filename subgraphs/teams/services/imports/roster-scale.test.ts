import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Role } from '../../../common/auth';
import { createTestSubgraph, type TestSubgraph } from '../../../common/testing/subgraph';
import { teams } from '../..';
import { Member, Team } from '../../entities';
import { checkFile, confirmFile, fakeProvinceUnits, provinceRosterXlsx } from '../../testing/roster-files';

let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await createTestSubgraph(teams);
});
afterAll(() => subgraph.close());

/** The most the heap may grow while a province's file is checked and applied (holding the workbook's model alone would take more). */
const HEAP_BOUND = 200 * 1024 * 1024;

// What the heap holds, not the garbage it has not collected yet: jest's workers run without
// --expose-gc, so the collector is fetched through V8's flags.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
const retainedHeap = () => {
  collectGarbage();
  return process.memoryUsage().heapUsed;
};

/** Runs `work`, sampling the retained heap every second; how far it rose above where it started. */
async function heapGrowth(work: () => Promise<void>): Promise<number> {
  const start = retainedHeap();
  let peak = start;
  const sampler = setInterval(() => (peak = Math.max(peak, retainedHeap())), 1000);
  try {
    await work();
  } finally {
    clearInterval(sampler);
  }
  return peak - start;
}

// On MariaDB the same import takes minutes of round trips on a shared CI machine; its speed
// there is the benchmark's to measure (`npm run bench:import`), its rules the other tests'.
const onSqlite = !process.env.TEST_DATABASE_URL;
if (!onSqlite) console.log('roster-scale: the province-sized import runs on SQLite only (TEST_DATABASE_URL is set)');

(onSqlite ? it : it.skip)('imports a province of 3,000 teams and 15,000 members as a stream, with bounded memory', async () => {
  const province = await fakeProvinceUnits(subgraph.db, '97', 300, 9);
  const file = await provinceRosterXlsx(province, 300, 9, 5);
  const content = file.toString('base64');
  const officer = { sub: 'officer', roles: [Role.OFFICER], units: [province.code] };
  let applied: Awaited<ReturnType<typeof confirmFile>>['job'];
  const growth = await heapGrowth(async () => {
    const checked = await checkFile(subgraph, officer, province.code, content);
    expect(checked.issues.filter((issue) => issue.kind === 'PROBLEM')).toEqual([]);
    expect(checked).toMatchObject({ status: 'CHECKED', rows: 15_000, teams: 3_000, communes: 300, problems: 0, teamsCreated: 3_000, membersJoined: 15_000 });
    applied = (await confirmFile(subgraph, officer, checked, content)).job;
  });
  expect(applied).toMatchObject({ status: 'DONE', communesDone: 300, teamsCreated: 3_000, membersJoined: 15_000 });
  expect(await subgraph.db.manager.count(Team)).toBe(3_000);
  expect(await subgraph.db.manager.count(Member)).toBe(15_000);
  expect(growth).toBeLessThan(HEAP_BOUND);
}, 900_000);
