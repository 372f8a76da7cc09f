import type { components } from '@inquirly/api-types';

/** The component schemas of the spec, by name: `Schemas['TeamCreate']`. */
export type Schemas = components['schemas'];
