import { IsInt, IsString, Max, Min, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { answer, DomainError, RequestValidationError, validBody } from './handling';

class Line {
  @IsInt()
  @Min(1)
  @Max(99)
  quantity!: number;
}

class Body {
  @IsString()
  name!: string;

  @ValidateNested({ each: true })
  @Type(() => Line)
  lines!: Line[];
}

class ThingNotFoundError extends DomainError {
  readonly code = 'not-found' as const;
}

describe('request handling', () => {
  it('names nested fields with their index', async () => {
    const error = await validBody(Body, { body: { name: 'x', lines: [{ quantity: 1 }, { quantity: 100 }] } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestValidationError);
    expect((error as RequestValidationError).problems.map((p) => p.field)).toEqual(['lines[1].quantity']);
  });

  it('answers a domain error with its code and anything else as internal', async () => {
    expect(await answer(async () => 42)).toEqual({ ok: true, value: 42 });
    expect(await answer(() => Promise.reject(new ThingNotFoundError('no such thing')))).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'no such thing' },
    });
    const internal = await answer(() => Promise.reject(new Error('secret detail')));
    expect(internal).toEqual({ ok: false, error: { code: 'internal', message: 'internal error' } });
  });
});
