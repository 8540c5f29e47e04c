import { Param, PipeTransform } from '@nestjs/common';
import { MONTH_RULE, PAYOUT_RUN_ID_PATTERN, PayoutLimits, STATEMENT_MONTH_PATTERN } from '@mogul/contracts';
import { RequestValidationError } from '@mogul/http';
import { RUN_ID_RULE } from './dto/payout-queries.dto';

/** A path parameter checked by `valid`; anything else is a 400 naming the parameter with `rule`. */
function checkedParam(name: string, valid: (value: string) => boolean, rule: string): ParameterDecorator {
  const pipe: PipeTransform<string, string> = {
    transform(value) {
      if (!valid(value)) throw new RequestValidationError([{ field: name, message: `${name} must be ${rule}` }]);
      return value;
    },
  };
  return Param(name, pipe);
}

/** A calendar month `yyyy-mm` (UTC); `2026-13` is a 400 naming the parameter. */
export const MonthParam = (name: string) => checkedParam(name, (value) => STATEMENT_MONTH_PATTERN.test(value), MONTH_RULE);

/** A payout run id as an operator names it. */
export const RunIdParam = (name: string) =>
  checkedParam(name, (value) => value.length <= PayoutLimits.runIdMaxLength && PAYOUT_RUN_ID_PATTERN.test(value), RUN_ID_RULE);
