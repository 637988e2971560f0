import { JOB_LEASE_TABLE } from '../../common/kit-tables';
import { kitTableMigration } from '../../common/migrations';

/** The kit's `job_lease` table (retention.ts) in this subgraph's database: one retention run at a time across replicas. */
export const JobLeases1796203000000 = kitTableMigration('JobLeases1796203000000', JOB_LEASE_TABLE);
