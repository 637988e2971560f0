import { zodResolver } from '@hookform/resolvers/zod';
import { useIdempotencyKey, useIdempotencyKeys } from '../../components/useIdempotencyKey';
import { useForm } from 'react-hook-form';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { z } from 'zod';
import { useState } from 'react';
import {
  WebAddContestDocument,
  WebAddContestEntryDocument,
  WebBreakContestTieDocument,
  WebEventContestsDocument,
  WebHandOverPrizeDocument,
  WebScoreContestEntryDocument,
  type ContestKind,
  type WebEventContestsQuery,
} from '../../../../client/generated/web-signed-in';
import { CellLabel } from '../../components/CellLabel';
import { Field } from '../../components/Field';
import { PRIVACY_NOTICE_VERSION } from '../../privacy';
import { LabelOptions } from '../../components/LabelOptions';
import { Alert, Loading, Page } from '../../components/Page';
import { shownError } from '../../errors';
import { text } from '../../forms';
import { formatDate, todayInVietnam } from '../../i18n/format';
import { contestKind, itemKind } from '../../i18n/labels';

type Contest = NonNullable<WebEventContestsQuery['event']>['contests'][number];
type Entry = Contest['entries'][number];
type Prize = Contest['prizes'][number];

const contestSchema = z.object({
  kind: z.enum(Object.keys(contestKind) as [ContestKind, ...ContestKind[]]),
  title: text(3, 200, 'tên cuộc thi'),
});
const entrySchema = z.object({
  entrant: text(2, 200, 'tên người, đội dự thi'),
  title: text(2, 200, 'tên bài, sản phẩm dự thi'),
  agreed: z.literal(true, { message: 'Chỉ ghi bài dự thi khi người dự thi đã đồng ý trên phiếu đăng ký' }),
});
const scoreSchema = z.object({ score: z.coerce.number<string>().int('Điểm là số nguyên').min(0, 'Điểm từ 0 đến 100').max(100, 'Điểm từ 0 đến 100') });

function ScoreForm({ entry, onSaved }: { entry: Entry; onSaved: () => void }) {
  const [saving, save] = useMutation(WebScoreContestEntryDocument);
  const [idempotencyKey, renewKey] = useIdempotencyKey();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<z.input<typeof scoreSchema>, unknown, z.output<typeof scoreSchema>>({
    resolver: zodResolver(scoreSchema),
    defaultValues: { score: entry.score === null || entry.score === undefined ? '' : String(entry.score) },
  });
  const onSubmit = handleSubmit(async ({ score }) => {
    const answer = await save({ entryId: entry.id, score, idempotencyKey });
    if (answer.error) {
      setError('score', { message: shownError(answer.error).message });
      return;
    }
    renewKey();
    onSaved();
  });
  return (
    <form className="inline" onSubmit={onSubmit} noValidate>
      <Field label={`Điểm của ${entry.entrant}`} error={errors.score?.message}>
        {(props) => <input {...props} inputMode="numeric" className="short" {...register('score')} />}
      </Field>
      <button type="submit" className="secondary" disabled={saving.fetching}>
        Lưu điểm
      </button>
    </form>
  );
}

/** A prize from a lot: what it is, how many are left, and its hand-over to the one winner at its rank (refused while entries tie). */
function PrizeItem({ prize, onSaved }: { prize: Prize; onSaved: () => void }) {
  const [handing, handOver] = useMutation(WebHandOverPrizeDocument);
  // One key per intended hand-over: a retry after a lost answer never hands the prize over twice.
  const [idempotencyKey] = useIdempotencyKey();
  const [serial, setSerial] = useState('');
  const onHandOver = async () => {
    const codes = serial.trim() ? [serial.trim()] : [];
    const answer = await handOver({ input: { prizeId: prize.id, issuedOn: todayInVietnam(), codes, idempotencyKey } });
    if (!answer.error) onSaved();
  };
  return (
    <li data-testid={`prize-${prize.rank}`}>
      {prize.description}
      {prize.gift && (
        <>
          {' '}
          – hiện vật từ lô: {prize.gift.description} ({itemKind[prize.gift.itemKind]}, còn {prize.gift.onHand} trong lô)
        </>
      )}
      {prize.handover ? (
        <p>
          <strong>Đã trao giải</strong> ngày {formatDate(prize.handover.issuedOn)}
        </p>
      ) : (
        prize.gift && (
          <div className="inline">
            {handing.error && (
              <Alert>{shownError(handing.error, { CONFLICT: 'Chưa trao được: các bài dự thi đồng hạng cần được phân định trước, hoặc giải đã được trao, hoặc lô đã hết hiện vật.' }).message}</Alert>
            )}
            <Field label="Số sê-ri, mã của hiện vật trao (nếu lô có mã)">{(props) => <input {...props} value={serial} onChange={(event) => setSerial(event.target.value)} />}</Field>
            <button type="button" className="secondary" disabled={handing.fetching} onClick={onHandOver}>
              Trao giải
            </button>
          </div>
        )
      )}
    </li>
  );
}

