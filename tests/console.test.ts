// The command line's progress bar and its time left.
import { describe, expect, it } from "vitest";
import { progressText, roughTime } from "../src/cli/console.js";

describe("progress", () => {
  it("draws the bar in twentieths and the time left from the pace so far", () => {
    // 5 of 20 in 10 s: 2 s each, 15 to go
    expect(progressText(5, 20, "restarts", 10)).toBe("[#####...............] 5/20 restarts, 30 s left");
    expect(progressText(0, 25, "restarts", 3)).toBe("[....................] 0/25 restarts");
    expect(progressText(25, 25, "restarts", 3)).toBe("[####################] 25/25 restarts");
    // 1 of 3 blocks in 100 s: 200 s to go
    expect(progressText(1, 3, "blocks", 100)).toBe("[#######.............] 1/3 blocks, 3 min left");
  });

  it("rounds the time left to what a person reads", () => {
    expect(roughTime(0.2)).toBe("1 s");
    expect(roughTime(89)).toBe("89 s");
    expect(roughTime(95)).toBe("2 min");
    expect(roughTime(7200)).toBe("2.0 h");
  });
});
