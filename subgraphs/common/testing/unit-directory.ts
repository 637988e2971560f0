import { notFound } from '../errors';
import type { MemberPlace, UnitDirectory, UnitPlace } from '../unit-directory';

/** A UnitDirectory over a fixed tree, for subgraph tests that run without the teams subgraph. */
export class StaticUnitDirectory implements UnitDirectory {
  private readonly units = new Map<string, UnitPlace>();
  private readonly names = new Map<string, string>();
  private readonly teams = new Map<string, UnitPlace>();
  private readonly members = new Map<string, MemberPlace>();
  private readonly aliases = new Map<string, string[]>();

  /** Adds a unit under `parent` (or as a root) and returns it. */
  addUnit(code: string, parent?: UnitPlace, name = `Đơn vị ${code}`): UnitPlace {
    const place = { unitCode: code, unitPath: `${parent?.unitPath ?? '/'}${code}/` };
    this.units.set(code, place);
    this.names.set(code, name);
    return place;
  }

  /** Says a code no longer in use stands for `units` now (a merged or dissolved unit). */
  addAlias(formerCode: string, ...units: UnitPlace[]): void {
    this.aliases.set(formerCode, units.map((unit) => unit.unitCode));
  }

  addTeam(id: string, unit: UnitPlace): void {
    this.teams.set(id, unit);
  }

  addMember(id: string, teamId: string): void {
    const team = this.teams.get(teamId);
    if (!team) throw new Error(`Add team ${teamId} before its members`);
    this.members.set(id, { ...team, memberId: id, teamId });
  }

  async unit(code: string): Promise<UnitPlace> {
    const place = this.units.get(code);
    if (!place) throw notFound('AdministrativeUnit', code);
    return place;
  }

  async unitName(code: string): Promise<string> {
    await this.unit(code);
    return this.names.get(code)!;
  }

  async team(id: string): Promise<UnitPlace> {
    const place = this.teams.get(id);
    if (!place) throw notFound('Team', id);
    return place;
  }

  async currentCodes(codes: readonly string[]): Promise<string[]> {
    return [...new Set(codes.flatMap((code) => [code, ...(this.aliases.get(code) ?? [])]))];
  }

  async member(id: string): Promise<MemberPlace> {
    const place = this.members.get(id);
    if (!place) throw notFound('Member', id);
    return place;
  }
}
