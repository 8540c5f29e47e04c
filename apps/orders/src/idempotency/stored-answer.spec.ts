import { serviceProblemOf } from '@mogul/http';
import { ProductNotOrderableError, ReplayedFailureError } from '../errors';
import { replay, StoredAnswer, storedFailure, storedValue } from './stored-answer';

/** What the key's answer column holds is JSON text, read back parsed. */
const throughTheDatabase = <T>(answer: StoredAnswer<T>): StoredAnswer<T> => JSON.parse(JSON.stringify(answer));

const problemOf = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    return serviceProblemOf(error, '/internal/v1/orders').problem;
  }
  throw new Error('expected a failure');
};

describe('stored answers', () => {
  it('replays a value as it was', () => {
    expect(replay(throughTheDatabase(storedValue({ id: 'o-1', status: 'paid' })))).toEqual({ id: 'o-1', status: 'paid' });
  });

  it('replays a failure as the same problem: status, detail and fields', () => {
    const error = new ProductNotOrderableError(1, 'p-1', 'is withdrawn');
    const first = serviceProblemOf(error, '/internal/v1/orders').problem;
    const again = problemOf(() => replay(throughTheDatabase(storedFailure(error))));
    expect(again).toEqual(first);
    expect(again).toMatchObject({ status: 409, detail: 'lines[1].productId: product p-1 is withdrawn' });
  });

  it('replays a failure stored without fields', () => {
    const answer: StoredAnswer = { ok: false, error: { code: 'unprocessable', message: 'all lines of an order must be in one currency' } };
    expect(() => replay(answer)).toThrow(ReplayedFailureError);
    expect(problemOf(() => replay(answer))).toMatchObject({ status: 422, detail: 'all lines of an order must be in one currency' });
    expect(problemOf(() => replay(answer)).errors).toBeUndefined();
  });

  it('refuses to replay an internal failure as a business outcome', () => {
    const answer: StoredAnswer = { ok: false, error: { code: 'internal', message: 'internal error' } };
    expect(problemOf(() => replay(answer))).toMatchObject({ status: 500 });
  });
});
