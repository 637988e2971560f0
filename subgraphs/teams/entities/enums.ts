import { registerEnumType } from 'type-graphql';

export enum UnitLevel {
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
  [UnitLevel.PROVINCE]: [],
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

registerEnumType(UnitLevel, { name: 'UnitLevel' });
registerEnumType(TeamStatus, { name: 'TeamStatus' });
registerEnumType(MemberRole, { name: 'MemberRole' });
registerEnumType(Affiliation, { name: 'Affiliation', description: 'Where a member comes from' });
registerEnumType(SubGroupKind, { name: 'SubGroupKind' });
registerEnumType(MembershipRequestKind, { name: 'MembershipRequestKind' });
registerEnumType(MembershipRequestStatus, { name: 'MembershipRequestStatus' });
