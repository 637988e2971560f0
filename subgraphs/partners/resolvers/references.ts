import { teamsReferences } from '../../common/references';

export const { Team, Member, AdministrativeUnit, referenceResolvers } = teamsReferences();
export type Team = InstanceType<typeof Team>;
export type Member = InstanceType<typeof Member>;
export type AdministrativeUnit = InstanceType<typeof AdministrativeUnit>;
