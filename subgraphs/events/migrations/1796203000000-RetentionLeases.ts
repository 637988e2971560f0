import { RETENTION_LEASE_TABLE } from '../../common/kit-tables';
import { kitTableMigration } from '../../common/migrations';

/** The kit's `retention_lease` table (retention.ts) in this subgraph's database: one retention run at a time across replicas. */
export const RetentionLeases1796203000000 = kitTableMigration('RetentionLeases1796203000000', RETENTION_LEASE_TABLE);
