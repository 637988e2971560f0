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

/** Runs `work`, sampling the heap; how far it rose above where it started. */
async function heapGrowth(work: () => Promise<void>): Promise<number> {
  global.gc?.();
  const start = process.memoryUsage().heapUsed;
  let peak = start;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 20);
  try {
    await work();
  } finally {
    clearInterval(sampler);
  }
  return Math.max(peak, process.memoryUsage().heapUsed) - start;
}

it('imports a province of 3,000 teams and 15,000 members as a stream, with bounded memory', async () => {
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
