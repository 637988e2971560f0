import DataLoader from 'dataloader';
import { Directive, Field, ObjectType } from 'type-graphql';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { NATION_CODE } from './auth';
import type { Context } from './context';
import type { Database } from './database';
import type { LoaderFactory } from './loaders';
import { datesOf, parsePeriod } from './periods';
import type { ReferenceResolvers } from './schema';

/**
 * Roll-ups of a unit's whole subtree over a period (`UnitRollUp @key(fields: "unitCode period")`,
 * owned by the teams subgraph). The partners and events subgraphs add their own counts to it.
 */

/** The path prefix of a roll-up's subtree: `/` for the nation, else the unit's materialised path. */
async function rollUpPath(ctx: Context, unitCode: string): Promise<string> {
  return unitCode === NATION_CODE ? '/' : (await ctx.units.unit(unitCode)).unitPath;
}

/** `UnitRollUp` as a subgraph other than teams sees it: its key, to hang its own counts on. */
export function unitRollUpReference() {
  @ObjectType('UnitRollUp')
  @Directive('@key(fields: "unitCode period")')
  class UnitRollUp {
    @Field()
    unitCode: string;

    @Field()
    period: string;
  }
  const referenceResolvers: ReferenceResolvers = { UnitRollUp: { __resolveReference: (reference: object) => reference } };
  return { UnitRollUp, referenceResolvers };
}

/**
 * Sums `value` (an SQL expression) over the rows of `query` under each of `paths`, in one
 * statement however many paths there are. The database filters on the outermost subtrees only and
 * sums per stored path; nested subtrees (a province and its communes) are added up from those
 * groups here: a LIKE per path and row in SQL cost far more at national scale.
 */
async function sumsUnderPaths<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  pathColumn: string,
  paths: readonly string[],
  value: string,
): Promise<number[]> {
  if (paths.length === 0) return [];
  const outermost = [...new Set(paths)].filter((path) => !paths.some((other) => other !== path && path.startsWith(other)));
  const prefixes = Object.fromEntries(outermost.map((path, index) => [`prefix${index}`, `${path}%`]));
  const groups = await query
    .select(pathColumn, 'path')
    .addSelect(`SUM(${value})`, 'total')
    .andWhere(`(${outermost.map((_, index) => `${pathColumn} LIKE :prefix${index}`).join(' OR ')})`, prefixes)
    .groupBy(pathColumn)
    .getRawMany<{ path: string; total: string | number | null }>();
  return paths.map((path) => groups.reduce((sum, group) => (group.path.startsWith(path) ? sum + Number(group.total ?? 0) : sum), 0));
}

/** A roll-up's subtree and dates, as the key of a subtreeSums loader: `path|from|to`. */
export async function subtreeKey(ctx: Context, rollUp: { unitCode: string; period: string }): Promise<string> {
  const { from, to } = datesOf(parsePeriod(rollUp.period));
  return `${await rollUpPath(ctx, rollUp.unitCode)}|${from}|${to}`;
}

/**
 * A loader of sums over subtrees and date ranges (keys from subtreeKey): one statement per
 * date range in a request, however many roll-ups ask. `rows(db, from, to)` selects the dated rows.
 */
export function subtreeSums<T extends ObjectLiteral>(
  rows: (db: Database, from: string, to: string) => SelectQueryBuilder<T>,
  pathColumn: string,
  value = '1',
): LoaderFactory<string, number> {
  return (db) =>
    new DataLoader(async (keys) => {
      const ranges = new Map<string, string[]>();
      for (const key of keys) {
        const [path, range] = [key.slice(0, key.indexOf('|')), key.slice(key.indexOf('|') + 1)];
        ranges.set(range, [...(ranges.get(range) ?? []), path]);
      }
      const sums = new Map<string, number>();
      for (const [range, paths] of ranges) {
        const [from, to] = range.split('|');
        const values = await sumsUnderPaths(rows(db, from, to), pathColumn, paths, value);
        paths.forEach((path, index) => sums.set(`${path}|${range}`, values[index]));
      }
      return keys.map((key) => sums.get(key) ?? 0);
    });
}
