import { registerEnumType } from 'type-graphql';

export enum UnitLevel {
  /** The whole country (code VN, path `/`): the root, where the Central Youth Union's officers act (seed 003's national recognition). */
  NATION = 'NATION',
  PROVINCE = 'PROVINCE',
  /** Only in the three-tier tree used before the 2025 reform. */
  DISTRICT = 'DISTRICT',
  /** Commune, ward or commune-level town (xã, phường, thị trấn). */
  COMMUNE = 'COMMUNE',
  /** Village, hamlet or residential group (thôn, bản, tổ dân phố, khu phố, ấp). */
  VILLAGE = 'VILLAGE',
}

/**
 * What a unit may sit under. A commune sits under a district in the three-tier tree
 * (before 2025) and directly under its province in the two-tier tree (since 2025).
 */
export const PARENT_LEVELS: Record<UnitLevel, UnitLevel[]> = {
  [UnitLevel.NATION]: [],
  [UnitLevel.PROVINCE]: [UnitLevel.NATION],
  [UnitLevel.DISTRICT]: [UnitLevel.PROVINCE],
  [UnitLevel.COMMUNE]: [UnitLevel.PROVINCE, UnitLevel.DISTRICT],
  [UnitLevel.VILLAGE]: [UnitLevel.COMMUNE],
};

export enum TeamStatus {
  ACTIVE = 'ACTIVE',
  SUSPENDED = 'SUSPENDED',
  DISSOLVED = 'DISSOLVED',
}

export enum MemberRole {
  LEADER = 'LEADER',
  DEPUTY = 'DEPUTY',
  STANDING_MEMBER = 'STANDING_MEMBER',
  MEMBER = 'MEMBER',
  /** Joins beyond the unit's member limit, or by choice. */
  COLLABORATOR = 'COLLABORATOR',
}

export enum Affiliation {
  YOUTH_UNION = 'YOUTH_UNION',
  POLICE = 'POLICE',
  MILITIA = 'MILITIA',
  TEACHER = 'TEACHER',
  HEALTH_WORKER = 'HEALTH_WORKER',
  CIVIL_SERVANT = 'CIVIL_SERVANT',
  ENTERPRISE_STAFF = 'ENTERPRISE_STAFF',
  VILLAGE_HEAD = 'VILLAGE_HEAD',
  STUDENT = 'STUDENT',
  RESIDENT = 'RESIDENT',
  OTHER = 'OTHER',
}

export enum SubGroupKind {
  ADMINISTRATION = 'ADMINISTRATION',
  DESIGN = 'DESIGN',
  TRAINING = 'TRAINING',
  TECHNICAL = 'TECHNICAL',
  FIELD_ACTIVITIES = 'FIELD_ACTIVITIES',
  CLUB = 'CLUB',
}

export enum MembershipRequestKind {
  JOIN = 'JOIN',
  LEAVE = 'LEAVE',
}

export enum MembershipRequestStatus {
  /** Waiting for the team leader. */
  PENDING = 'PENDING',
  /** The leader recommends it; waiting for the commune chairman. */
  RECOMMENDED = 'RECOMMENDED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  /** The applicant took it back (with their phone and reference code) before a decision. */
  WITHDRAWN = 'WITHDRAWN',
}

registerEnumType(UnitLevel, {
  name: 'UnitLevel',
  description: 'Where an administrative unit sits in the hierarchy',
  valuesConfig: {
    NATION: { description: 'The whole country (code VN): the root of the tree, one unit' },
    PROVINCE: { description: 'A province or centrally run city' },
    DISTRICT: { description: 'A district: only in the three-tier tree used before the 2025 reform' },
    COMMUNE: { description: 'Commune, ward or commune-level town (xã, phường, thị trấn)' },
    VILLAGE: { description: 'Village, hamlet or residential group (thôn, bản, tổ dân phố, khu phố, ấp)' },
  },
});
registerEnumType(TeamStatus, {
  name: 'TeamStatus',
  description: 'Whether a team is working',
  valuesConfig: {
    ACTIVE: { description: 'The team is working' },
    SUSPENDED: { description: 'The team has paused its work for now' },
    DISSOLVED: { description: 'The team no longer exists; its history is kept' },
  },
});
registerEnumType(MemberRole, {
  name: 'MemberRole',
  description: 'A member’s role in a team',
  valuesConfig: {
    LEADER: { description: 'The team leader (tổ trưởng)' },
    DEPUTY: { description: 'A deputy leader (tổ phó); one may be the standing deputy' },
    STANDING_MEMBER: { description: 'A standing member (thành viên thường trực)' },
    MEMBER: { description: 'A member' },
    COLLABORATOR: { description: 'A collaborator: joins beyond the unit’s member limit, or by choice' },
  },
});
registerEnumType(Affiliation, {
  name: 'Affiliation',
  description: 'Where a member comes from',
  valuesConfig: {
    YOUTH_UNION: { description: 'A Youth Union officer or member' },
    POLICE: { description: 'Commune police' },
    MILITIA: { description: 'Militia or self-defence force' },
    TEACHER: { description: 'A teacher' },
    HEALTH_WORKER: { description: 'A health worker' },
    CIVIL_SERVANT: { description: 'A commune civil servant' },
    ENTERPRISE_STAFF: { description: 'Staff of a post, telecom or digital enterprise' },
    VILLAGE_HEAD: { description: 'The head of a village or residential group' },
    STUDENT: { description: 'A high-school or university student' },
    RESIDENT: { description: 'A resident of the village' },
    OTHER: { description: 'None of the above' },
  },
});
registerEnumType(SubGroupKind, {
  name: 'SubGroupKind',
  description: 'What a sub-group or club of a team does',
  valuesConfig: {
    ADMINISTRATION: { description: 'Administration and human resources' },
    DESIGN: { description: 'Design' },
    TRAINING: { description: 'Training' },
    TECHNICAL: { description: 'Technical support' },
    FIELD_ACTIVITIES: { description: 'Field activities' },
    CLUB: { description: 'A club, e.g. a livestream team, a photo group or a device-repair group' },
  },
});
registerEnumType(MembershipRequestKind, {
  name: 'MembershipRequestKind',
  description: 'Whether a person asks to join a team or to leave it',
  valuesConfig: {
    JOIN: { description: 'A resident applies to join the team' },
    LEAVE: { description: 'A member asks to leave the team' },
  },
});
registerEnumType(MembershipRequestStatus, {
  name: 'MembershipRequestStatus',
  description: 'Where a request to join or leave a team stands',
  valuesConfig: {
    PENDING: { description: 'Waiting for the team leader' },
    RECOMMENDED: { description: 'The leader recommends it; waiting for the commune chairman' },
    APPROVED: { description: 'The commune chairman approved it' },
    REJECTED: { description: 'The leader or the commune chairman turned it down' },
    WITHDRAWN: { description: 'The applicant took it back (with their phone and reference code) before a decision' },
  },
});
