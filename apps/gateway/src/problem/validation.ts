import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldProblem, rememberValidationRules, RequestValidationError } from '@mogul/http';

function pathOf(parent: string, property: string): string {
  if (/^\d+$/.test(property)) return `${parent}[${property}]`;
  return parent ? `${parent}.${property}` : property;
}

/**
 * Flattens class-validator's tree into one problem per bad field, naming nested fields by path
 * (`lines[0].quantity`). A value that is not an object at all is reported against `body`.
 */
export function fieldProblemsOf(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = error.property === undefined || error.property === '' ? parent || 'body' : pathOf(parent, error.property);
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]) => ({
      field,
      message: constraint === 'whitelistValidation' ? `${field} is not a known field` : message,
    }));
    return [...own, ...fieldProblemsOf(error.children ?? [], field)];
  });
}

/**
 * The one validation pipe of the gateway: unknown fields are rejected rather than silently
 * dropped, so a client's typo is a 400 naming the field instead of a request that half-happened.
 * A body that is not a JSON object at all (an array, a string, nothing) is one problem, `body`,
 * rather than a list of odd fields.
 */
export class GatewayValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
    if (metadata.type === 'body' && !isObject && this.toValidate(metadata)) {
      throw new RequestValidationError([{ field: 'body', message: 'the request body must be a JSON object' }]);
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  rememberValidationRules();
  return new GatewayValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    // One message per field: the first rule it breaks.
    stopAtFirstError: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new RequestValidationError(fieldProblemsOf(errors)),
  });
}
