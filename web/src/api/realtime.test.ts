import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { RealtimeHub, type TopicMessage } from "./realtime";

class FakeSocket {
  static OPEN = 1;
  static instances: FakeSocket[] = [];
  readyState = 0;
  sent: Record<string, unknown>[] = [];
  onopen?: () => void;
  onmessage?: (message: { data: string }) => void;
  onclose?: () => void;
  constructor(readonly url: string) {
    FakeSocket.instances.push(this);
  }
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.readyState = 3;
    this.onclose?.();
  }
  open() {
    this.readyState = FakeSocket.OPEN;
    this.onopen?.();
  }
}

const event = (id: string, seq: number) =>
  JSON.stringify({
    type: "event",
    topic: "project:p1",
    event: { id, seq, kind: "tracker.work_item.updated", workspace_id: "w", subject_id: "s", payload: {}, at: "" },
  });

describe("RealtimeHub", () => {
  beforeEach(() => {
    FakeSocket.instances = [];
    vi.stubGlobal("WebSocket", FakeSocket);
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it("subscribes on open and delivers each event once", () => {
    const hub = new RealtimeHub("ws://x/api/v1/ws");
    const got: TopicMessage[] = [];
    hub.subscribe("project:p1", (m) => got.push(m));
    const socket = FakeSocket.instances[0]!;
    socket.open();
    expect(socket.sent).toEqual([{ type: "subscribe", topic: "project:p1" }]);
    hub.receive(event("e1", 1));
    hub.receive(event("e1", 1));
    hub.receive(event("e2", 2));
    expect(got.map((m) => (m.type === "event" ? m.event.id : m.type))).toEqual(["e1", "e2"]);
  });

  it("resumes from the last event after a reconnect, and forgets it on resync", () => {
    const hub = new RealtimeHub("ws://x/api/v1/ws");
    const got: string[] = [];
    hub.subscribe("project:p1", (m) => got.push(m.type));
    FakeSocket.instances[0]!.open();
    hub.receive(event("e7", 7));
    FakeSocket.instances[0]!.close();
    vi.advanceTimersByTime(60_000);
    const second = FakeSocket.instances[1]!;
    second.open();
    expect(second.sent).toEqual([{ type: "subscribe", topic: "project:p1", since: "e7" }]);
    hub.receive(JSON.stringify({ type: "resync", topic: "project:p1" }));
    expect(got).toEqual(["event", "resync"]);
    second.close();
    vi.advanceTimersByTime(60_000);
    FakeSocket.instances[2]!.open();
    expect(FakeSocket.instances[2]!.sent).toEqual([{ type: "subscribe", topic: "project:p1" }]);
  });

  it("unsubscribes when the last listener leaves and ignores other topics", () => {
    const hub = new RealtimeHub("ws://x/api/v1/ws");
    const listener = vi.fn();
    const stop = hub.subscribe("project:p1", listener);
    const socket = FakeSocket.instances[0]!;
    socket.open();
    hub.receive(JSON.stringify({ type: "event", topic: "project:other", event: { id: "x" } }));
    expect(listener).not.toHaveBeenCalled();
    stop();
    expect(socket.sent.at(-1)).toEqual({ type: "unsubscribe", topic: "project:p1" });
    hub.receive(event("e1", 1));
    expect(listener).not.toHaveBeenCalled();
  });
});
