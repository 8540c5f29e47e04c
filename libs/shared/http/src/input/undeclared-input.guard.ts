import { CanActivate, ExecutionContext, Injectable, Type } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { FieldProblem } from '../problem-details';
import { RequestValidationError } from '../service/domain-error';

/** Which body fields and query parameters a handler reads: `all` when it takes them as one validated object. */
interface DeclaredInput {
  body: 'all' | Set<string>;
  query: 'all' | Set<string>;
}

type RouteArgs = Record<string, { index: number; data?: unknown }>;

function declaredInputOf(controller: Type<unknown>, handler: string): DeclaredInput {
  const args: RouteArgs = Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, handler) ?? {};
  const declared: DeclaredInput = { body: new Set(), query: new Set() };
  for (const [key, { data }] of Object.entries(args)) {
    const paramType = Number(key.split(':')[0]);
    const part = paramType === RouteParamtypes.BODY ? 'body' : paramType === RouteParamtypes.QUERY ? 'query' : undefined;
    if (!part) continue;
    const seen = declared[part];
    if (typeof data !== 'string') declared[part] = 'all';
    else if (seen !== 'all') seen.add(data);
  }
  return declared;
}

function undeclaredBodyFields(body: unknown, allowed: Set<string>): FieldProblem[] {
  if (body === undefined || body === null) return [];
  if (typeof body !== 'object' || Array.isArray(body)) {
    return allowed.size === 0 ? [{ field: 'body', message: 'this request takes no body' }] : [];
  }
  return Object.keys(body)
    .filter((field) => !allowed.has(field))
    .map((field) => ({ field, message: `${field} is not a known field` }));
}

function undeclaredQueryParameters(query: unknown, allowed: Set<string>): FieldProblem[] {
  if (typeof query !== 'object' || query === null) return [];
  return Object.keys(query)
    .filter((name) => !allowed.has(name))
    .map((name) => ({ field: name, message: `${name} is not a known query parameter` }));
}

/**
 * Refuses body fields and query parameters that the handler does not read, as the validation pipe
 * refuses unknown fields of a declared body: `POST /products/:id/vote {"votes":1000}` is a 400
 * naming `votes`, not a vote that quietly ignored what the caller meant. Handlers that take a
 * whole body or query as a class are left to the validation pipe.
 *
 * A guard rather than an interceptor: it only looks and refuses, and Nest wraps every interceptor
 * in an async resource and an observable on every request. Register it after the guards that
 * authenticate, so that an unauthenticated request is a 401 whatever its input.
 */
@Injectable()
export class UndeclaredInputGuard implements CanActivate {
  private readonly declared = new WeakMap<object, DeclaredInput>();

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const handler = context.getHandler();
    let declared = this.declared.get(handler);
    if (!declared) {
      declared = declaredInputOf(context.getClass(), handler.name);
      this.declared.set(handler, declared);
    }
    const request = context.switchToHttp().getRequest<{ body?: unknown; query?: unknown }>();
    const problems = [
      ...(declared.body === 'all' ? [] : undeclaredBodyFields(request.body, declared.body)),
      ...(declared.query === 'all' ? [] : undeclaredQueryParameters(request.query, declared.query)),
    ];
    if (problems.length > 0) throw new RequestValidationError(problems);
    return true;
  }
}
