import { In, type EntityManager } from 'typeorm';
import { AdministrativeUnit, UnitAlias } from '../entities';

/**
 * What codes no longer in use stand for now (see UnitAlias): a merged unit's successor, a
 * dissolved unit's former children (or, after later merges, theirs).
 */
export async function currentCodesOf(manager: EntityManager, codes: readonly string[]): Promise<Map<string, string[]>> {
  const aliases = codes.length > 0 ? await manager.findBy(UnitAlias, { formerCode: In([...codes]) }) : [];
  const current = new Map<string, string[]>(codes.map((code) => [code, []]));
  for (const alias of aliases) current.get(alias.formerCode)!.push(alias.unitCode);
  return current;
}

/** The deepest unit whose subtree holds all of `units` (their paths' longest common prefix of codes). */
function commonAncestorCode(units: readonly AdministrativeUnit[]): string | undefined {
  const [first, ...rest] = units.map((unit) => unit.path.split('/').filter(Boolean));
  if (!first) return undefined;
  let depth = 0;
  while (depth < first.length && rest.every((codes) => codes[depth] === first[depth])) depth += 1;
  return first[depth - 1];
}

/**
 * The units that former codes resolve to in lookups: a merged unit's successor; for a dissolved
 * unit, the unit that now holds all of its former area (its parent, in the 2025 reform).
 */
export async function successorsOf(manager: EntityManager, formerCodes: readonly string[]): Promise<Map<string, AdministrativeUnit>> {
  const current = await currentCodesOf(manager, formerCodes);
  const covering = await manager.findBy(AdministrativeUnit, { code: In([...new Set([...current.values()].flat())]) });
  const byCode = new Map(covering.map((unit) => [unit.code, unit]));
  const successorCodes = new Map<string, string>();
  for (const [formerCode, codes] of current) {
    const code = commonAncestorCode(codes.map((unitCode) => byCode.get(unitCode)!).filter(Boolean));
    if (code) successorCodes.set(formerCode, code);
  }
  const missing = [...new Set(successorCodes.values())].filter((code) => !byCode.has(code));
  if (missing.length > 0) for (const unit of await manager.findBy(AdministrativeUnit, { code: In(missing) })) byCode.set(unit.code, unit);
  return new Map([...successorCodes].flatMap(([formerCode, code]) => (byCode.has(code) ? [[formerCode, byCode.get(code)!] as const] : [])));
}
