import { describe, expect, it } from "vitest";
import { visibleTabs, type Features } from "./features";

const all: Features = {
  cycles: true,
  modules: true,
  intakes: true,
  views: true,
  pages: true,
  time_tracking: true,
  epics: false,
  work_item_types: false,
};

describe("visibleTabs", () => {
  it("shows every tab while the features are loading", () => {
    expect(visibleTabs(undefined).map((t) => t.label)).toEqual([
      "Work items",
      "Cycles",
      "Modules",
      "Intake",
      "Views",
      "Settings",
    ]);
  });
  it("hides the tabs of features turned off", () => {
    const tabs = visibleTabs({ ...all, cycles: false, intakes: false }).map((t) => t.path);
    expect(tabs).toEqual(["issues", "modules", "views", "settings"]);
  });
});
