import { availableParallelism } from 'node:os';
import { DATABASE_ALONE, printReport, type Measurement } from './report';

const result = (rps: number) => ({ requests: rps * 10, rps, p50: 10, p95: 20, p99: 30, errors: 0 });
const cost = { sqlQueries: 12, subgraphRequests: 1, bySubgraph: { teams: { requests: 1, sqlQueries: 12 } } };
const measurement = (gateway: string, rps: number, cpu: Pick<Measurement, 'gatewayCpuMs' | 'subgraphCpuMs' | 'databaseCpuMs' | 'loadCpuMs'>): Measurement => ({
  run: 1,
  op: '7 monthly reports',
  gateway,
  result: result(rps),
  cost,
  ...cpu,
});

/** What printReport prints for `measurements`, its lines. */
function printed(measurements: Measurement[]): string[] {
  const lines: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(...String(line).split('\n')));
  try {
    printReport(measurements, { steps: [], direct: { p50: 1, p99: 1 }, gateways: {} } as never, [], { durationSeconds: 10, connections: 10, runs: 1, bufferPoolMb: 4096, workingSetMb: 3000 });
  } finally {
    log.mockRestore();
  }
  return lines;
}

const cells = (line: string | undefined) => (line ?? '').split(/\s{2,}/);

describe('the machine’s CPU per request', () => {
  const ours = measurement('ours', 300, { gatewayCpuMs: 1.5, subgraphCpuMs: { teams: 2, events: 0.5 }, databaseCpuMs: 2, loadCpuMs: 0.5 });
  const alone = measurement(DATABASE_ALONE, 650, { gatewayCpuMs: Number.NaN, subgraphCpuMs: {}, databaseCpuMs: 1.75, loadCpuMs: 1.25 });

  it('adds up every process’s share and the requests a second it allows on this machine’s cores', () => {
    const lines = printed([ours, alone]);
    const budget = lines.findIndex((line) => line.startsWith("The machine's CPU per request"));
    expect(budget).toBeGreaterThan(-1);
    const [oursRow, aloneRow] = lines.slice(budget).filter((line) => line.startsWith('7 monthly reports'));
    // gateway 1.5 + subgraphs 2.5 + database 2 + load 0.5 = 6.5 ms; the database alone 1.75 + 1.25 = 3 ms.
    expect(cells(oursRow).slice(1)).toEqual(['ours', '1.50', '2.50', '2.00', '0.50', '6.50', ((availableParallelism() * 1000) / 6.5).toFixed(0), '300']);
    expect(cells(aloneRow).slice(1)).toEqual([DATABASE_ALONE, '–', '–', '1.75', '1.25', '3.00', ((availableParallelism() * 1000) / 3).toFixed(0), '650']);
  });

  it('predicts the ratio to the database alone from the CPU, beside the ratio measured, and with the database the only limit', () => {
    const lines = printed([ours, alone]);
    const limits = lines.findIndex((line) => line.startsWith('The full stack against its database'));
    const row = lines.slice(limits).find((line) => line.startsWith('7 monthly reports'));
    // Measured 300 / 650 = 0.46; predicted 3 / 6.5 = 0.46 as well here: the same figure two ways.
    // With the gateway and subgraphs on cores of their own, the database server's share alone: 1.75 / 2.
    expect(cells(row).slice(1)).toEqual(['0.46 (0.46–0.46)', '0.46 (0.46–0.46)', '0.88 (0.88–0.88)']);
  });

  it('predicts nothing when the database runs on another machine (its CPU unknown)', () => {
    const elsewhere = (m: Measurement) => ({ ...m, databaseCpuMs: Number.NaN });
    const lines = printed([elsewhere(ours), elsewhere(alone)]);
    const limits = lines.findIndex((line) => line.startsWith('The full stack against its database'));
    const row = lines.slice(limits).find((line) => line.startsWith('7 monthly reports'));
    expect(cells(row).slice(1)).toEqual(['0.46 (0.46–0.46)', '–', '–']);
  });
});
