import type { D1Binding } from './durable-types';

/**
 * Every D1 binding this wing uses goes through `d1Of`, the Worker's and each Durable
 * Object's alike. Production passes it through untouched; the Workers test suite sets
 * `d1Tap.wrap` to a counting proxy, which is how it proves what a delegate view costs in D1
 * statements (the objects get their bindings from workerd, not from the test).
 */
export const d1Tap: { wrap: (binding: D1Binding) => D1Binding } = { wrap: (binding) => binding };

export const d1Of = (binding: unknown): D1Binding => d1Tap.wrap(binding as D1Binding);
