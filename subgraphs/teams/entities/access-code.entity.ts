import { Column, CreateDateColumn, Entity, Index } from 'typeorm';
import { IdentifiedEntity } from '../../common/entity';

/**
 * A one-time code a person asks for to prove their phone and exercise their rights (see
 * services/access-codes.ts). Only the code's hash is kept; it expires in minutes, dies after a
 * few wrong guesses, and is used once.
 */
@Entity('access_code')
@Index('IDX_access_code_subject', ['subjectKey', 'createdAt'])
export class AccessCode extends IdentifiedEntity {
  /** subjectKeyOf the phone it was sent to. */
  @Column({ type: 'varchar', length: 64 })
  subjectKey: string;

  /** SHA-256 of the row's id and the code: the code itself is never stored. */
  @Column({ type: 'varchar', length: 64 })
  codeHash: string;

  @Column({ type: 'datetime' })
  expiresAt: Date;

  @Column({ type: 'int', default: 0 })
  failedAttempts: number;

  @Column({ type: 'datetime', nullable: true })
  usedAt: Date | null;

  @CreateDateColumn()
  createdAt: Date;
}
