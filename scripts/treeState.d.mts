// Types of treeState.mjs for the TypeScript test that imports it.
export function treeState(root: string): Map<string, string> | undefined;
export function leftovers(before: Map<string, string>, after: Map<string, string>): string[];
