import { PRODUCT_STATUSES, ProductStatus } from '@mogul/contracts';
import { ProductStateConflictError } from '../errors';
import { assertEditable, assertPublished, ProductLifecycle, ProductTransition } from './product-status';

describe('design status', () => {
  const allowed: Record<ProductTransition, Partial<Record<ProductStatus, ProductStatus>>> = {
    publish: { draft: 'published', withdrawn: 'published' },
    withdraw: { published: 'withdrawn' },
    reject: { published: 'rejected' },
  };

  it.each(Object.keys(ProductLifecycle.transitions) as ProductTransition[])('%s goes only where it may', (transition) => {
    for (const status of PRODUCT_STATUSES) {
      const to = allowed[transition][status];
      if (to) expect(ProductLifecycle.next(status, transition)).toBe(to);
      else expect(() => ProductLifecycle.next(status, transition)).toThrow(ProductStateConflictError);
    }
  });

  it('says the current status in a conflict', () => {
    expect(() => ProductLifecycle.next('rejected', 'publish')).toThrow('cannot publish a rejected design');
    const error = (() => {
      try {
        ProductLifecycle.next('draft', 'withdraw');
      } catch (e) {
        return e as ProductStateConflictError;
      }
    })();
    expect(error?.code).toBe('conflict');
    expect(error?.status).toBe('draft');
  });

  it('edits drafts only', () => {
    expect(() => assertEditable('draft')).not.toThrow();
    for (const status of ['published', 'withdrawn', 'rejected'] as const) {
      expect(() => assertEditable(status)).toThrow(`cannot edit a ${status} design`);
    }
  });

  it('votes for and remixes published designs only', () => {
    expect(() => assertPublished('published', 'remix')).not.toThrow();
    expect(() => assertPublished('draft', 'remix')).toThrow('cannot remix a draft design');
    expect(() => assertPublished('withdrawn', 'vote for')).toThrow('cannot vote for a withdrawn design');
  });
});
