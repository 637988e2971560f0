import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Whether a team member's processing is restricted (Law 91/2025/QH15), as teams announced it
 * (`member-processing.restricted` / `.restriction-lifted`): partners record no attendance of a
 * restricted member. Keyed by the membership, the only key of a member partners hold; a lifted
 * restriction keeps its row (`restricted` false) so that an older announcement delivered late
 * cannot bring the restriction back.
 */
@Entity('restricted_member')
export class RestrictedMember {
  /** Teams' Member id. */
  @PrimaryColumn({ type: 'varchar', length: 36 })
  memberId: string;

  @Column({ type: 'boolean', width: 1 })
  restricted: boolean;

  /** The request whose outcome set it (teams' personal_data_request). */
  @Column({ type: 'varchar', length: 36 })
  requestId: string;

  /** When teams decided it (the event's occurredAt): only a later announcement changes the row. */
  @Column({ type: 'datetime', precision: 3 })
  decidedAt: Date;
}
