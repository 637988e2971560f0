export { AdministrativeUnit } from './administrative-unit.entity';
export * from './enums';
export { Member } from './member.entity';
export { MembershipRequest } from './membership-request.entity';
export { Person } from './person.entity';
export { SubGroup } from './sub-group.entity';
export { Team } from './team.entity';

import { AuditEntry } from '../../common/audit';
import { AdministrativeUnit } from './administrative-unit.entity';
import { Member } from './member.entity';
import { MembershipRequest } from './membership-request.entity';
import { Person } from './person.entity';
import { SubGroup } from './sub-group.entity';
import { Team } from './team.entity';

export const entities = [AdministrativeUnit, Team, SubGroup, Person, Member, MembershipRequest, AuditEntry];
