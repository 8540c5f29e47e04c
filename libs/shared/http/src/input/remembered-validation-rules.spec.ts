import 'reflect-metadata';
import { getMetadataStorage, IsInt, IsString, Min, validate } from 'class-validator';
import { rememberValidationRules } from './remembered-validation-rules';

class Base {
  @IsString()
  name!: string;
}

class Child extends Base {
  @Min(1)
  @IsInt()
  quantity!: number;
}

const make = <T extends object>(type: new () => T, values: Partial<T>) => Object.assign(new type(), values);
const failed = async (value: object) => (await validate(value, { forbidUnknownValues: true })).map((e) => e.property).sort();

describe('rememberValidationRules', () => {
  rememberValidationRules();
  const storage = getMetadataStorage() as unknown as { getTargetValidationMetadatas: (...args: unknown[]) => unknown[] };

  it('validates as before, inherited rules included, and looks each class up once', async () => {
    expect(await failed(make(Child, { name: 'ok', quantity: 2 }))).toEqual([]);
    expect(await failed(make(Child, { name: 3 as unknown as string, quantity: 0 }))).toEqual(['name', 'quantity']);
    const first = storage.getTargetValidationMetadatas(Child, '', false, false, undefined);
    expect(storage.getTargetValidationMetadatas(Child, '', false, false, undefined)).toBe(first);
    expect(first).toHaveLength(3);
    // Other options are another lookup.
    expect(storage.getTargetValidationMetadatas(Child, '', false, false, ['admin'])).not.toBe(first);
  });

  it('sees a rule added after the first validation, to a class already looked up', async () => {
    class Line {
      @IsInt()
      quantity!: number;
    }
    expect(await failed(make(Line, { quantity: 2 }))).toEqual([]);
    IsString()(Line.prototype, 'note');
    expect(await failed(Object.assign(make(Line, { quantity: 2 }), { note: 5 }))).toEqual(['note']);
    expect(await failed(Object.assign(make(Line, { quantity: 2 }), { note: 'fine' }))).toEqual([]);
  });

  it('changes nothing when called again', async () => {
    const lookUp = storage.getTargetValidationMetadatas;
    rememberValidationRules();
    expect(storage.getTargetValidationMetadatas).toBe(lookUp);
  });
});
