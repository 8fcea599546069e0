/*
 * packages/backend/src/index.ts of a new Backstage app, with Pod IP Capacity
 * installed as its README says.
 */
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();
backend.add(import('@backstage/plugin-kubernetes-backend'));
backend.add(import('@pod-ip-capacity/plugin-pod-ip-capacity-backend'));
backend.start();
