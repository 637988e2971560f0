import { Directive, Field, ObjectType } from 'type-graphql';
import type { SelectQueryBuilder, ObjectLiteral } from 'typeorm';
import type { Context } from './context';
import type { ReferenceResolvers } from './schema';

/**
 * Roll-ups of a unit's whole subtree over a period (`UnitRollUp @key(fields: "unitCode period")`,
 * owned by the teams subgraph). The partners and events subgraphs add their own counts to it.
 */

/** The roll-up of the whole country: every province's subtree. */
export const NATION_CODE = 'VN';

/** The path prefix of a roll-up's subtree: `/` for the nation, else the unit's materialised path. */
export async function rollUpPath(ctx: Context, unitCode: string): Promise<string> {
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
 * statement however many paths there are (subtrees may nest: each is summed on its own).
 */
export async function sumsUnderPaths<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  pathColumn: string,
  paths: readonly string[],
  value: string,
): Promise<number[]> {
  const prefixes = Object.fromEntries(paths.map((path, index) => [`prefix${index}`, `${path}%`]));
  query.select([]);
  paths.forEach((_, index) =>
    query.addSelect(`SUM(CASE WHEN ${pathColumn} LIKE :prefix${index} THEN ${value} ELSE 0 END)`, `sum${index}`),
  );
  query.andWhere(`(${paths.map((_, index) => `${pathColumn} LIKE :prefix${index}`).join(' OR ')})`, prefixes);
  const row = (await query.getRawOne<Record<string, string | number | null>>()) ?? {};
  return paths.map((_, index) => Number(row[`sum${index}`] ?? 0));
}
