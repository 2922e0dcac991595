/**
 * Which settings the VS Code client forwards to the server as `initializationOptions`. Pure (no `vscode`
 * import), so it is tested in node (test/unit/knownSettings.test.ts).
 */

/** A setting as package.json declares it. */
export interface DeclaredSetting {
  readonly scope?: string;
}

/**
 * The settings the server is started with (its `initializationOptions`): the extension's own declared
 * settings, nested as the `pinpoint` section is (`{ corpus: { paths } }`), and nothing else of the section.
 * Machine settings (the index cache folder) are never among them: a workspace's `.vscode/settings.json` can
 * set the others, and must not choose where the server writes.
 */
export function knownSettings(declared: Record<string, DeclaredSetting>, read: (key: string) => unknown): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  for (const [name, declaration] of Object.entries(declared)) {
    if (!name.startsWith('pinpoint.') || declaration.scope === 'machine' || declaration.scope === 'application') {
      continue;
    }
    const value = read(name.slice('pinpoint.'.length));
    if (value === undefined) {
      continue;
    }
    const parts = name.slice('pinpoint.'.length).split('.');
    let target = settings;
    for (const part of parts.slice(0, -1)) {
      target = (target[part] ??= {}) as Record<string, unknown>;
    }
    target[parts[parts.length - 1]] = value;
  }
  return settings;
}