/** Entries tied at one rank: the organisers put one of them first (the others keep their order after it). */
export function TieBreaker({ contest, rank, onSaved }: { contest: Contest; rank: number; onSaved: () => void }) {
  const [breaking, breakTie] = useMutation(WebBreakContestTieDocument);
  // One key per choice, kept until the hub answers: a resend after a lost answer changes nothing, even if the entries tied again meanwhile.
  const { keyFor, saved } = useIdempotencyKeys();
  const tied = contest.entries.filter((entry) => entry.tied && entry.rank === rank);
  const putFirst = async (first: Entry) => {
    const entryIds = [first, ...tied.filter((entry) => entry.id !== first.id)].map((entry) => entry.id);
    const choice = entryIds.join(',');
    const answer = await breakTie({ input: { contestId: contest.id, entryIds, idempotencyKey: keyFor(choice) } });
    if (answer.error) return;
    saved(choice);
    onSaved();
  };
  return (
    <div role="group" aria-label={`Phân định đồng hạng ${rank}`}>
      {breaking.error && <Alert>{shownError(breaking.error).message}</Alert>}
      <p>
        {tied.length} bài dự thi đồng hạng {rank}: chọn bài xếp trên để phân định trước khi trao giải.
      </p>
      {tied.map((entry) => (
        <button key={entry.id} type="button" className="secondary" disabled={breaking.fetching} onClick={() => putFirst(entry)}>
          Xếp {entry.entrant} trên
        </button>
      ))}
    </div>
  );
}

