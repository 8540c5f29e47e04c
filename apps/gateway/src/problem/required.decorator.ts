import { IsDefined } from 'class-validator';

/** A field that must be present (not undefined or null), reported as "<field> is required". */
export const Required = (): PropertyDecorator => IsDefined({ message: ({ property }) => `${property} is required` });
