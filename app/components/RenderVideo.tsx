/**
 * The rendered A/B video (16:9 MP4) with its thumbnail as poster, when the render made one. Nothing of it is fetched
 * until it is played: the share page already downloads every stem.
 */
export function RenderVideo({
  artifacts,
  title,
}: {
  artifacts: { kind: string; downloadPath: string }[];
  title: string;
}) {
  const video = artifacts.find((a) => a.kind === "video");
  if (!video) return null;
  const poster = artifacts.find((a) => a.kind === "thumbnail")?.downloadPath;
  return (
    <figure className="render-video">
      {/* The program's audio is the video's own soundtrack; captions would repeat the on-screen chain names. */}
      {/* biome-ignore lint/a11y/useMediaCaption: the soundtrack is guitar tone, there is no speech to caption */}
      <video controls preload="none" poster={poster} src={video.downloadPath} data-testid="render-video">
        <a href={video.downloadPath}>Download the video</a>
      </video>
      <figcaption className="visually-hidden">{title}: the A/B video</figcaption>
    </figure>
  );
}
