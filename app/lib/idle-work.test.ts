import { describe, expect, it } from "vitest";
import { buildPyramidWhenIdle, type IdleDeadlineLike, runWhenIdle, type ScheduleIdle } from "./idle-work";
import { channelsSource } from "./pcm-audio";
import { PeakPyramidBuilder } from "./peak-pyramid";

/** An idle scheduler the test drives: each `tick` gives one idle period with `budget` steps of time. */
function fakeIdle(budget = 3) {
  const queue: ((deadline: IdleDeadlineLike) => void)[] = [];
  let periods = 0;
  const schedule: ScheduleIdle = (callback) => {
    queue.push(callback);
    return () => {
      const at = queue.indexOf(callback);
      if (at >= 0) queue.splice(at, 1);
    };
  };
  const tick = () => {
    const callback = queue.shift();
    if (!callback) return false;
    periods++;
    let left = budget;
    callback({ timeRemaining: () => (left-- > 1 ? 10 : 0) });
    return true;
  };
  return { schedule, tick, pending: () => queue.length, periods: () => periods };
}

describe("work in idle slices", () => {
  it("runs steps while the idle period lasts, then waits for the next one", async () => {
    const idle = fakeIdle(3);
    let steps = 0;
    const done = runWhenIdle(() => ++steps >= 7, { schedule: idle.schedule });
    expect(steps).toBe(0);
    idle.tick();
    expect(steps).toBe(3);
    idle.tick();
    expect(steps).toBe(6);
    idle.tick();
    await done;
    expect(steps).toBe(7);
    expect(idle.pending()).toBe(0);
  });

  it("runs one step even when the page leaves no idle time", async () => {
    const idle = fakeIdle(0);
    let steps = 0;
    const done = runWhenIdle(() => ++steps >= 2, { schedule: idle.schedule });
    idle.tick();
    expect(steps).toBe(1);
    idle.tick();
    await done;
  });

  it("stops when aborted, and passes a step's error on", async () => {
    const idle = fakeIdle(1);
    const controller = new AbortController();
    let steps = 0;
    const done = runWhenIdle(() => ++steps > 100, { schedule: idle.schedule, signal: controller.signal });
    idle.tick();
    controller.abort();
    await expect(done).rejects.toThrow(/abort/i);
    expect(idle.pending()).toBe(0);
    const failing = runWhenIdle(
      () => {
        throw new Error("bad sample");
      },
      { schedule: idle.schedule },
    );
    idle.tick();
    await expect(failing).rejects.toThrow("bad sample");
  });

  it("builds a DI's peak pyramid slice by slice, the same as all at once, reporting progress", async () => {
    const frames = 10_000;
    const left = Float32Array.from({ length: frames }, (_, i) => Math.sin(i / 50));
    const right = Float32Array.from({ length: frames }, (_, i) => Math.cos(i / 70) * 0.5);
    const source = channelsSource([left, right], 48_000);
    const idle = fakeIdle(2);
    const progress: number[] = [];
    const built = buildPyramidWhenIdle(source, "right", {
      schedule: idle.schedule,
      framesPerStep: 1000,
      onProgress: (pyramid) => progress.push(pyramid.framesDone),
    });
    while (idle.tick()) {
      // Between slices the page would draw level 0 so far.
    }
    const pyramid = await built;
    expect(idle.periods()).toBe(5);
    expect(progress).toEqual([1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10000]);
    const direct = new PeakPyramidBuilder(frames);
    direct.push(right);
    const expected = direct.finish();
    expect(pyramid.finished).toBe(true);
    expect(pyramid.levels.map((l) => [...l.max])).toEqual(expected.levels.map((l) => [...l.max]));
  });
});
