import { useState } from 'react';
import { useIdempotencyKeys } from '../../components/useIdempotencyKey';
import { useMutation, useQuery } from 'urql';
import { WebDecideExpenseDocument, WebExpenseQueueDocument, type WebExpenseQueueQuery } from '../../../../client/generated/web-signed-in';
import { CellLabel } from '../../components/CellLabel';
import { useSession } from '../../components/Layout';
import { Alert, Loading, Page } from '../../components/Page';
import { shownError, type ShownError } from '../../errors';
import { formatDate, formatMoney } from '../../i18n/format';

type Expense = WebExpenseQueueQuery['programmes']['nodes'][number]['expenses'][number];

/** What a refused decision means here: the hub refuses one's own spending (FORBIDDEN) and spending beyond the cash on hand (CONFLICT). */
const DECISION_ERRORS = {
  FORBIDDEN: 'Bạn đã ghi khoản chi này nên không được tự duyệt: cần một cán bộ khác duyệt.',
  CONFLICT: 'Không duyệt được: khoản chi đã được xử lý, hoặc quỹ tiền mặt của chương trình không đủ.',
};

/**
 * The officer's approval queue: spending recorded for the programmes of their unit and waiting for a
 * decision. Spending the officer recorded is shown too, marked as theirs: someone else must approve it.
 */
export function ExpenseQueueScreen() {
  const session = useSession();
  const unitCode = session?.units?.[0] ?? '';
  const [{ data, fetching, error }, refetch] = useQuery({ query: WebExpenseQueueDocument, variables: { unitCode } });
  const [decision, decide] = useMutation(WebDecideExpenseDocument);
  const [refusal, setRefusal] = useState<{ expenseId: string; error: ShownError }>();
  const keys = useIdempotencyKeys();
  const [done, setDone] = useState<string>();

  const act = async (expense: Expense, approve: boolean) => {
    setDone(undefined);
    setRefusal(undefined);
    const write = `${expense.id}:${approve}`;
    const answer = await decide({ id: expense.id, approve, idempotencyKey: keys.keyFor(write) });
    if (answer.error) {
      setRefusal({ expenseId: expense.id, error: shownError(answer.error, DECISION_ERRORS) });
      return;
    }
    keys.saved(write);
    setDone(`${approve ? 'Đã duyệt' : 'Đã từ chối'} khoản chi “${expense.description}” (${formatMoney(expense.amount)}).`);
    refetch({ requestPolicy: 'network-only' });
  };

  const programmes = (data?.programmes.nodes ?? [])
    .map((programme) => ({ ...programme, pending: programme.expenses.filter((expense) => expense.status === 'PENDING') }))
    .filter((programme) => programme.pending.length > 0);

  return (
    <Page title="Duyệt khoản chi" lead="Các khoản chi đã ghi của các chương trình trong đơn vị, đang chờ cán bộ duyệt. Người ghi khoản chi không tự duyệt khoản đó.">
      {fetching && !data && <Loading />}
      {error && <Alert>{shownError(error).message}</Alert>}
      {done && <Alert tone="success">{done}</Alert>}
      {data && programmes.length === 0 && <p>Không có khoản chi nào đang chờ duyệt.</p>}
      {programmes.map((programme) => (
        <section key={programme.id} aria-labelledby={`ct-${programme.id}`}>
          <h2 id={`ct-${programme.id}`}>{programme.name}</h2>
          <table className="stacked">
            <thead>
              <tr>
                <th scope="col">Ngày chi</th>
                <th scope="col">Nội dung</th>
                <th scope="col" className="number">
                  Số tiền
                </th>
                <th scope="col">Người ghi</th>
                <th scope="col">Thao tác</th>
              </tr>
            </thead>
            <tbody>
              {programme.pending.map((expense) => {
                const refused = refusal?.expenseId === expense.id ? refusal.error : undefined;
                return (
                  <tr key={expense.id} data-testid={`expense-${expense.description}`} className={refused ? 'row-invalid' : undefined}>
                    <td>
                      <CellLabel>Ngày chi</CellLabel>
                      <span>{formatDate(expense.spentOn)}</span>
                    </td>
                    <td>
                      <CellLabel>Nội dung</CellLabel>
                      <span>
                        {expense.description}
                        <br />
                        <small>
                          {expense.budgetLine ? `Dòng dự toán: ${expense.budgetLine.item} · ` : ''}Chứng từ: {expense.evidence}
                        </small>
                      </span>
                    </td>
                    <td className="number">
                      <CellLabel>Số tiền</CellLabel>
                      <span>{formatMoney(expense.amount)}</span>
                    </td>
                    <td>
                      <CellLabel>Người ghi</CellLabel>
                      <span>{expense.recordedByMe ? <strong>Bạn (cần cán bộ khác duyệt)</strong> : 'Người khác'}</span>
                    </td>
                    <td>
                      <CellLabel>Thao tác</CellLabel>
                      <span>
                        <span className="actions">
                          <button
                            type="button"
                            disabled={decision.fetching}
                            aria-describedby={refused ? `loi-${expense.id}` : undefined}
                            onClick={() => void act(expense, true)}
                            aria-label={`Duyệt khoản chi ${expense.description}`}
                          >
                            Duyệt
                          </button>
                          <button
                            type="button"
                            className="secondary"
                            disabled={decision.fetching}
                            onClick={() => window.confirm(`Từ chối khoản chi “${expense.description}”?`) && void act(expense, false)}
                            aria-label={`Từ chối khoản chi ${expense.description}`}
                          >
                            Từ chối
                          </button>
                        </span>
                        {refused && (
                          <p className="field-error" id={`loi-${expense.id}`} role="alert">
                            {refused.message}
                          </p>
                        )}
                      </span>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      ))}
    </Page>
  );
}
