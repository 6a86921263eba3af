/** @module `overlayWindows`: when the title card, each chain's intro card and the end card show, in frames. */
import type { Cue } from "@gts/api/contract";
import {
  END_MAX_SHARE,
  END_SECONDS,
  INTRO_MAX_SHARE_OF_CUE,
  INTRO_SECONDS,
  TITLE_MAX_SHARE,
  TITLE_SECONDS,
} from "../Shootout/constants.ts";

export interface FrameWindow {
  from: number;
  durationInFrames: number;
}

export interface OverlayWindows {
  title: FrameWindow;
  /** One per chain, at its first cue after the title card (the title covers chain 0's first cue start). */
  intros: (FrameWindow & { chainIndex: number })[];
  end: FrameWindow;
}

/**
 * The cards overlay the program instead of adding time to it, so the video and the program audio keep one clock (the
 * video's duration is the program's). Each card is capped at a share of the program or cue, so a short program still
 * shows its A/B view.
 */
export function overlayWindows(cues: readonly Cue[], durationSeconds: number, fps: number): OverlayWindows {
  const toFrames = (seconds: number) => Math.max(1, Math.round(seconds * fps));
  const titleSeconds = Math.min(TITLE_SECONDS, durationSeconds * TITLE_MAX_SHARE);
  const endSeconds = Math.min(END_SECONDS, durationSeconds * END_MAX_SHARE);
  const endFrom = Math.round((durationSeconds - endSeconds) * fps);
  const intros: OverlayWindows["intros"] = [];
  const introduced = new Set<number>();
  for (const cue of cues) {
    if (introduced.has(cue.chainIndex)) continue;
    introduced.add(cue.chainIndex);
    // Chain 0 usually starts under the title card: its intro follows the title instead.
    const fromSeconds = Math.max(cue.startSeconds, titleSeconds);
    const seconds = Math.min(INTRO_SECONDS, (cue.endSeconds - cue.startSeconds) * INTRO_MAX_SHARE_OF_CUE);
    const from = Math.round(fromSeconds * fps);
    const frames = Math.min(toFrames(seconds), endFrom - from);
    if (frames > 0) intros.push({ chainIndex: cue.chainIndex, from, durationInFrames: frames });
  }
  return {
    title: { from: 0, durationInFrames: toFrames(titleSeconds) },
    intros,
    end: { from: endFrom, durationInFrames: Math.max(1, Math.ceil(durationSeconds * fps) - endFrom) },
  };
}
