/**
 * Turns what an Apex call or wire adapter rejects with into one readable sentence. Apex
 * AuraHandledException arrives as `{ body: { message } }`; DML and page errors as `body.pageErrors`
 * / `body.fieldErrors`; a lost connection as a plain Error or a status without a body.
 */
interface ErrorBody {
  message?: unknown;
  pageErrors?: { message?: unknown }[];
  fieldErrors?: Record<string, { message?: unknown }[]>;
}

const FALLBACK = 'Something went wrong. Try again, and tell your Salesforce admin if it keeps happening.';

function messagesOf(error: unknown): string[] {
  if (error === null || error === undefined) return [];
  if (typeof error === 'string') return [error];
  if (Array.isArray(error)) return error.flatMap(messagesOf);
  if (typeof error !== 'object') return [];
  const { body, message } = error as { body?: ErrorBody | ErrorBody[]; message?: unknown };
  if (Array.isArray(body)) return body.flatMap(messagesOf);
  if (body && typeof body === 'object') {
    const found: string[] = [];
    for (const page of body.pageErrors ?? []) if (typeof page.message === 'string') found.push(page.message);
    for (const list of Object.values(body.fieldErrors ?? {}))
      for (const field of list) if (typeof field.message === 'string') found.push(field.message);
    if (typeof body.message === 'string') found.push(body.message);
    if (found.length > 0) return found;
  }
  return typeof message === 'string' ? [message] : [];
}

/** One sentence for the user; distinct messages joined, never blank. */
export function errorMessage(error: unknown): string {
  const unique = [
    ...new Set(
      messagesOf(error)
        .map((m) => m.trim())
        .filter((m) => m.length > 0)
    )
  ];
  return unique.length > 0 ? unique.join(' ') : FALLBACK;
}
