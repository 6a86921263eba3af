/**
 * @module Every R2 object key is built here, so the layout of the bucket is defined in one place.
 */

/** Content-addressed per owner: the same bytes uploaded twice by one user are one object. */
export function assetObjectKey(ownerId: string, sha256: string): string {
  return `assets/${ownerId}/${sha256}`;
}

/** Render outputs: keyed by render id and artifact name, so a retried upload overwrites the same object. */
export function renderArtifactKey(renderId: string, artifactName: string): string {
  return `renders/${renderId}/${artifactName}`;
}

/** The record of a multipart artifact upload: outside `renders/<id>/`, so a render's artifact listing never shows it. */
export function artifactUploadRecordKey(renderId: string, uploadId: string): string {
  return `render-uploads/${renderId}/${uploadId}`;
}
