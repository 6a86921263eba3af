/** @module The library's default asset name for an uploaded file (no DOM: the e2e tests use it too). */

/** Without its extension, underscores and dashes as spaces. */
export function nameFromFileName(fileName: string): string {
  return (
    fileName
      .replace(/\.[^.]+$/, "")
      .replace(/[_-]+/g, " ")
      .trim()
      .slice(0, 120) || fileName.slice(0, 120)
  );
}
