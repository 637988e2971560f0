import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import type { TableColumnOptions } from 'typeorm/schema-builder/options/TableColumnOptions';

const text = (name: string, length: number, isNullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable,
});
const reference = (name: string, isNullable = false) => text(name, 36, isNullable);
const foreignKey = (name: string, column: string, table: string, referenced: string, onDelete = 'RESTRICT') =>
  new TableForeignKey({
    name,
    columnNames: [column],
    referencedTableName: table,
    referencedColumnNames: [referenced],
    onDelete,
    onUpdate: 'NO ACTION',
  });

/** Units, teams, sub-groups, people, memberships and membership requests. Written with TypeORM's table API so it runs on SQLite and MySQL alike. */
export class CreateTeams1763900000000 implements MigrationInterface {
  name = 'CreateTeams1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Column details exactly as TypeORM derives them from the entities on each database.
    const sqlite = queryRunner.connection.options.type === 'better-sqlite3';
    const flag = sqlite ? { type: 'boolean', default: 0 } : { type: 'tinyint', width: 1, default: 0 };
    const id: TableColumnOptions = { ...reference('id'), isPrimary: true };
    const stamp: TableColumnOptions = sqlite
      ? { name: 'createdAt', type: 'datetime', default: "datetime('now')" }
      : { name: 'createdAt', type: 'datetime', precision: 6, default: 'CURRENT_TIMESTAMP(6)' };

    await queryRunner.createTable(
      new Table({
        name: 'administrative_unit',
        columns: [
          { ...text('code', 20), isPrimary: true },
          text('name', 200),
          text('level', 16),
          text('parentCode', 20, true),
          text('path', 255),
          { name: 'memberLimit', type: 'integer', isNullable: true },
        ],
        indices: [new TableIndex({ name: 'IDX_unit_path', columnNames: ['path'] })],
        foreignKeys: [
          foreignKey('FK_unit_parent', 'parentCode', 'administrative_unit', 'code'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'team',
        columns: [
          id,
          text('unitCode', 20),
          text('name', 200),
          text('decisionNumber', 50, true),
          { name: 'decisionDate', type: 'date', isNullable: true },
          { ...text('status', 16), default: "'ACTIVE'" },
          stamp,
        ],
        indices: [new TableIndex({ name: 'IDX_team_unit', columnNames: ['unitCode'] })],
        foreignKeys: [
          foreignKey('FK_team_unit', 'unitCode', 'administrative_unit', 'code'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'sub_group',
        columns: [id, reference('teamId'), text('name', 120), text('kind', 20)],
        indices: [new TableIndex({ name: 'IDX_sub_group_team', columnNames: ['teamId'] })],
        foreignKeys: [
          foreignKey('FK_sub_group_team', 'teamId', 'team', 'id', 'CASCADE'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'person',
        columns: [id, text('fullName', 120), text('phone', 15, true), text('address', 255, true), stamp],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'member',
        columns: [
          id,
          reference('teamId'),
          reference('personId'),
          text('role', 20),
          { name: 'standingDeputy', ...flag },
          text('affiliation', 20),
          { name: 'joinedOn', type: 'date' },
          { name: 'leftOn', type: 'date', isNullable: true },
          stamp,
        ],
        indices: [
          new TableIndex({ name: 'IDX_member_team_left', columnNames: ['teamId', 'leftOn'] }),
          new TableIndex({ name: 'IDX_member_person', columnNames: ['personId'] }),
        ],
        foreignKeys: [
          foreignKey('FK_member_team', 'teamId', 'team', 'id'),
          foreignKey('FK_member_person', 'personId', 'person', 'id'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'membership_request',
        columns: [
          id,
          text('kind', 8),
          { ...text('status', 16), default: "'PENDING'" },
          reference('teamId'),
          reference('memberId', true),
          reference('personId', true),
          text('applicantName', 120, true),
          text('applicantPhone', 15, true),
          text('applicantAddress', 255, true),
          text('affiliation', 20, true),
          text('requestedRole', 20, true),
          text('reason', 500, true),
          text('requestedBy', 100, true),
          text('recommendedBy', 100, true),
          { name: 'recommendedAt', type: 'datetime', isNullable: true },
          text('decidedBy', 100, true),
          { name: 'decidedAt', type: 'datetime', isNullable: true },
          text('decisionNote', 500, true),
          stamp,
        ],
        indices: [new TableIndex({ name: 'IDX_membership_request_team_status', columnNames: ['teamId', 'status'] })],
        foreignKeys: [
          foreignKey('FK_membership_request_team', 'teamId', 'team', 'id'),
          foreignKey('FK_membership_request_member', 'memberId', 'member', 'id'),
          foreignKey('FK_membership_request_person', 'personId', 'person', 'id'),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['membership_request', 'member', 'person', 'sub_group', 'team', 'administrative_unit']) {
      await queryRunner.dropTable(table);
    }
  }
}
