import { REMINDER_TABLES } from '../../common/kit-tables';
import { kitTableMigration } from '../../common/migrations';

/** The kit's reminder sent-log and job leases (reminders/entities.ts) in this subgraph's database: its scheduled reminders run once across replicas. */
export const Reminders1796213849536 = kitTableMigration('Reminders1796213849536', REMINDER_TABLES);
