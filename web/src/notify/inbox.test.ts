import { describe, expect, it } from "vitest";
import {
  belongsTo,
  changeValue,
  details,
  markAllRead,
  parseTab,
  patchPages,
  snoozeOptions,
  tabQuery,
  timeAgo,
  workItemHref,
  type Notification,
  type NotificationPage,
} from "./inbox";

const now = new Date("2026-12-05T12:00:00Z");

function make(over: Partial<Notification> = {}): Notification {
  return {
    id: "n1",
    created_at: "2026-12-05T11:00:00Z",
    updated_at: "2026-12-05T11:00:00Z",
    data: {} as Notification["data"],
    entity_name: "issue",
    entity_identifier: "wi-1",
    event_id: "e1",
    identifier: "WEB-1",
    kind: "comment",
    message: "Ann commented on WEB-1",
    project: "p1",
    receiver: "u1",
    title: "Landing page",
    workspace: "w1",
    ...over,
  } as Notification;
}

function pages(...items: Notification[]) {
  const page = { results: items, next_page_results: false, next_cursor: "" } as unknown as NotificationPage;
  return { pages: [page], pageParams: [undefined] };
}

describe("tabs", () => {
  it("reads unknown tabs as all", () => {
    expect(parseTab("unread")).toBe("unread");
    expect(parseTab("bogus")).toBe("all");
    expect(parseTab(null)).toBe("all");
  });

  it("asks the server for each tab's filter", () => {
    expect(tabQuery("unread")).toEqual({ read: false });
    expect(tabQuery("archived")).toEqual({ archived: true });
    expect(tabQuery("snoozed")).toEqual({ snoozed: true });
    expect(tabQuery("mentions")).toEqual({});
  });

  it("keeps archived and snoozed ones out of the other tabs", () => {
    const archived = make({ archived_at: now.toISOString() });
    const snoozed = make({ snoozed_till: "2026-12-06T00:00:00Z" });
    const woke = make({ snoozed_till: "2026-12-01T00:00:00Z" });
    expect(belongsTo(archived, "all", now)).toBe(false);
    expect(belongsTo(archived, "archived", now)).toBe(true);
    expect(belongsTo(snoozed, "all", now)).toBe(false);
    expect(belongsTo(snoozed, "snoozed", now)).toBe(true);
    expect(belongsTo(woke, "all", now)).toBe(true);
    expect(belongsTo(make({ kind: "mention" }), "mentions", now)).toBe(true);
    expect(belongsTo(make(), "mentions", now)).toBe(false);
    expect(belongsTo(make({ read_at: now.toISOString() }), "unread", now)).toBe(false);
  });
});

describe("details", () => {
  it("reads actor, work item, changes and the comment's text", () => {
    const n = make({
      data: {
        actor: { id: "a", display_name: "Ann" },
        work_item: { id: "wi-1", name: "Landing", identifier: "WEB-1" },
        changes: { priority: { old: "low", new: "high" } },
        comment: { id: "c", comment_html: "<p>Hello <b>there</b></p>\n<p>friend</p>" },
      } as unknown as Notification["data"],
    });
    const d = details(n);
    expect(d.actor?.display_name).toBe("Ann");
    expect(d.workItem?.identifier).toBe("WEB-1");
    expect(d.changes).toEqual([{ field: "priority", old: "low", new: "high" }]);
    expect(d.comment).toBe("Hello there friend");
  });

  it("reads mentions in a comment as @name", () => {
    const n = make({
      data: {
        comment: { comment_html: '<p>Hey <mention-component entity_identifier="u9"></mention-component>, look</p>' },
      } as unknown as Notification["data"],
    });
    expect(details(n, (id) => (id === "u9" ? "Ada" : undefined)).comment).toBe("Hey @Ada, look");
    expect(details(n).comment).toBe("Hey @someone, look");
  });

  it("survives missing data", () => {
    expect(details(make())).toEqual({ actor: undefined, workItem: undefined, changes: [], comment: undefined });
  });

  it("hides ids among changed values", () => {
    expect(changeValue("0192a3b4-0000-7000-8000-000000000000")).toBeUndefined();
    expect(changeValue(null)).toBe("none");
    expect(changeValue("high")).toBe("high");
  });
});

describe("links and times", () => {
  it("opens the work item's peek, or browses by identifier", () => {
    expect(workItemHref("acme", make())).toBe("/acme/projects/p1/issues?peek=wi-1");
    expect(workItemHref("acme", make({ project: null }))).toBe("/acme/browse/WEB-1");
  });

  it("says how long ago", () => {
    expect(timeAgo("2026-12-05T11:59:30Z", now)).toBe("just now");
    expect(timeAgo("2026-12-05T11:55:00Z", now)).toBe("5m ago");
    expect(timeAgo("2026-12-05T09:00:00Z", now)).toBe("3h ago");
    expect(timeAgo("2026-12-03T12:00:00Z", now)).toBe("2d ago");
  });

  it("offers snoozes in the future, next week on a Monday", () => {
    const options = snoozeOptions(new Date(2026, 11, 5, 12)); // a Saturday
    for (const option of options) expect(option.until.getTime()).toBeGreaterThan(new Date(2026, 11, 5, 12).getTime());
    expect(options[2]?.until.getDay()).toBe(1);
    expect(options[2]?.until.getDate()).toBe(7);
  });
});

describe("cache patching", () => {
  it("changes the one notification and drops it when it leaves the tab", () => {
    const data = pages(make({ id: "a" }), make({ id: "b" }));
    const read = patchPages(data, "unread", "a", (n) => ({ ...n, read_at: now.toISOString() }), now);
    expect(read?.pages[0]?.results.map((n) => n.id)).toEqual(["b"]);
    const kept = patchPages(data, "all", "a", (n) => ({ ...n, read_at: now.toISOString() }), now);
    expect(kept?.pages[0]?.results[0]?.read_at).toBe(now.toISOString());
    expect(data.pages[0]?.results[0]?.read_at).toBeUndefined();
  });

  it("marks everything read, keeping earlier read times", () => {
    const data = pages(make({ id: "a", read_at: "2026-12-01T00:00:00Z" }), make({ id: "b" }));
    const all = markAllRead(data, "all", now.toISOString());
    expect(all?.pages[0]?.results.map((n) => n.read_at)).toEqual(["2026-12-01T00:00:00Z", now.toISOString()]);
    expect(markAllRead(data, "unread", now.toISOString())?.pages[0]?.results).toEqual([]);
  });
});
