import type { BuildOptions } from "esbuild";

export function mainBundleOptions(root: string, outfile?: string): BuildOptions;
export function preloadBundleOptions(root: string, outfile?: string): BuildOptions;
