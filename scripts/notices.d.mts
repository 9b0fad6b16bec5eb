// Types of notices.mjs for the TypeScript tests that import it.
export interface BundledPackage {
  name: string;
  version: string;
  license: string;
  author?: string;
  repository?: string;
  licenseFile?: string;
  licenseText?: string;
  bundles: string[];
}
export const NOTICES_FILE: string;
export function packageDirOf(input: string): string | undefined;
export function bundledPackages(root: string): Promise<BundledPackage[]>;
export function renderNotices(packages: BundledPackage[]): string;
