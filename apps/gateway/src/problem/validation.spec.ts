import { ArgumentMetadata } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsString, Min, ValidateNested } from 'class-validator';
import { RequestValidationError } from '@mogul/http';
import { createValidationPipe } from './validation';

class LineDto {
  @IsString()
  productId!: string;

  @IsInt()
  @Min(1)
  quantity!: number;
}

class OrderDto {
  @IsString()
  note!: string;

  @ValidateNested({ each: true })
  @Type(() => LineDto)
  lines!: LineDto[];
}

const asBody: ArgumentMetadata = { type: 'body', metatype: OrderDto };

async function problemsFor(value: unknown): Promise<RequestValidationError> {
  try {
    await createValidationPipe().transform(value, asBody);
  } catch (error) {
    if (error instanceof RequestValidationError) return error;
    throw error;
  }
  throw new Error('expected a validation failure');
}

describe('the validation pipe', () => {
  it('names nested fields by path', async () => {
    const error = await problemsFor({
      note: 'n',
      lines: [
        { productId: 'p', quantity: 1 },
        { productId: 'q', quantity: 0 },
      ],
    });
    expect(error.problems).toEqual([{ field: 'lines[1].quantity', message: expect.stringContaining('quantity') }]);
  });

  it('rejects an unknown field by name, nested ones too', async () => {
    const error = await problemsFor({ note: 'n', lines: [{ productId: 'p', quantity: 1, price: 5 }], admin: true });
    expect(error.problems.map((e) => e.field).sort()).toEqual(['admin', 'lines[0].price']);
    expect(error.problems.find((e) => e.field === 'admin')?.message).toBe('admin is not a known field');
  });

  it('reports one problem per field', async () => {
    const error = await problemsFor({ note: 5, lines: [] });
    expect(error.problems).toEqual([{ field: 'note', message: 'note must be a string' }]);
  });

  it.each([[undefined], [null], [[1, 2]], ['text'], [42]])('reports a body that is not an object (%p) as `body`', async (value) => {
    const error = await problemsFor(value);
    expect(error.problems).toEqual([{ field: 'body', message: 'the request body must be a JSON object' }]);
  });

  it('returns a typed instance of a valid body', async () => {
    const value = await createValidationPipe().transform({ note: 'n', lines: [{ productId: 'p', quantity: 2 }] }, asBody);
    expect(value).toBeInstanceOf(OrderDto);
    expect((value as OrderDto).lines[0]).toBeInstanceOf(LineDto);
  });

  it('leaves path parameters of primitive type alone', async () => {
    expect(await createValidationPipe().transform('abc', { type: 'param', metatype: String, data: 'id' })).toBe('abc');
  });
});
