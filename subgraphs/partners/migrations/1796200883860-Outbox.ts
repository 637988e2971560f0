import { OUTBOX_TABLES } from '../../common/kit-tables';
import { kitTableMigration } from '../../common/migrations';

/** The outbox of domain events and the record of events consumed (common/outbox.ts). */
export const Outbox1796200883860 = kitTableMigration('Outbox1796200883860', OUTBOX_TABLES);
