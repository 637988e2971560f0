import { REMINDER_TABLES } from '../../common/kit-tables';
import { kitTableMigration } from '../../common/migrations';

/** The kit's reminder sent-log and job leases (reminders/entities.ts) in this subgraph's database: its scheduled reminders run once across replicas. */
export const Reminders1796213849537 = kitTableMigration('Reminders1796213849537', REMINDER_TABLES);
