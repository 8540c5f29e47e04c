import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'mogul:public';

/** Opens a route (or every route of a controller) under /api/v1 to callers without a token. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
