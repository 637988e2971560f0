import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useSearchParams } from 'react-router';
import { useClient, useMutation, useQuery, type CombinedError } from 'urql';
import { z } from 'zod';
import {
  WebDissolveLevelDocument,
  WebMergeUnitsDocument,
  WebMoveUnitDocument,
  WebRenameUnitDocument,
  WebUnitOutlineDocument,
  WebUnitToReorganiseDocument,
  type UnitLevel,
  type WebUnitOutlineFragment,
} from '../../../../client/generated/web-reorganise';
import { Field } from '../../components/Field';
import { useSession } from '../../components/Layout';
import { Alert, Loading, Page } from '../../components/Page';
import { useRefusal } from '../../components/useRefusal';
import { shownError } from '../../errors';
import { unitLevel, unitSuccession } from '../../i18n/labels';
import { describeChange, levelsBelow, type Change, type UnitAround } from './changes';
import { newIdempotencyKey } from '../../components/useIdempotencyKey';

const ACTIONS = {
  rename: 'Đổi tên',
  move: 'Chuyển sang trực thuộc đơn vị khác',
  merge: 'Nhập vào một đơn vị cùng cấp',
  dissolve: 'Giải thể một cấp dưới đơn vị này',
} as const;
type Action = keyof typeof ACTIONS;

const schema = z
  .object({
    action: z.enum(['rename', 'move', 'merge', 'dissolve']),
    name: z.string().trim().max(200, 'Tên dài quá 200 ký tự'),
    parentCode: z.string().trim(),
    intoCode: z.string().trim(),
    level: z.string(),
  })
  .superRefine((form, context) => {
    const required = (field: 'name' | 'parentCode' | 'intoCode' | 'level', message: string) =>
      form[field] === '' && context.addIssue({ code: z.ZodIssueCode.custom, path: [field], message });
    if (form.action === 'rename') required('name', 'Xin nhập tên mới');
    if (form.action === 'move') required('parentCode', 'Xin nhập mã đơn vị cấp trên mới');
    if (form.action === 'merge') required('intoCode', 'Xin nhập mã đơn vị nhận');
    if (form.action === 'dissolve') required('level', 'Xin chọn cấp giải thể');
  });
type Form = z.input<typeof schema>;

/**
 * Officers (over every unit a change touches) and admins reorganise the administrative tree:
 * rename, move under another parent, merge into a unit of the same level, dissolve a tier (the
 * 2025 reform's districts). Each change is previewed in words, then confirmed.
 */
