// The generated declarations, for programs that import the package as an ES module.
export type * from './generated/schema.js';
