import { ValidationPipe } from '@nestjs/common';
import { ValidationError } from 'class-validator';
import { FieldProblem } from '../problem-details';
import { rememberValidationRules } from '../input/remembered-validation-rules';
import { RequestValidationError } from './domain-error';

/** One problem per broken constraint, nested fields named by path (`lines[1].quantity`). */
export function problemsOf(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = /^\d+$/.test(error.property) ? `${prefix.replace(/\.$/, '')}[${error.property}]` : `${prefix}${error.property}`;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...problemsOf(error.children ?? [], `${field}.`)];
  });
}

/**
 * Validates every body, query and path parameter a service handler declares with a class: a
 * service checks what it is sent rather than trust that the gateway did. Unknown fields are
 * dropped; query strings are converted to the declared types.
 */
export function serviceValidationPipe(): ValidationPipe {
  rememberValidationRules();
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidUnknownValues: true,
    validateCustomDecorators: false,
    exceptionFactory: (errors) => new RequestValidationError(problemsOf(errors)),
  });
}
