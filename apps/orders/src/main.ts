import 'reflect-metadata';
import { runService } from '@mogul/observability';
import { createOrdersApp } from './bootstrap';
import { OrdersConfig } from './config';

runService('orders', OrdersConfig, createOrdersApp);
