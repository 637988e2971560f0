import { randomUUID } from 'node:crypto';
import { Role } from '../../../common/auth';
import { createTestSubgraph, errorCodes, type TestSubgraph } from '../../../common/testing/subgraph';
import { teams } from '../..';
import { ImportIssue, ImportJob, ImportJobStatus, ImportUploadChunk, Team, type AdministrativeUnit } from '../../entities';
import { CONSENT, checkFile, confirmFile, importFile, jobOf, fakeProvinceUnits, provinceRosterXlsx } from '../../testing/roster-files';
import { jobsSettled, resumeStoppedJobs, STALE_AFTER_MS } from './import-jobs';
import { UPLOAD_CHUNK_BYTES } from './uploads';

let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await createTestSubgraph(teams);
});
afterAll(async () => {
  await jobsSettled();
  await subgraph.close();
});

const officerOver = (unit: AdministrativeUnit, sub = 'officer') => ({ sub, roles: [Role.OFFICER], units: [unit.code] });

const UPLOAD = 'mutation ($unit: String!, $id: ID!, $offset: Int!, $content: String!) { uploadImportChunk(unitCode: $unit, uploadId: $id, offset: $offset, content: $content) { id receivedBytes } }';

let provinces = 0;
/** A province of `communes` communes with 3 villages each, and its roster of 4 members a team, phones of its own. */
async function province(communes: number) {
  provinces += 1;
  const unit = await fakeProvinceUnits(subgraph.db, `7${provinces}`, communes, 3);
  const file = await provinceRosterXlsx(unit, communes, 3, 4, 950_000_000 + provinces * 10_000);
  return { unit, file, as: officerOver(unit) };
}

/** Sends `file` in slices as the web app does; the answers' receivedBytes. */
async function uploadInSlices(as: ReturnType<typeof officerOver>, unit: string, uploadId: string, file: Buffer): Promise<number[]> {
  const received: number[] = [];
  for (let offset = 0; offset < file.length; offset += UPLOAD_CHUNK_BYTES) {
    const content = file.subarray(offset, offset + UPLOAD_CHUNK_BYTES).toString('base64');
    const result = await subgraph.execute<{ uploadImportChunk: { receivedBytes: number } }>(UPLOAD, { as, variables: { unit, id: uploadId, offset, content } });
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    received.push(result.data!.uploadImportChunk.receivedBytes);
  }
  return received;
}

async function check(as: ReturnType<typeof officerOver>, unitCode: string, uploadId: string) {
  const result = await subgraph.execute<{ checkRosterImport: { id: string } }>('mutation ($input: RosterImportInput!) { checkRosterImport(input: $input) { id } }', {
    as,
    variables: { input: { unitCode, format: 'XLSX', uploadId, consent: CONSENT } },
  });
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return jobOf(subgraph, as, result.data!.checkRosterImport.id);
}

const teamsIn = (commune: string) => subgraph.db.manager.countBy(Team, { unitCode: commune });
const communeCode = (unit: AdministrativeUnit, n: number) => `${unit.code}${String(n).padStart(4, '0')}`;

describe('a file uploaded in slices', () => {
  it('is checked and applied from the slices, without sending it again, and deleted once imported', async () => {
    const { unit, file, as } = await province(60);
    expect(file.length).toBeGreaterThan(UPLOAD_CHUNK_BYTES); // two slices at least
    const uploadId = randomUUID();
    const received = await uploadInSlices(as, unit.code, uploadId, file);
    expect(received.at(-1)).toBe(file.length);

    // A slice whose answer was lost is sent again: acknowledged, not stored twice.
    const again = await subgraph.execute<{ uploadImportChunk: { receivedBytes: number } }>(UPLOAD, {
      as,
      variables: { unit: unit.code, id: uploadId, offset: 0, content: file.subarray(0, UPLOAD_CHUNK_BYTES).toString('base64') },
    });
    expect(again.data!.uploadImportChunk.receivedBytes).toBe(file.length);
    // A gap, another slice at a stored offset, and another officer's hands are refused.
    const gap = await subgraph.execute(UPLOAD, { as, variables: { unit: unit.code, id: uploadId, offset: file.length + 1, content: 'AAAA' } });
    expect(errorCodes(gap)).toEqual(['BAD_USER_INPUT']);
    const other = await subgraph.execute(UPLOAD, { as, variables: { unit: unit.code, id: uploadId, offset: 0, content: 'AAAA' } });
    expect(errorCodes(other)).toEqual(['CONFLICT']);
    const stranger = await subgraph.execute(UPLOAD, { as: officerOver(unit, 'another-officer'), variables: { unit: unit.code, id: uploadId, offset: file.length, content: 'AAAA' } });
    expect(errorCodes(stranger)).toEqual(['FORBIDDEN']);

    const checked = await check(as, unit.code, uploadId);
    expect(checked).toMatchObject({ status: 'CHECKED', rows: 60 * 4 * 4, communes: 60, communesDone: 60, teamsCreated: 240 });
    const confirmed = await subgraph.execute('mutation ($id: ID!) { confirmRosterImport(jobId: $id) { status } }', { as, variables: { id: checked.id } });
    expect(confirmed.errors).toBeUndefined();
    expect(await jobOf(subgraph, as, checked.id)).toMatchObject({ status: 'DONE', communesDone: 60, teamsCreated: 240, membersJoined: 960 });
    expect(await subgraph.db.manager.countBy(ImportUploadChunk, { uploadId })).toBe(0);
  }, 180_000);

  it('refuses a slice larger than 48 KiB and a job for an upload that does not exist', async () => {
    const { unit, as } = await province(1);
    const big = await subgraph.execute(UPLOAD, { as, variables: { unit: unit.code, id: randomUUID(), offset: 0, content: Buffer.alloc(UPLOAD_CHUNK_BYTES + 3).toString('base64') } });
    expect(errorCodes(big)).toEqual(['BAD_USER_INPUT']);
    await expect(check(as, unit.code, randomUUID())).rejects.toThrow(/không có tệp nào được tải lên/);
  });
});