export function EntryForm({ contest, onSaved }: { contest: Contest; onSaved: () => void }) {
  const [adding, add] = useMutation(WebAddContestEntryDocument);
  // One key per entry, kept until the hub answers: a resend after a lost answer never enters it twice.
  const [idempotencyKey, renewKey] = useIdempotencyKey();
  const {
    register,
    handleSubmit,
    reset,
    setError,
    formState: { errors },
  } = useForm<z.input<typeof entrySchema>, unknown, z.output<typeof entrySchema>>({ resolver: zodResolver(entrySchema), defaultValues: { entrant: '', title: '' } });
  const problem = adding.error ? shownError(adding.error) : undefined;
  const onSubmit = handleSubmit(async ({ agreed: _agreed, ...entry }) => {
    // The entrant signed the registration form under the notice: their consent, entered by the organiser.
    const consent = { noticeVersion: PRIVACY_NOTICE_VERSION, channel: 'PAPER_FORM' as const };
    const answer = await add({ contestId: contest.id, input: { ...entry, consent, idempotencyKey } });
    if (answer.error) {
      const { field, fieldMessage } = shownError(answer.error);
      if (field === 'entrant' || field === 'title') setError(field, { message: fieldMessage });
      return;
    }
    renewKey();
    reset();
    onSaved();
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-label={`Thêm bài dự thi ${contest.title}`}>
      {problem && <Alert>{problem.message}</Alert>}
      <Field label="Người, đội dự thi" error={errors.entrant?.message}>
        {(props) => <input {...props} {...register('entrant')} />}
      </Field>
      <Field label="Bài, sản phẩm dự thi" error={errors.title?.message}>
        {(props) => <input {...props} {...register('title')} />}
      </Field>
      <Field label="Người dự thi đã đồng ý" hint="Trên phiếu đăng ký dự thi: tên và bài dự thi chỉ dùng cho cuộc thi này" error={errors.agreed?.message}>
        {(props) => <input {...props} type="checkbox" {...register('agreed')} />}
      </Field>
      <button type="submit" disabled={adding.fetching}>
        Thêm bài dự thi
      </button>
    </form>
  );
}

function ContestSection({ contest, onSaved }: { contest: Contest; onSaved: () => void }) {
  const tiedRanks = [...new Set(contest.winners.filter((winner) => winner.tied).map((winner) => winner.rank))];
  return (
    <section aria-labelledby={`thi-${contest.id}`} data-testid={`contest-${contest.title}`}>
      <h2 id={`thi-${contest.id}`}>
        {contest.title} <small>({contestKind[contest.kind]})</small>
      </h2>
      {contest.prizes.length > 0 && (
        <>
          <h3>Giải thưởng</h3>
          <ul className="prizes">
            {contest.prizes.map((prize) => (
              <PrizeItem key={prize.id} prize={prize} onSaved={onSaved} />
            ))}
          </ul>
        </>
      )}
      {contest.winners.length > 0 && (
        <>
          <h3>Đoạt giải</h3>
          <ol className="winners">
            {contest.winners.map((winner) => (
              <li key={`${winner.prize.id}-${winner.entry.id}`}>
                {winner.prize.description}: <strong>{winner.entry.entrant}</strong> – {winner.entry.title} ({winner.entry.score} điểm)
                {winner.tied && <em> (đồng hạng {winner.rank})</em>}
              </li>
            ))}
          </ol>
          {tiedRanks.map((rank) => (
            <TieBreaker key={rank} contest={contest} rank={rank} onSaved={onSaved} />
          ))}
        </>
      )}
      {contest.entries.length === 0 ? (
        <p>Chưa có bài dự thi.</p>
      ) : (
        <table className="stacked">
          <caption>Bài dự thi, điểm cao trước</caption>
          <thead>
            <tr>
              <th scope="col">Hạng</th>
              <th scope="col">Người, đội dự thi</th>
              <th scope="col">Bài dự thi</th>
              <th scope="col">Điểm (0–100)</th>
            </tr>
          </thead>
          <tbody>
            {contest.entries.map((entry) => (
              <tr key={entry.id} data-testid={`entry-${entry.entrant}`}>
                <td>
                  <CellLabel>Hạng</CellLabel>
                  <span>{entry.rank === null || entry.rank === undefined ? 'Chưa chấm' : entry.tied ? `${entry.rank} (đồng hạng)` : entry.rank}</span>
                </td>
                <td>
                  <CellLabel>Dự thi</CellLabel>
                  <span>{entry.entrant}</span>
                </td>
                <td>
                  <CellLabel>Bài dự thi</CellLabel>
                  <span>{entry.title}</span>
                </td>
                <td>
                  <CellLabel>Điểm</CellLabel>
                  <ScoreForm entry={entry} onSaved={onSaved} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <details>
        <summary>Thêm bài dự thi</summary>
        <EntryForm contest={contest} onSaved={onSaved} />
      </details>
    </section>
  );
}

/** A fair's contests for its organisers: prizes and their lots handed over, entries scored 0–100 and ranked (ties shown until broken), new contests and entries. */
export function ContestsScreen() {
  const { eventId = '' } = useParams();
  const [{ data, fetching, error }, refetch] = useQuery({ query: WebEventContestsDocument, variables: { id: eventId } });
  const [adding, addContest] = useMutation(WebAddContestDocument);
  const [contestKey, renewContestKey] = useIdempotencyKey();
  const {
    register,
    handleSubmit,
    reset,
    formState: { errors },
  } = useForm<z.input<typeof contestSchema>>({ resolver: zodResolver(contestSchema), defaultValues: { kind: 'LIVESTREAM_SELLING', title: '' } });
  const event = data?.event;
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const onSubmit = handleSubmit(async (input) => {
    const answer = await addContest({ eventId, input, idempotencyKey: contestKey });
    if (answer.error) return;
    renewContestKey();
    reset();
    reload();
  });
  return (
    <Page title={event ? `Cuộc thi – ${event.title}` : 'Cuộc thi'}>
      <p>
        <Link to={`/to-chuc/${eventId}`}>Đơn đăng ký gian hàng của ngày hội</Link>
      </p>
      {fetching && !data && <Loading />}
      {error && <Alert>{shownError(error).message}</Alert>}
      {event?.contests.length === 0 && <p>Ngày hội chưa có cuộc thi.</p>}
      {event?.contests.map((contest) => <ContestSection key={contest.id} contest={contest} onSaved={reload} />)}
      {event && (
        <>
          <h2>Thêm cuộc thi</h2>
          {adding.error && <Alert>{shownError(adding.error).message}</Alert>}
          <form onSubmit={onSubmit} noValidate>
            <Field label="Loại cuộc thi" error={errors.kind?.message}>
              {(props) => (
                <select {...props} {...register('kind')}>
                  <LabelOptions labels={contestKind} />
                </select>
              )}
            </Field>
            <Field label="Tên cuộc thi" error={errors.title?.message}>
              {(props) => <input {...props} {...register('title')} />}
            </Field>
            <button type="submit" disabled={adding.fetching}>
              Thêm cuộc thi
            </button>
          </form>
        </>
      )}
    </Page>
  );
}
