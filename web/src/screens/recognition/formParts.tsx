import type { ReactNode } from 'react';
import { Controller, type Control, type FieldValues, type Path } from 'react-hook-form';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { WebUnitMembersDocument } from '../../../../client/generated/web-recognition';
import { Field } from '../../components/Field';
import { Alert } from '../../components/Page';
import type { ShownError } from '../../errors';

/** The recognition forms' shared parts: the member picker, the API's refusal of a field, the answer. */

/** The members of a unit's teams in one list, grouped by team, to pick whom to nominate or propose. */
function MemberPicker({ unitCode, id, value, onChange, invalid }: { unitCode: string; id: string; value: string; onChange: (memberId: string) => void; invalid: boolean }) {
  const [{ data, fetching }] = useQuery({ query: WebUnitMembersDocument, variables: { unitCode } });
  return (
    <select id={id} aria-invalid={invalid} value={value} onChange={(event) => onChange(event.target.value)} disabled={fetching && !data}>
      <option value="">{fetching && !data ? 'Đang tải danh sách thành viên…' : '— Chọn thành viên —'}</option>
      {data?.teams.nodes.map((team) => (
        <optgroup key={team.id} label={team.name}>
          {team.members.map((member) => (
            <option key={member.id} value={member.id}>
              {member.fullName ?? 'Thành viên'}
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  );
}

/** A form's `memberId`, picked among the unit's members. */
export function MemberField<Form extends FieldValues>({ label, unitCode, control, name, error }: { label: string; unitCode: string; control: Control<Form>; name: Path<Form>; error?: string }) {
  return (
    <Field label={label} error={error}>
      {(props) => (
        <Controller
          control={control}
          name={name}
          render={({ field }) => <MemberPicker unitCode={unitCode} id={props.id} value={field.value as string} onChange={field.onChange} invalid={props['aria-invalid']} />}
        />
      )}
    </Field>
  );
}

/** What the API said about one field of the form, if it refused that field. */
export const refusedField = (problem: ShownError | undefined, field: string): string | undefined => (problem?.field === field ? problem.fieldMessage : undefined);

/** The answer to a form sent, with the way back to the recognition page. */
export function Sent({ children }: { children: ReactNode }) {
  return (
    <Alert tone="success">
      {children} <Link to="/thi-dua">Về trang thi đua, khen thưởng</Link>
    </Alert>
  );
}
