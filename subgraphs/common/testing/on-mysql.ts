/**
 * A test that needs MariaDB (locks, pools, replicas): run with TEST_DATABASE_URL, skipped (not
 * passed) on SQLite. Its own file, imported by test files only: the build has no jest globals.
 */
export const onMysql = process.env.TEST_DATABASE_URL ? it : it.skip;
