/**
 * Preloaded into the benchmark's subgraphs (`node --require dist/bench/record-sql.js`), never into
 * the hub's services: records the SQL statements they send while serving requests, so that the
 * benchmark can replay an operation's statements straight against MariaDB ("database alone").
 *
 * mysql2 announces each statement, as sent (its values already in the text), on the diagnostics
 * channel `mysql2:query`. Recording is off until the benchmark sends SIGUSR2 and off again at the
 * next one; only then is the channel subscribed, so the measured runs pay nothing. Each statement
 * run inside a request goes to `SQL_RECORD_FILE` as a JSON line `{ database, sql }`, and turning
 * recording on or off writes a `{ recording }` line the benchmark waits for. The statements carry
 * the rows' values, personal ones included: only databases whose name says they hold generated
 * data (`national` or `bench`) are recorded.
 */
import { appendFileSync } from 'node:fs';
import { tracingChannel } from 'node:diagnostics_channel';
import { currentRequestScope } from '../subgraphs/common/request-scope';

const GENERATED_DATA = /national|bench/;

const file = process.env.SQL_RECORD_FILE;
if (file) {
  const queries = tracingChannel<object, { query: string; database: string }>('mysql2:query');
  const record = ({ query, database }: { query: string; database: string }) => {
    if (currentRequestScope() && GENERATED_DATA.test(database)) appendFileSync(file, `${JSON.stringify({ database, sql: query })}\n`);
  };
  const subscribers = { start: record, end() {}, asyncStart() {}, asyncEnd() {}, error() {} };
  let recording = false;
  process.on('SIGUSR2', () => {
    recording = !recording;
    if (recording) queries.subscribe(subscribers);
    else queries.unsubscribe(subscribers);
    appendFileSync(file, `${JSON.stringify({ recording })}\n`);
  });
}
