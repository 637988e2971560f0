import { LEASE_TABLE, leaseMoves } from '../../common/kit-tables';
import { kitTableMigration } from '../../common/migrations';

/** The kit's one `lease` table (lease.ts) for retention and the reminder jobs, with the rows of the tables it replaces. */
export const Leases1796217220569 = kitTableMigration('Leases1796217220569', LEASE_TABLE, leaseMoves(true));
