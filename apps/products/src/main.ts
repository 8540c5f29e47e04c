import 'reflect-metadata';
import { runService } from '@mogul/observability';
import { createProductsApp } from './bootstrap';
import { ProductsConfig } from './config';

runService('products', ProductsConfig, createProductsApp);
