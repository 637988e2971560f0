import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useMutation } from 'urql';
import { z } from 'zod';
import { WebAdoptTeamFundRulesDocument, type WebTeamPageQuery } from '../../../../client/generated/web-signed-in';
import { Field } from '../../components/Field';
import { Alert } from '../../components/Page';
import { useIdempotencyKey } from '../../components/useIdempotencyKey';
import { useRefusal } from '../../components/useRefusal';
import { date, text } from '../../forms';
import { formatDate, formatMoney, todayInVietnam } from '../../i18n/format';

type Team = NonNullable<WebTeamPageQuery['team']>;

// The hub keeps 10 to 4,000 characters; the date is the meeting's, never before the version in force.
const rulesSchema = z.object({ rules: text(10, 4000, 'quy chế'), adoptedOn: date });
type RulesForm = z.input<typeof rulesSchema>;

/**
 * The team fund of members' contributions (handbook II §5.2): what it has received, the rules the team
 * agreed (in force, and every earlier version), and for its leaders and officers a new version to record.
 */
export function TeamFundSection({ team, canWrite, onSaved }: { team: Team; canWrite: boolean; onSaved: () => void }) {
  const inForce = team.fundRules;
  const earlier = team.fundRulesVersions.filter((version) => version.id !== inForce?.id);
  return (
    <section aria-labelledby="fund-heading" data-testid="team-fund">
      <h2 id="fund-heading">Quỹ tổ</h2>
      <p>Đã thu từ đóng góp của thành viên: {formatMoney(team.funds.receivedFromTeamFund)}</p>
      {inForce ? (
        <>
          <h3>
            Quy chế đang áp dụng (bản {inForce.version}, thông qua ngày {formatDate(inForce.adoptedOn)})
          </h3>
          <p className="fund-rules">{inForce.rules}</p>
        </>
      ) : (
        <p>Tổ chưa ghi quy chế quỹ.</p>
      )}
      {earlier.length > 0 && (
        <details>
          <summary>Các bản trước ({earlier.length})</summary>
          <ol>
            {earlier.map((version) => (
              <li key={version.id}>
                Bản {version.version}, thông qua ngày {formatDate(version.adoptedOn)}: {version.rules}
              </li>
            ))}
          </ol>
        </details>
      )}
      {canWrite && <FundRulesForm teamId={team.id} current={inForce?.rules ?? ''} onSaved={onSaved} />}
    </section>
  );
}

/** A new version of the rules, as the team agreed it at a meeting: the earlier ones stay. */
function FundRulesForm({ teamId, current, onSaved }: { teamId: string; current: string; onSaved: () => void }) {
  const [result, adopt] = useMutation(WebAdoptTeamFundRulesDocument);
  const [idempotencyKey, renewKey] = useIdempotencyKey();
  const form = useForm<RulesForm>({ resolver: zodResolver(rulesSchema), defaultValues: { rules: current, adoptedOn: todayInVietnam() } });
  const refusal = useRefusal(form, result.error);
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async (values) => {
    const answer = await adopt({ input: { teamId, ...rulesSchema.parse(values), idempotencyKey } });
    if (!answer.data) return;
    renewKey();
    onSaved();
  });
  const saved = result.data?.adoptTeamFundRules;
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Ghi quy chế quỹ tổ">
      {refusal}
      {saved && !result.error && <Alert tone="success">Đã ghi quy chế quỹ tổ, bản {saved.version}.</Alert>}
      <Field label="Quy chế quỹ tổ" hint="Mức đóng, thời hạn nộp, ai giữ quỹ, quỹ được chi vào việc gì" error={errors.rules?.message}>
        {(props) => <textarea {...props} rows={5} {...form.register('rules')} />}
      </Field>
      <Field label="Ngày tổ thông qua" error={errors.adoptedOn?.message}>
        {(props) => <input {...props} type="date" {...form.register('adoptedOn')} />}
      </Field>
      <button type="submit" disabled={isSubmitting}>
        {isSubmitting ? 'Đang ghi…' : 'Ghi quy chế (bản mới)'}
      </button>
    </form>
  );
}
