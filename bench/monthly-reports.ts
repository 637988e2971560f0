import { print } from 'graphql';
import { createConnection } from 'mysql2/promise';
import { WebSubmitActivityReportDocument } from '../client';
import { Role } from '../subgraphs/common/auth';
import { runStatement } from './database';
import { inTurn, type LoadSpec } from './load';
import { COMMUNE_TEAM_MONTH } from './national/reports';
import { bearer } from './tokens';

/**
 * Op 7, every team sending its month's report at once: whose reports, how each is sent, and how
 * the month is put back between runs (`npm run bench`, and two builds compared by
 * `bench/side-by-side.ts`).
 */

/** The benchmark's monthly reports carry this note (replayed ones too: the replay keeps what every request shares). */
const BENCH_REPORT_NOTE = 'Thử tải báo cáo tháng';

/**
 * Every active team of the 34 provinces, village and commune (72,182 at scale 1), in turn province
 * by province: whose reports op 7 sends, as every team reports in the first days of a month. A team
 * reports its month once between two of op 7's resets; the commune teams alone (3,320) ran out
 * within one measured run on a machine serving 290 reports a second. Read from the teams database,
 * where the resets write: paging 72,000 teams through the gateway would take minutes.
 */
export async function findReportingTeams(teamsDatabaseUrl: string): Promise<string[]> {
  const teams = await runStatement<{ id: string; path: string }[]>(
    teamsDatabaseUrl,
    "SELECT team.id, unit.path FROM team JOIN administrative_unit unit ON unit.code = team.unitCode WHERE team.status = 'ACTIVE' ORDER BY team.id",
  );
  const byProvince = new Map<string, string[]>();
  for (const { id, path } of teams) {
    const province = path.split('/')[1];
    if (!byProvince.has(province)) byProvince.set(province, []);
    byProvince.get(province)!.push(id);
  }
  const provinces = [...byProvince.values()];
  return Array.from({ length: Math.max(...provinces.map((ids) => ids.length)) }, (_, index) => provinces.flatMap((ids) => ids[index] ?? [])).flat();
}

/**
 * Deletes the month's reports the benchmark sent, with their versions, audit entries, outbox
 * events and idempotency keys (so the database does not grow from run to run) and the month's
 * totals, through MySQL. The totals are the month's alone only while every report of the month is
 * the benchmark's (the national data reports up to the month before it was generated): otherwise
 * the reset refuses.
 */
export async function resetReports(teamsDatabaseUrl: string, month: string): Promise<void> {
  const connection = await createConnection(teamsDatabaseUrl);
  try {
    const [[others]] = (await connection.query('SELECT COUNT(*) AS count FROM activity_report WHERE month = ? AND NOT note <=> ?', [month, BENCH_REPORT_NOTE])) as unknown as [{ count: number }[]];
    if (Number(others.count) > 0) throw new Error(`${others.count} reports of ${month} are not the benchmark's: op 7 cannot reset the month's totals`);
    await connection.query('DELETE revision FROM activity_report_revision revision JOIN activity_report report ON report.id = revision.reportId WHERE report.month = ?', [month]);
    await connection.query("DELETE entry FROM audit_entry entry JOIN activity_report report ON entry.entityType = 'ActivityReport' AND entry.entityId = report.id WHERE report.month = ?", [month]);
    // Neither the events' subjects nor the keys' results are indexed: each row is looked up among the month's reports by id.
    await connection.query("DELETE FROM outbox_event WHERE type = 'activity-report.submitted' AND subject IN (SELECT id FROM activity_report WHERE month = ?)", [month]);
    await connection.query('DELETE FROM idempotency_key WHERE resultId IN (SELECT id FROM activity_report WHERE month = ?)', [month]);
    await connection.query('DELETE FROM activity_report WHERE month = ?', [month]);
    await connection.query('DELETE FROM unit_month_total WHERE month = ?', [month]);
  } finally {
    await connection.end();
  }
}

/**
 * `teams` reporting `month` in turn, each as its leader, with a fresh idempotency key (`salt`
 * keeps keys apart from another run's): a team reports its month once between two resets, so a
 * warm-up or a run sends fewer reports than there are teams, or the check says so.
 */
export async function monthlyReports(teams: string[], teamsDatabaseUrl: string, month: string, salt: string): Promise<LoadSpec> {
  let reports = 0;
  const nextReporter = inTurn(await Promise.all(teams.map(async (teamId) => ({ teamId, authorization: await bearer({ sub: `bench-leader-${teamId}`, roles: [Role.TEAM_LEADER], team: teamId }) }))));
  const teamIds = new Set(teams);
  return {
    label: `7 monthly reports (${teams.length} teams of the 34 provinces in turn)`,
    operationName: 'WebSubmitActivityReport',
    query: print(WebSubmitActivityReportDocument),
    next: () => {
      reports += 1;
      const { teamId, authorization } = nextReporter();
      return { variables: { input: { teamId, month, figures: COMMUNE_TEAM_MONTH, note: BENCH_REPORT_NOTE, idempotencyKey: `bench-${salt}-report-${reports}` } }, authorization };
    },
    check: (data) => ((data.submitActivityReport as { month: string } | null)?.month === month ? null : 'no report'),
    reset: () => resetReports(teamsDatabaseUrl, month),
    // A replayed report is another real team's (a recorded team reports its month once).
    replayReferences: { recorded: (token) => teamIds.has(token), next: inTurn(teams) },
  };
}
