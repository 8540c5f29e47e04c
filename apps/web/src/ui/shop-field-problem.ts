import { ApiProblem, FieldProblem } from '../api/problem';

/**
 * Problems the page finds before asking the API (an amount that is not one, a group short of
 * options), shaped like the API's own so that `Field` shows each at the field it names.
 */
export function fieldProblems(problems: FieldProblem[]): ApiProblem {
  return new ApiProblem(400, 'about:blank', 'Check the form', problems.map((p) => p.message).join(' '), problems);
}

export function fieldProblem(field: string, message: string): ApiProblem {
  return fieldProblems([{ field, message }]);
}
