import { notFound } from '../errors';
import type { UnitDirectory, UnitPlace } from '../unit-directory';

/** A UnitDirectory over a fixed tree, for subgraph tests that run without the teams subgraph. */
export class StaticUnitDirectory implements UnitDirectory {
  private readonly units = new Map<string, UnitPlace>();
  private readonly teams = new Map<string, UnitPlace>();

  /** Adds a unit under `parent` (or as a root) and returns it. */
  addUnit(code: string, parent?: UnitPlace): UnitPlace {
    const place = { unitCode: code, unitPath: `${parent?.unitPath ?? '/'}${code}/` };
    this.units.set(code, place);
    return place;
  }

  addTeam(id: string, unit: UnitPlace): void {
    this.teams.set(id, unit);
  }

  async unit(code: string): Promise<UnitPlace> {
    const place = this.units.get(code);
    if (!place) throw notFound('AdministrativeUnit', code);
    return place;
  }

  async team(id: string): Promise<UnitPlace> {
    const place = this.teams.get(id);
    if (!place) throw notFound('Team', id);
    return place;
  }
}
