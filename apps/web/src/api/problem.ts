/** One bad input the API named, e.g. `{ field: 'lines[0].quantity', message: '…' }`. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** An RFC 9457 problem document the API answered with, as an error the pages can show. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly title: string,
    readonly detail: string,
    readonly errors: FieldProblem[] = [],
  ) {
    super(detail || title);
  }

  /** The messages about `field` (and its nested fields, `royaltyPerUnit.amount` under `royaltyPerUnit`). */
  messagesFor(field: string): string[] {
    return this.errors
      .filter((e) => e.field === field || e.field.startsWith(`${field}.`) || e.field.startsWith(`${field}[`))
      .map((e) => e.message);
  }

  /** What to say above the form: the detail, unless every problem is shown at a field of the form. */
  summary(shownFields: readonly string[] = []): string | undefined {
    const unshown = this.errors.filter(
      (e) => !shownFields.some((f) => e.field === f || e.field.startsWith(`${f}.`) || e.field.startsWith(`${f}[`)),
    );
    if (this.errors.length > 0 && unshown.length === 0) return undefined;
    return unshown.length > 0 ? unshown.map((e) => `${e.field}: ${e.message}`).join('; ') : this.detail || this.title;
  }
}

/** Reads a failed answer as a problem; an answer that is not one still becomes one, by its status. */
export async function problemOf(response: Response): Promise<ApiProblem> {
  const body = (await response.json().catch(() => undefined)) as
    { type?: string; title?: string; detail?: string; errors?: FieldProblem[] } | undefined;
  return new ApiProblem(
    response.status,
    body?.type ?? 'about:blank',
    body?.title ?? response.statusText,
    body?.detail ?? `The request failed (${response.status}).`,
    Array.isArray(body?.errors) ? body.errors : [],
  );
}
