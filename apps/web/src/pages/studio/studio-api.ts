import type { CreateProductRequest, DesignChanges, ProductView } from '@mogul/contracts';
import { api } from '../../api/client';

/** The design calls the studio makes: each answers the design as it now stands. */
export const designsApi = {
  create: (design: CreateProductRequest) => api.post<ProductView>('/products', design),
  update: (id: string, changes: DesignChanges) => api.patch<ProductView>(`/products/${id}`, changes),
  remix: (parentId: string, changes: DesignChanges) => api.post<ProductView>(`/products/${parentId}/remix`, changes),
  publish: (id: string) => api.post<ProductView>(`/products/${id}/publish`),
  withdraw: (id: string) => api.post<ProductView>(`/products/${id}/withdraw`),
};
