export declare const EXTERNAL: readonly string[];
export declare function bundle(entry: string, outfile: string): Promise<string>;
export declare function buildBot(outfile?: string): Promise<string>;
