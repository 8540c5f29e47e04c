import { LISTING_CODE_PATTERN, ProductLimits } from '@mogul/contracts';
import { ValidateBy, ValidationOptions } from 'class-validator';

/**
 * Why a value is not a selections object (`{ [groupCode]: optionCode[] }`), or undefined when it
 * is one. Whether the codes exist is the listing's business, checked later; this checks the shape.
 */
export function selectionsProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'selections must be an object of option code lists';
  const entries = Object.entries(value);
  if (entries.length > ProductLimits.optionGroupsMax) return `selections may name at most ${ProductLimits.optionGroupsMax} groups`;
  for (const [group, options] of entries) {
    if (group.length > ProductLimits.codeMaxLength || !LISTING_CODE_PATTERN.test(group)) return `"${group}" is not a group code`;
    if (!Array.isArray(options)) return `selections.${group} must be a list of option codes`;
    if (options.length > ProductLimits.selectionsPerGroupMax) {
      return `selections.${group} may hold at most ${ProductLimits.selectionsPerGroupMax} options`;
    }
    for (const option of options) {
      if (typeof option !== 'string' || option.length > ProductLimits.codeMaxLength || !LISTING_CODE_PATTERN.test(option)) {
        return `selections.${group} must hold option codes only`;
      }
    }
  }
  return undefined;
}

/** class-validator rule for a selections object; the message says what is wrong. */
export function IsSelections(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isSelections',
      validator: {
        validate: (value) => selectionsProblem(value) === undefined,
        defaultMessage: (args) => selectionsProblem(args?.value) ?? 'selections is not valid',
      },
    },
    options,
  );
}
