import { Type } from '@nestjs/common';
import { OmitType, PartialType } from '@nestjs/swagger';

/**
 * The body of an edit, derived from the body that creates the thing: the fields that cannot change
 * left out, every other one optional and, when present, held to the creation's rules. A field sent
 * as `null` is refused naming it (an edit keeps a value by leaving the field out), where
 * `@IsOptional()` would wave null through to code that expects a value.
 */
export function EditOf<T, K extends keyof T>(create: Type<T>, fixed: readonly K[] = []): Type<Partial<Omit<T, K>>> {
  return PartialType(OmitType(create, fixed), { skipNullProperties: false });
}
