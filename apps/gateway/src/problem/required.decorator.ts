import { IsDefined } from 'class-validator';

/**
 * A field that must be present: left out it is reported as "<field> is required", sent as `null`
 * as "<field> must not be null" (in an edit, where it may be left out, null is refused all the same).
 */
export const Required = (): PropertyDecorator =>
  IsDefined({ message: ({ property, value }) => (value === null ? `${property} must not be null` : `${property} is required`) });
