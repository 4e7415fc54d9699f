/**
 * Type declarations for the two untyped HTML conversion dependencies. domino ships
 * types under the name `domino` only, and turndown-plugin-gfm ships none.
 */
declare module '@mixmark-io/domino' {
  const domino: {
    /** Parses `html` into a document; `force` parses even an empty string. */
    createDocument(html?: string, force?: boolean): unknown;
  };
  export default domino;
}

declare module 'turndown-plugin-gfm' {
  import type TurndownService from 'turndown';

  const turndownPluginGfm: {
    gfm: TurndownService.Plugin;
    highlightedCodeBlock: TurndownService.Plugin;
    strikethrough: TurndownService.Plugin;
    tables: TurndownService.Plugin;
    taskListItems: TurndownService.Plugin;
  };
  export default turndownPluginGfm;
}