describe('a job whose process stopped', () => {
  /** A province's file checked (dry run) from slices, as the job is before its confirmation. */
  async function checkedProvince(communes: number) {
    const made = await province(communes);
    const uploadId = randomUUID();
    await uploadInSlices(made.as, made.unit.code, uploadId, made.file);
    const checked = await check(made.as, made.unit.code, uploadId);
    expect(checked.status).toBe('CHECKED');
    return { ...made, checked, uploadId };
  }

  /** What a process leaves behind when it dies mid-job: the job claimed by its run, not refreshed since. */
  const leftBehind = (id: string, values: Partial<ImportJob>) =>
    subgraph.db.manager.update(ImportJob, { id }, { runner: randomUUID(), updatedAt: new Date(Date.now() - STALE_AFTER_MS - 60_000), ...values });

  it('goes on applying from the first commune not yet written', async () => {
    const { unit, checked, as } = await checkedProvince(2);
    // Confirmed, the first commune counted as written (in the same transaction as its members), then the process died.
    await leftBehind(checked.id, { status: ImportJobStatus.APPLYING, communesDone: 1, teamsCreated: 0, membersJoined: 0 });
    expect(await resumeStoppedJobs(subgraph.db)).toBe(1);
    const done = await jobOf(subgraph, as, checked.id);
    expect(done).toMatchObject({ status: 'DONE', communesDone: 2, teamsCreated: 4, membersJoined: 16 });
    // Only the commune not yet written was written.
    expect(await teamsIn(communeCode(unit, 1))).toBe(0);
    expect(await teamsIn(communeCode(unit, 2))).toBe(1);
  });

  it('starts a dry run over, without repeating its warnings', async () => {
    const { checked, as } = await checkedProvince(2);
    const issues = await subgraph.db.manager.countBy(ImportIssue, { jobId: checked.id });
    await leftBehind(checked.id, { status: ImportJobStatus.CHECKING, communesDone: 1 });
    expect(await resumeStoppedJobs(subgraph.db)).toBe(1);
    expect(await jobOf(subgraph, as, checked.id)).toMatchObject({ status: 'CHECKED', communesDone: 2, warnings: checked.warnings, teamsCreated: checked.teamsCreated });
    expect(await subgraph.db.manager.countBy(ImportIssue, { jobId: checked.id })).toBe(issues);
  });

  it('is taken up by one process only, and not while its run is alive', async () => {
    const { checked, as } = await checkedProvince(1);
    await subgraph.db.manager.update(ImportJob, { id: checked.id }, { status: ImportJobStatus.APPLYING, runner: randomUUID() });
    expect(await resumeStoppedJobs(subgraph.db)).toBe(0); // claimed and fresh: someone is working on it
    await subgraph.db.manager.update(ImportJob, { id: checked.id }, { runner: null }); // let go by a stopping process
    const taken = await Promise.all([resumeStoppedJobs(subgraph.db), resumeStoppedJobs(subgraph.db)]);
    expect(taken.sort()).toEqual([0, 1]);
    expect((await jobOf(subgraph, as, checked.id)).status).toBe('DONE');
  });

  it('fails clearly when its file is no longer kept', async () => {
    const { checked, as, uploadId } = await checkedProvince(1);
    await subgraph.db.manager.delete(ImportUploadChunk, { uploadId });
    await leftBehind(checked.id, { status: ImportJobStatus.APPLYING });
    await resumeStoppedJobs(subgraph.db);
    const failed = await jobOf(subgraph, as, checked.id);
    expect(failed.status).toBe('FAILED');
    expect(failed.failure).toMatch(/hãy tải tệp lên lại/);
  });
});

describe('the statements an import costs', () => {
  /** Statements of checking, applying and importing again a province of 2 communes with `villages` village teams of `perTeam` members each. */
  async function statements(villages: number, perTeam: number) {
    provinces += 1;
    const unit = await fakeProvinceUnits(subgraph.db, `7${provinces}`, 2, villages);
    const file = (await provinceRosterXlsx(unit, 2, villages, perTeam, 950_000_000 + provinces * 10_000)).toString('base64');
    const as = officerOver(unit);
    let checked: Awaited<ReturnType<typeof checkFile>> | undefined;
    const checking = await subgraph.countQueries(async () => (checked = await checkFile(subgraph, as, unit.code, file)));
    expect(checked).toMatchObject({ status: 'CHECKED', rows: 2 * (villages + 1) * perTeam, membersJoined: 2 * (villages + 1) * perTeam });
    const applying = await subgraph.countQueries(() => confirmFile(subgraph, as, checked!, file));
    // The same file again: everyone is known by phone, nothing changes.
    const again = await subgraph.countQueries(async () => expect((await importFile(subgraph, as, unit.code, file)).applied).toMatchObject({ status: 'DONE', membersJoined: 0, membersChanged: 0, membersLeft: 0 }));
    return { checking, applying, again };
  }

  it('do not grow with the rows: a commune costs the same with 4 teams of 6 members as with 7 teams of 10', async () => {
    const small = await statements(3, 6); // both files have warnings (a second leader from the 6th member on): one insert each
    expect(await statements(6, 10)).toEqual(small);
  });
});
