export const MAC_ARCHES: readonly string[];
export function selectedArches(argv: readonly string[]): string[];
export function releaseArtifacts(outDir: string, build: { productName: string; version: string; arches: readonly string[] }): string[];
export function notarytoolCredentials(env: Record<string, string | undefined>): string[] | null;
export function developmentBuild(env: Record<string, string | undefined>): {
  signing: "identity" | "ad-hoc";
  env: Record<string, string | undefined>;
  builderArgs: string[];
};
