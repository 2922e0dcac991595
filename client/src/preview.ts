/**
 * Citations in VS Code's Markdown preview: the extension contributes a markdown-it plugin
 * (`markdown.markdownItPlugins`, `extendMarkdownIt`) that renders citations as links with a tooltip, from
 * what the language server answers to `pinpoint/previewCitations` (kept in previewCache.ts), and refreshes
 * the preview when new answers arrive.
 */
import * as vscode from 'vscode';
import type { MarkdownIt } from 'markdown-it';
import type { LanguageClient } from 'vscode-languageclient/node';
import { PreviewCitationCache } from './previewCache';
import { PreviewAnswer, pinpointPreviewPlugin } from './previewPlugin';

/** The `extendMarkdownIt` the extension returns from `activate`. */
export function createPreviewExtension(client: () => LanguageClient | undefined): (md: MarkdownIt) => MarkdownIt {
  const cache = new PreviewCitationCache(
    async (documentUri, texts) => {
      const current = client();
      if (!current || !current.isRunning()) {
        return undefined;
      }
      const result = await current.sendRequest<{ citations: PreviewAnswer[] } | null>('pinpoint/previewCitations', { uri: documentUri, citations: texts });
      return result?.citations;
    },
    () => void vscode.commands.executeCommand('markdown.preview.refresh'),
  );
  return (md) => md.use(pinpointPreviewPlugin, cache);
}