export function ReorganiseUnitsScreen() {
  const session = useSession();
  const [search, setSearch] = useSearchParams();
  const unitCode = search.get('ma') ?? session?.units?.[0] ?? '40';
  const [lookup, setLookup] = useState(unitCode);
  const [{ data, fetching, error }, refetch] = useQuery({ query: WebUnitToReorganiseDocument, variables: { code: unitCode } });
  const client = useClient();
  const [renamed, rename] = useMutation(WebRenameUnitDocument);
  const [moved, move] = useMutation(WebMoveUnitDocument);
  const [merged, merge] = useMutation(WebMergeUnitsDocument);
  const [dissolved, dissolve] = useMutation(WebDissolveLevelDocument);
  const [change, setChange] = useState<Change>();
  const [done, setDone] = useState<string>();
  const [failure, setFailure] = useState<CombinedError>();
  const form = useForm<Form>({ resolver: zodResolver(schema), defaultValues: { action: 'rename', name: '', parentCode: '', intoCode: '', level: '' } });
  const { register, handleSubmit, watch, setError, reset } = form;
  const errors = form.formState.errors;
  const writing = [renamed, moved, merged, dissolved];
  const refusal = useRefusal(form, failure, {}, { FORBIDDEN: 'Bạn chỉ thay đổi được các đơn vị mình phụ trách: cả đơn vị thay đổi và đơn vị nhận.' });
  const action = watch('action') as Action;
  const unit = data?.administrativeUnit;

  const preview = (next: Change | undefined) => {
    setFailure(undefined);
    setChange(next);
  };

  const show = (next: string) => {
    preview(undefined);
    setLookup(next);
    setSearch({ ma: next });
  };

  /** The unit a move or merge goes to, or the field marked when there is none. */
  const target = async (field: 'parentCode' | 'intoCode', targetCode: string): Promise<WebUnitOutlineFragment | undefined> => {
    const answer = await client.query(WebUnitOutlineDocument, { code: targetCode }, { requestPolicy: 'network-only' }).toPromise();
    const found = answer.data?.administrativeUnit ?? undefined;
    if (!found) setError(field, { message: answer.error ? shownError(answer.error).message : `Không có đơn vị nào mã ${targetCode}` });
    return found;
  };

  const onPreview = handleSubmit(async (values) => {
    if (!unit) return;
    const around: UnitAround = unit;
    setDone(undefined);
    if (values.action === 'rename') return preview(describeChange(around, { kind: 'rename', name: values.name }, newIdempotencyKey()));
    if (values.action === 'dissolve') return preview(describeChange(around, { kind: 'dissolve', level: values.level as UnitLevel }, newIdempotencyKey()));
    if (values.action === 'move') {
      const parent = await target('parentCode', values.parentCode);
      if (parent) preview(describeChange(around, { kind: 'move', parent }, newIdempotencyKey()));
      return;
    }
    const into = await target('intoCode', values.intoCode);
    if (!into) return;
    if (into.level !== unit.level) {
      setError('intoCode', { message: `Chỉ nhập được vào đơn vị cùng cấp: ${into.name} là ${unitLevel[into.level].toLowerCase()}` });
      return;
    }
    preview(describeChange(around, { kind: 'merge', into }, newIdempotencyKey()));
  });

  const onConfirm = async () => {
    if (!change || !unit) return;
    const { idempotencyKey } = change;
    const answer =
      change.kind === 'rename'
        ? await rename({ input: { code: unit.code, name: change.name, idempotencyKey } })
        : change.kind === 'move'
          ? await move({ input: { code: unit.code, parentCode: change.parent.code, idempotencyKey } })
          : change.kind === 'merge'
            ? await merge({ input: { code: unit.code, intoCode: change.into.code, idempotencyKey } })
            : await dissolve({ input: { underCode: unit.code, level: change.level, idempotencyKey } });
    if (answer.error || !answer.data) return setFailure(answer.error);
    const result = Object.values(answer.data)[0] as WebUnitOutlineFragment;
    setDone(`Đã thực hiện: ${change.title}.`);
    preview(undefined);
    reset();
    if (result.code === unit.code) refetch({ requestPolicy: 'network-only' });
    else show(result.code);
  };

  return (
    <Page title="Sắp xếp đơn vị hành chính" lead="Đổi tên, chuyển, sáp nhập đơn vị hoặc bỏ một cấp (như bỏ cấp huyện năm 2025). Tổ, báo cáo và lịch sử đi theo; mã cũ vẫn tra cứu được.">
      <form
        className="inline"
        onSubmit={(event) => {
          event.preventDefault();
          if (lookup.trim()) show(lookup.trim());
        }}
      >
        <label htmlFor="unit-code">Mã đơn vị</label>
        <input id="unit-code" value={lookup} onChange={(event) => setLookup(event.target.value)} inputMode="numeric" autoComplete="off" />
        <button type="submit">Xem</button>
      </form>
      {fetching && <Loading />}
      {error && <Alert>{shownError(error).message}</Alert>}
      {data && !unit && <Alert>Không có đơn vị nào mã {unitCode}.</Alert>}
      {done && <Alert tone="success">{done}</Alert>}
      {unit && (
        <>
          <h2>
            {unit.name} <small>(mã {unit.code})</small>
          </h2>
          <dl>
            <dt>Cấp</dt>
            <dd>{unitLevel[unit.level]}</dd>
            <dt>Trực thuộc</dt>
            <dd>{unit.parent ? <button type="button" className="link" onClick={() => show(unit.parent!.code)}>{`${unit.parent.name} (mã ${unit.parent.code})`}</button> : 'Không (cấp tỉnh)'}</dd>
            <dt>Số tổ công nghệ số</dt>
            <dd data-testid="unit-teams">{unit.teamsUnder.totalCount}</dd>
            {unit.children.length > 0 && (
              <>
                <dt>Đơn vị trực thuộc</dt>
                <dd>
                  <ul>
                    {unit.children.map((child) => (
                      <li key={child.code}>
                        <button type="button" className="link" onClick={() => show(child.code)}>
                          {child.name}
                        </button>{' '}
                        <small>(mã {child.code})</small>
                      </li>
                    ))}
                  </ul>
                </dd>
              </>
            )}
            {unit.formerUnits.length > 0 && (
              <>
                <dt>Mã cũ vẫn tra cứu được</dt>
                <dd>
                  <ul data-testid="former-units">
                    {unit.formerUnits.map((former) => (
                      <li key={former.formerCode}>
                        {former.formerCode}: {former.formerName} <small>({unitSuccession[former.succession]})</small>
                      </li>
                    ))}
                  </ul>
                </dd>
              </>
            )}
          </dl>
          <h2>Thay đổi</h2>
          <form onSubmit={(event) => void onPreview(event)} noValidate>
            <fieldset>
              <legend>Việc cần làm với {unit.name}</legend>
              {(Object.keys(ACTIONS) as Action[])
                .filter((kind) => kind !== 'dissolve' || levelsBelow(unit.level).length > 0)
                .filter((kind) => (kind !== 'move' && kind !== 'merge') || unit.parent)
                .map((kind) => (
                  <label key={kind} className="choice">
                    <input type="radio" value={kind} {...register('action', { onChange: () => preview(undefined) })} />
                    {ACTIONS[kind]}
                  </label>
                ))}
            </fieldset>
            {action === 'rename' && (
              <Field label="Tên mới" hint="Ví dụ: Xã Tam Quang" error={errors.name?.message}>
                {(props) => <input {...props} {...register('name')} />}
              </Field>
            )}
            {action === 'move' && (
              <Field label="Mã đơn vị cấp trên mới" hint="Ví dụ: 17230 (Xã Tam Thái)" error={errors.parentCode?.message}>
                {(props) => <input {...props} autoComplete="off" {...register('parentCode')} />}
              </Field>
            )}
            {action === 'merge' && (
              <Field label="Mã đơn vị nhận" hint={`Một ${unitLevel[unit.level].toLowerCase()} khác; ${unit.name} sẽ không còn`} error={errors.intoCode?.message}>
                {(props) => <input {...props} autoComplete="off" {...register('intoCode')} />}
              </Field>
            )}
            {action === 'dissolve' && (
              <Field label="Cấp giải thể" error={errors.level?.message}>
                {(props) => (
                  <select {...props} {...register('level')}>
                    <option value="">— Chọn cấp —</option>
                    {levelsBelow(unit.level).map((level) => (
                      <option key={level} value={level}>
                        {unitLevel[level]}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            )}
            <button type="submit" className="secondary">
              Xem trước thay đổi
            </button>
          </form>
          {change && (
            <section className="confirm" aria-labelledby="confirm-heading" data-testid="confirm-change">
              <h2 id="confirm-heading">Xin xác nhận: {change.title}</h2>
              <ul>
                {change.effects.map((effect) => (
                  <li key={effect}>{effect}</li>
                ))}
              </ul>
              {refusal}
              <div className="actions">
                <button type="button" className="danger" disabled={writing.some((result) => result.fetching)} onClick={() => void onConfirm()}>
                  Xác nhận thay đổi
                </button>
                <button type="button" className="secondary" onClick={() => preview(undefined)}>
                  Huỷ
                </button>
              </div>
            </section>
          )}
        </>
      )}
    </Page>
  );
}
