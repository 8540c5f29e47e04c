import { applyDecorators } from '@nestjs/common';
import { IsDefined, ValidateIf } from 'class-validator';

/**
 * A body field the caller may leave out (an edit keeps the current value), but not send as
 * `null`: null is no value of any such field, and is refused naming it, where `@IsOptional()`
 * would wave it through to code that expects a value.
 */
export const Omittable = (): PropertyDecorator =>
  applyDecorators(
    ValidateIf((_object, value) => value !== undefined),
    IsDefined({ message: ({ property }) => `${property} must not be null: leave it out instead` }),
  );
