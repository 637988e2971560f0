import ExcelJS from 'exceljs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Role } from '../../../common/auth';
import { createTestSubgraph, type TestSubgraph } from '../../../common/testing/subgraph';
import { teams } from '../..';
import { Member } from '../../entities';
import { checkFile, fakeProvinceUnits, provinceRosterXlsx } from '../../testing/roster-files';

let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await createTestSubgraph(teams);
});
afterAll(() => subgraph.close());

// What the heap holds, not the garbage it has not collected yet: jest's workers run without
// --expose-gc, so the collector is fetched through V8's flags.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
const retainedHeap = () => {
  collectGarbage();
  return process.memoryUsage().heapUsed;
};

/**
 * The heap a measurement starts from: collected until it settles, so what earlier work frees late
 * (in a jest worker, the connections and modules of the files it ran before) is not taken for
 * what the measured work holds.
 */
async function settledHeap(): Promise<number> {
  let previous = retainedHeap();
  for (let round = 0; round < 20; round++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const now = retainedHeap();
    if (Math.abs(now - previous) < 2 ** 20) return now;
    previous = now;
  }
  return previous;
}

/** Called every 1,000 rows the sheet reader gives, with how many it has given (see heldAtMost). */
let mockOnRows: ((rows: number) => void) | undefined;
jest.mock('../../../common/spreadsheets', () => {
  const actual = jest.requireActual<typeof import('../../../common/spreadsheets')>('../../../common/spreadsheets');
  return {
    ...actual,
    async *readSheetRows(...args: Parameters<typeof actual.readSheetRows>) {
      let rows = 0;
      for await (const row of actual.readSheetRows(...args)) {
        if (++rows % 1000 === 0) mockOnRows?.(rows);
        yield row;
      }
    },
  };
});

/**
 * Runs `work` and returns the most the heap held above where it started (what is referenced, not
 * the garbage the collector has not taken yet) and how many rows the sheet reader gave. Sampled
 * every 1,000 rows read (so a reader that holds the file whole is caught while it reads) and,
 * the rest of the time, every second once `heapUsed` (garbage and all, cheap to read) passes
 * `watch`. Not more often: each sample is a full collection, which in a jest worker that has run
 * many test files before walks a large heap (sampled ten times a second, the test took minutes).
 */
async function heldAtMost(watch: number, work: () => Promise<void>): Promise<{ held: number; rowsRead: number }> {
  const start = await settledHeap();
  let held = 0;
  let rowsRead = 0;
  const sample = () => (held = Math.max(held, retainedHeap() - start));
  mockOnRows = (rows) => {
    rowsRead = rows;
    sample();
  };
  const sampler = setInterval(() => process.memoryUsage().heapUsed - start >= watch && sample(), 1000);
  try {
    await work();
  } finally {
    clearInterval(sampler);
    mockOnRows = undefined;
  }
  return { held, rowsRead };
}

/** What the workbook's model holds once loaded whole (exceljs's Workbook): what a reader that is not a stream would hold at least. */
async function wholeWorkbookHeap(file: Buffer): Promise<number> {
  let workbook: ExcelJS.Workbook | undefined = new ExcelJS.Workbook();
  await workbook.xlsx.load(file as unknown as ExcelJS.Buffer);
  expect(workbook.worksheets[0].rowCount).toBe(15_002);
  // The heap with the model, less the heap once it is let go: what it holds, whatever earlier
  // files' garbage the worker frees meanwhile (a baseline taken before loading once came out above it).
  const withModel = await settledHeap();
  workbook = undefined;
  return withModel - (await settledHeap());
}

// The stream is the reader's; the database only slows the test down. On MariaDB the import's
// speed is the benchmark's to measure (`npm run bench:import`), its rules the other tests'.
const onSqlite = !process.env.TEST_DATABASE_URL;
if (!onSqlite) console.log('roster-scale: the province-sized dry run runs on SQLite only (TEST_DATABASE_URL is set)');

// The dry run reads the whole file and does all that applying does (every row through the roster
// rules, written in a transaction per commune it rolls back): applying the same file would only
// add the commits and the time (applying is import-jobs.test.ts's and import.resolver.test.ts's).
(onSqlite ? it : it.skip)('checks a province of 3,000 teams and 15,000 members as a stream, holding less than the workbook loaded whole', async () => {
  const province = await fakeProvinceUnits(subgraph.db, '97', 300, 9);
  const file = await provinceRosterXlsx(province, 300, 9, 5);
  const officer = { sub: 'officer', roles: [Role.OFFICER], units: [province.code] };
  // A reader that loads the file whole holds its model at least, the whole time it reads.
  const whole = await wholeWorkbookHeap(file);
  expect(whole).toBeGreaterThan(20 * 2 ** 20); // a measurement, not the noise of other work (15,000 rows hold tens of MB)
  const { held, rowsRead } = await heldAtMost(whole / 2, async () => {
    const checked = await checkFile(subgraph, officer, province.code, file.toString('base64'));
    expect(checked.issues.filter((issue) => issue.kind === 'PROBLEM')).toEqual([]);
    expect(checked).toMatchObject({ status: 'CHECKED', rows: 15_000, teams: 3_000, communes: 300, communesDone: 300, problems: 0, teamsCreated: 3_000, membersJoined: 15_000 });
  });
  expect(await subgraph.db.manager.count(Member)).toBe(0); // a dry run
  console.log(`roster-scale: the workbook loaded whole holds ${Math.round(whole / 2 ** 20)} MB; the dry run held ${Math.round(held / 2 ** 20)} MB at most`);
  expect(rowsRead).toBe(15_000); // the dry run read its file through the reader sampled
  expect(held).toBeLessThan(whole / 2);
}, 300_000);
