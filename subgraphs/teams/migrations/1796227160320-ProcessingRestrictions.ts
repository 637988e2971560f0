import { PROCESSING_RESTRICTION_TABLE } from '../../common/kit-tables';
import { kitTableMigration } from '../../common/migrations';

/** The kit's `processing_restriction` table (restriction.ts) in this subgraph's database. */
export const ProcessingRestrictions1796227160320 = kitTableMigration('ProcessingRestrictions1796227160320', PROCESSING_RESTRICTION_TABLE);
