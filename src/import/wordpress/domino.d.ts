/*
 * The one function of @mixmark-io/domino (the DOM that turndown itself parses with) that
 * Dossier calls. The package's own typings declare the module under its old name.
 */
declare module '@mixmark-io/domino' {
  /** Parses an HTML document as a browser would. */
  export function createDocument(html?: string, force?: boolean): Document;
}
