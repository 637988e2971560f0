import { PERSONAL_DATA_READ_TABLE } from '../../common/kit-tables';
import { kitTableMigration } from '../../common/migrations';

/** The kit's `personal_data_read` table (personal-data-reads.ts) in this subgraph's database. */
export const PersonalDataReads1796192100462 = kitTableMigration('PersonalDataReads1796192100462', PERSONAL_DATA_READ_TABLE);
