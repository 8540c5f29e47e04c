/** class-transformer step: surrounding white space is not part of a title or a name. */
export const trimmed = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);
