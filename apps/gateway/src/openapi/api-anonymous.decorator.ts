import { ApiSecurity } from '@nestjs/swagger';

/**
 * Documents that an endpoint needs no token (an empty security requirement). Beside
 * `ApiBearerAuth`, the token is optional: a caller who sends one may see more.
 */
export const ApiAnonymous = () => ApiSecurity({});
