import pkg from '../../package.json' with { type: 'json' };

/** cdrisk's version: package.json is the one place it is written. */
export const VERSION: string = pkg.version;

/** The package's `homepage`, when package.json sets one (it does not yet). */
export const HOMEPAGE: string | undefined = (pkg as { homepage?: string }).homepage;
