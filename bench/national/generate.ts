import { addDays } from '../../subgraphs/common/dates';
import { Random } from '../random';
import { generateEvents } from './events';
import { PROVINCES } from './names';
import { generatePartners, generatePartnerWork } from './partners';
import { generateResources } from './resources';
import { emptyRows, type SubgraphRows } from './rows';
import { DerivedTotals, generateReports } from './reports';
import { generateTeams } from './teams';

/** Communes (and wards) of Vietnam since the 2025 reform. */
export const NATIONAL_COMMUNES = 3321;

export interface NationalOptions {
  /** 1 is national scale (~3,300 communes, ~75,000 teams); 0.01 a quick check. */
  scale: number;
  seed: number;
  /** `YYYY-MM-DD` the data is generated around: history before it, open fairs after it. */
  today: string;
}

/** Communes per province: proportional to seeded weights (big cities have more), at least one each. */
export function communeCounts({ scale, seed }: NationalOptions): number[] {
  const random = new Random(seed, 'communes');
  const weights = PROVINCES.map(() => 0.5 + random.next());
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  return weights.map((weight) => Math.max(1, Math.round((NATIONAL_COMMUNES * scale * weight) / total)));
}

export interface GeneratedPart {
  /** "partners" for the national rows, else the province's name. */
  label: string;
  rows: SubgraphRows;
  /** A province's unit path (its subtree's rows), for what is derived after loading. */
  unitPath?: string;
}

/**
 * The national data set, one part at a time (the national partners first, then each province,
 * last the nation's totals of reports and teams, `VN`),
 * so a loader holds one province in memory. Each province draws from its own seeded stream:
 * the same options give the same rows, whatever is generated before or after.
 */
export function* generateNational(options: NationalOptions): Generator<GeneratedPart> {
  const national = emptyRows();
  const partners = generatePartners(options.seed, national.partners, addDays(options.today, -1500));
  yield { label: 'partners', rows: national };

  const counts = communeCounts(options);
  const nation = new DerivedTotals();
  for (const [index, province] of PROVINCES.entries()) {
    const rows = emptyRows();
    const context = { seed: options.seed, random: new Random(options.seed, province.code), province, communeCount: counts[index], today: options.today, partners, rows };
    const plan = generateTeams(context);
    generateReports(context, plan, nation);
    generatePartnerWork(context, plan);
    const events = generateEvents(context, plan);
    generateResources(context, plan, events);
    yield { label: province.name, rows, unitPath: plan.unit.path };
  }
  const totals = emptyRows();
  nation.addRowsTo(totals.teams);
  yield { label: 'national totals', rows: totals };
}
