import { PERSONAL_DATA_READ_AGE_INDEX } from '../../common/kit-tables';
import { kitTableMigration } from '../../common/migrations';

/** The access log's index by age (`personal_data_read`, kit: personal-data-reads.ts), which its retention deletes by. */
export const AccessLogAge1796273552562 = kitTableMigration('AccessLogAge1796273552562', PERSONAL_DATA_READ_AGE_INDEX);
