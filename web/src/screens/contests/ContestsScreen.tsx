import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { z } from 'zod';
import {
  WebAddContestDocument,
  WebAddContestEntryDocument,
  WebEventContestsDocument,
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
import { contestKind } from '../../i18n/labels';

type Contest = NonNullable<WebEventContestsQuery['event']>['contests'][number];
type Entry = Contest['entries'][number];

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
    const answer = await save({ entryId: entry.id, score });
    if (answer.error) {
      setError('score', { message: shownError(answer.error).message });
      return;
    }
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

function EntryForm({ contest, onSaved }: { contest: Contest; onSaved: () => void }) {
  const [adding, add] = useMutation(WebAddContestEntryDocument);
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
    const answer = await add({ contestId: contest.id, input: { ...entry, consent } });
    if (answer.error) {
      const field = shownError(answer.error).field;
      if (field === 'entrant' || field === 'title') setError(field, { message: 'Giá trị này chưa hợp lệ' });
      return;
    }
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
  return (
    <section aria-labelledby={`thi-${contest.id}`} data-testid={`contest-${contest.title}`}>
      <h2 id={`thi-${contest.id}`}>
        {contest.title} <small>({contestKind[contest.kind]})</small>
      </h2>
      {contest.winners.length > 0 && (
        <>
          <h3>Đoạt giải</h3>
          <ol className="winners">
            {contest.winners.map((winner) => (
              <li key={winner.prize.id}>
                {winner.prize.description}: <strong>{winner.entry.entrant}</strong> – {winner.entry.title} ({winner.entry.score} điểm)
              </li>
            ))}
          </ol>
        </>
      )}
      {contest.entries.length === 0 ? (
        <p>Chưa có bài dự thi.</p>
      ) : (
        <table className="stacked">
          <caption>Bài dự thi, điểm cao trước</caption>
          <thead>
            <tr>
              <th scope="col">Người, đội dự thi</th>
              <th scope="col">Bài dự thi</th>
              <th scope="col">Điểm (0–100)</th>
            </tr>
          </thead>
          <tbody>
            {contest.entries.map((entry) => (
              <tr key={entry.id} data-testid={`entry-${entry.entrant}`}>
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

/** A fair's contests for its organisers: entries scored 0–100, the winners one per prize, new contests and entries. */
export function ContestsScreen() {
  const { eventId = '' } = useParams();
  const [{ data, fetching, error }, refetch] = useQuery({ query: WebEventContestsDocument, variables: { id: eventId } });
  const [adding, addContest] = useMutation(WebAddContestDocument);
  const {
    register,
    handleSubmit,
    reset,
    formState: { errors },
  } = useForm<z.input<typeof contestSchema>>({ resolver: zodResolver(contestSchema), defaultValues: { kind: 'LIVESTREAM_SELLING', title: '' } });
  const event = data?.event;
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const onSubmit = handleSubmit(async (input) => {
    const answer = await addContest({ eventId, input });
    if (answer.error) return;
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
