import { useQuery } from 'urql';
import { WebUnitMembersDocument } from '../../../../client/generated/web-recognition';

/** The members of a unit's teams in one list, grouped by team, to pick whom to nominate or propose. */
export function MemberPicker({ unitCode, id, value, onChange, invalid }: { unitCode: string; id: string; value: string; onChange: (memberId: string) => void; invalid: boolean }) {
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
