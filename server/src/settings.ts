/**
 * Pinpoint's settings (spec.md §4): defaults, and the key-by-key merge of `initializationOptions` and
 * `workspace/configuration`.
 */

/** The `pinpoint` settings section. */
export interface PinpointSettings {
  readonly corpus: {
    /** Corpus folders; relative paths are taken from each workspace folder. */
    readonly paths: readonly string[];
    /** Also load the corpus shipped with the extension. */
    readonly includeBuiltIn: boolean;
    /** Also load the starter library of multilateral treaties shipped with the extension. */
    readonly includeLibrary: boolean;
  };
  /** Preferred languages of hover and completion, in order, e.g. `["en", "zh"]`. */
  readonly languages: readonly string[];
}

export const defaultSettings: PinpointSettings = Object.freeze({
  corpus: Object.freeze({ paths: Object.freeze(['corpus']), includeBuiltIn: true, includeLibrary: true }),
  languages: Object.freeze([]),
});

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Merges settings objects key by key, later ones winning; values of the wrong type are ignored (and named
 * in `problems`), so a typo in settings never breaks the server.
 */
export function mergeSettings(layers: readonly unknown[], problems: string[] = []): PinpointSettings {
  let paths: readonly string[] = defaultSettings.corpus.paths;
  let includeBuiltIn = defaultSettings.corpus.includeBuiltIn;
  let includeLibrary = defaultSettings.corpus.includeLibrary;
  let languages: readonly string[] = defaultSettings.languages;
  for (const layer of layers) {
    if (layer === undefined || layer === null) {
      continue;
    }
    if (!isRecord(layer)) {
      problems.push('settings: expected an object for the pinpoint section');
      continue;
    }
    const layerLanguages = layer['languages'];
    if (layerLanguages !== undefined && layerLanguages !== null) {
      if (Array.isArray(layerLanguages) && layerLanguages.every((entry) => typeof entry === 'string')) {
        languages = layerLanguages as string[];
      } else if (typeof layerLanguages === 'string') {
        languages = [layerLanguages];
      } else {
        problems.push('settings: pinpoint.languages must be a list of language codes such as ["en", "zh"]');
      }
    }
    const corpus = layer['corpus'];
    if (corpus === undefined || corpus === null) {
      continue;
    }
    if (!isRecord(corpus)) {
      problems.push('settings: pinpoint.corpus must be an object');
      continue;
    }
    const layerPaths = corpus['paths'];
    if (layerPaths !== undefined && layerPaths !== null) {
      if (Array.isArray(layerPaths) && layerPaths.every((entry) => typeof entry === 'string')) {
        paths = layerPaths as string[];
      } else if (typeof layerPaths === 'string') {
        paths = [layerPaths];
      } else {
        problems.push('settings: pinpoint.corpus.paths must be a list of folder paths');
      }
    }
    const layerBuiltIn = corpus['includeBuiltIn'];
    if (layerBuiltIn !== undefined && layerBuiltIn !== null) {
      if (typeof layerBuiltIn === 'boolean') {
        includeBuiltIn = layerBuiltIn;
      } else {
        problems.push('settings: pinpoint.corpus.includeBuiltIn must be true or false');
      }
    }
    const layerLibrary = corpus['includeLibrary'];
    if (layerLibrary !== undefined && layerLibrary !== null) {
      if (typeof layerLibrary === 'boolean') {
        includeLibrary = layerLibrary;
      } else {
        problems.push('settings: pinpoint.corpus.includeLibrary must be true or false');
      }
    }
  }
  return { corpus: { paths, includeBuiltIn, includeLibrary }, languages };
}
