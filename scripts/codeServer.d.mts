// Types of scripts/codeServer.mjs for the TypeScript tests that use it (test/e2e).
import type { ChildProcess } from 'node:child_process';

/** The code-server release installed; it bundles VS Code 1.100.3. */
export declare const codeServerVersion: string;

/** The work tree the scripts belong to. */
export declare const repoRoot: string;

/** The user settings every private profile starts with. */
export declare const quietUserSettings: Readonly<Record<string, unknown>>;

/** Paths of an installed code-server. */
export interface CodeServerInstall {
  /** The folder holding `node_modules/code-server`. */
  readonly root: string;
  /** code-server's command line entry point (run it with `node`). */
  readonly entry: string;
  /** The bundled VS Code server (`out/server-main.js`). */
  readonly vscodeServerMain: string;
  /** The bundled VS Code's version, e.g. 1.100.3. */
  readonly vscodeVersion: string;
}

/** A private VS Code profile. */
export interface Profile {
  /** The folder holding the rest. */
  readonly dir: string;
  /** The user data folder (settings in `User/settings.json`). */
  readonly userDir: string;
  /** The extensions folder. */
  readonly extensionsDir: string;
  /** code-server's config file, so it never writes one into the home folder. */
  readonly configFile: string;
}

/** A running editor server. */
export interface RunningServer {
  /** The server process. */
  readonly child: ChildProcess;
  /** Its port on 127.0.0.1. */
  readonly port: number;
  /** `http://127.0.0.1:PORT`. */
  readonly url: string;
}

/** How to start a server. */
export interface StartOptions {
  /** The port to listen on; a free one when absent. */
  readonly port?: number;
  /** Where the server's output goes when not to a file. */
  readonly stdio?: 'inherit' | 'pipe';
  /** Append the server's output to this file. */
  readonly logFile?: string;
}

/** The folder under which code-server is installed. */
export declare function editorCacheRoot(): string;
/** Installs code-server into the cache folder unless it is there already. */
export declare function ensureCodeServer(): Promise<CodeServerInstall>;
/** Makes sure Debian's Chromium and CJK fonts are installed; returns the browser's path. */
export declare function ensureChromium(): string;
/** Installs missing Debian packages when root, else says what is missing. */
export declare function ensureDebianPackages(names: string[]): void;
/** A free TCP port on 127.0.0.1. */
export declare function freePort(): Promise<number>;
/** Creates (or reuses) a private profile in `dir`. */
export declare function createProfile(dir: string, extraSettings?: Record<string, unknown>): Profile;
/** Installs a packaged extension into a profile, as a user would. */
export declare function installExtension(install: CodeServerInstall, profile: Profile, vsix: string): void;
/** Starts code-server on 127.0.0.1 with a private profile and waits until it answers. */
export declare function startCodeServer(install: CodeServerInstall, profile: Profile, options?: StartOptions): Promise<RunningServer>;
/** Starts the VS Code server bundled in code-server, which accepts extension test payloads. */
export declare function startVsCodeServer(
  install: CodeServerInstall,
  profile: Pick<Profile, 'userDir' | 'extensionsDir'>,
  options?: StartOptions,
): Promise<RunningServer>;
/** Polls `url` until it answers 200, the process exits, or the time is up. */
export declare function waitForHttp(url: string, child: ChildProcess, timeoutMs?: number): Promise<void>;
/** Ends a server we started and waits for it to go. */
export declare function stopServer(child: ChildProcess): Promise<void>;
