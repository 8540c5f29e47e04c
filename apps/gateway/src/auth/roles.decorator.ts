import { SetMetadata } from '@nestjs/common';
import { Role } from '@mogul/contracts';

export const REQUIRED_ROLES = 'mogul:required-roles';

/** The caller needs at least one of these roles. Object-level checks stay with the service. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_ROLES, roles);
