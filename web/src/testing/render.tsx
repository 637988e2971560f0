import { GraphQLError } from 'graphql';
import { act, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { CombinedError, Provider, type Client, type OperationResult } from 'urql';
import { fromValue, never } from 'wonka';

/** A mutation the fake hub received: its variables, as the screen sent them. */
export interface Sent {
  variables: Record<string, unknown>;
}

/** The hub refusing a write as the API does: its Vietnamese sentence, its stable code and the field it names. */
export const refused = (message: string, extensions: { code: string; field?: string }) => new CombinedError({ graphQLErrors: [new GraphQLError(message, { extensions })] });

/**
 * A hub that answers each mutation in turn from `answers` ('lost': the connection dropped before the
 * answer came, as on a weak mobile network; a refusal; otherwise the data answered) and records what
 * was sent. Every query is answered with `records` (none given: it waits for ever).
 */
export function fakeHub(answers: ('lost' | CombinedError | Record<string, unknown>)[], records?: Record<string, unknown>): { client: Client; sent: Sent[] } {
  const sent: Sent[] = [];
  const client = {
    executeMutation: (operation: { variables: Record<string, unknown> }) => {
      sent.push({ variables: operation.variables });
      const answer = answers.shift() ?? 'lost';
      const result =
        answer === 'lost' ? { error: new CombinedError({ networkError: new Error('Mất kết nối') }) } : answer instanceof CombinedError ? { error: answer } : { data: answer };
      return fromValue({ operation, stale: false, hasNext: false, ...result } as unknown as OperationResult);
    },
    executeQuery: (operation: unknown) => (records ? fromValue({ operation, data: records, stale: false, hasNext: false } as unknown as OperationResult) : never),
    executeSubscription: () => never,
  } as unknown as Client;
  return { client, sent };
}

/** Renders `element` (a screen, with its links) against `client`, as React does in the browser. */
export async function render(client: Client, element: ReactNode): Promise<HTMLElement> {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  const root = document.createElement('div');
  document.body.append(root);
  const router = createMemoryRouter([{ path: '*', element: <Provider value={client}>{element}</Provider> }]);
  await act(async () => createRoot(root).render(<RouterProvider router={router} />));
  return root;
}

/** Clicks a button, waiting for what the click sets off (a mutation, its answer). */
export async function click(element: Element | null | undefined): Promise<void> {
  if (!(element instanceof HTMLElement)) throw new Error('Nothing to click');
  await act(async () => element.click());
}

/** A control a label names. */
type Control = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

/** Types into a field (or chooses an option) as a person does: React sees the input and change events. */
export async function type(control: Control, value: string): Promise<void> {
  const setValue = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(control), 'value')!.set!;
  await act(async () => {
    setValue.call(control, value);
    control.dispatchEvent(new Event('input', { bubbles: true }));
    control.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

/** The button whose text or accessible name is `label`. */
export const button = (root: HTMLElement, label: string) =>
  [...root.querySelectorAll('button')].find((candidate) => candidate.getAttribute('aria-label') === label || candidate.textContent?.trim() === label);

/** The control a label names (as the Field component ties them). */
export function field(root: HTMLElement, label: string): Control {
  const tag = [...root.querySelectorAll('label')].find((candidate) => candidate.textContent?.trim() === label);
  const control = tag && root.querySelector(`[id="${tag.htmlFor}"]`);
  if (!(control instanceof HTMLInputElement || control instanceof HTMLTextAreaElement || control instanceof HTMLSelectElement)) throw new Error(`No field labelled ${label}`);
  return control;
}

/** What the form says beside a field (its error), as the Field component ties them. */
export const saidBeside = (control: Control): string | undefined =>
  control.getAttribute('aria-describedby')?.split(' ').map((id) => document.getElementById(id)).find((said) => said?.className === 'field-error')?.textContent ?? undefined;
