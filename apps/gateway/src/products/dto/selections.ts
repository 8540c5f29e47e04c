import { ValidateBy } from 'class-validator';
import { LISTING_CODE_PATTERN, ProductLimits } from '@mogul/contracts';

/** OpenAPI schema of a selections object, with the bounds `IsSelections` checks. */
export const SELECTIONS_SCHEMA = {
  type: 'object',
  maxProperties: ProductLimits.optionGroupsMax,
  additionalProperties: {
    type: 'array',
    maxItems: ProductLimits.selectionsPerGroupMax,
    items: { type: 'string', maxLength: ProductLimits.codeMaxLength, pattern: LISTING_CODE_PATTERN.source },
  },
  description: 'Option codes chosen in each option group of the listing, by group code.',
  example: { crust: ['deep-pan'], sauce: ['tomato'], toppings: ['ham', 'chilli'] },
} as const;

/**
 * Why a value is not `{ [groupCode]: optionCode[] }`, or undefined. Whether the groups and options
 * exist, and how many each group takes, is the products service's business (422).
 */
function selectionsProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'selections must be an object of option code lists, by group code';
  }
  const entries = Object.entries(value);
  if (entries.length > ProductLimits.optionGroupsMax) return `selections may name at most ${ProductLimits.optionGroupsMax} groups`;
  for (const [group, options] of entries) {
    if (group.length > ProductLimits.codeMaxLength || !LISTING_CODE_PATTERN.test(group)) return `"${group}" is not a group code`;
    if (!Array.isArray(options)) return `selections.${group} must be a list of option codes`;
    if (options.length > ProductLimits.selectionsPerGroupMax) {
      return `selections.${group} may hold at most ${ProductLimits.selectionsPerGroupMax} options`;
    }
    if (
      !options.every(
        (option) => typeof option === 'string' && option.length <= ProductLimits.codeMaxLength && LISTING_CODE_PATTERN.test(option),
      )
    ) {
      return `selections.${group} must hold option codes only`;
    }
  }
  return undefined;
}

export const IsSelections = (): PropertyDecorator =>
  ValidateBy({
    name: 'isSelections',
    validator: {
      validate: (value) => selectionsProblem(value) === undefined,
      defaultMessage: (args) => selectionsProblem(args?.value) ?? 'selections is not valid',
    },
  });
