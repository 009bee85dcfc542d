export function releaseEnvironmentBlockers(env: Record<string, string | undefined>): string[];
export function artifactChecks(path: string): Array<[command: string, args: string[], proves: string]>;
export function artifactBlockers(paths: string[], run?: (command: string, args: string[]) => boolean): string[];
export function isReleaseBuild(argv: string[], env: Record<string, string | undefined>): boolean;
