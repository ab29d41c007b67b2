// One WebSocket per tab to /api/v1/ws (docs/realtime.md). Components subscribe to topics
// (`project:{id}`, `work_item:{id}`, `user:{id}`); the socket reconnects with back-off and
// resumes each topic from the last event it saw (`since`), or asks for a reload (`resync`).

export interface GliderEvent {
  id: string;
  seq: number;
  kind: string;
  workspace_id: string;
  project_id?: string | null;
  subject_id: string;
  actor_id?: string | null;
  payload: Record<string, unknown>;
  at: string;
}

export type TopicMessage =
  | { type: "event"; event: GliderEvent }
  | { type: "resync" }
  | { type: "presence"; user: { id: string; display_name: string }; state: unknown };

type Listener = (message: TopicMessage) => void;

interface Topic {
  listeners: Set<Listener>;
  lastEventId?: string;
  seen: Set<string>;
}

const MAX_SEEN = 500;

export class RealtimeHub {
  private socket?: WebSocket;
  private topics = new Map<string, Topic>();
  private retry = 0;
  private timer?: ReturnType<typeof setTimeout>;
  private closed = false;
  private statusListeners = new Set<(online: boolean) => void>();
  online = false;

  constructor(private readonly url: string) {}

  subscribe(topic: string, listener: Listener): () => void {
    let entry = this.topics.get(topic);
    if (!entry) {
      entry = { listeners: new Set(), seen: new Set() };
      this.topics.set(topic, entry);
      this.send({ type: "subscribe", topic });
    }
    entry.listeners.add(listener);
    this.ensureOpen();
    return () => {
      const current = this.topics.get(topic);
      if (!current) return;
      current.listeners.delete(listener);
      if (current.listeners.size === 0) {
        this.topics.delete(topic);
        this.send({ type: "unsubscribe", topic });
      }
    };
  }

  presence(topic: string, state: unknown): void {
    this.send({ type: "presence", topic, state });
  }

  onStatus(listener: (online: boolean) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.socket?.close(1000);
    this.socket = undefined;
  }

  private ensureOpen(): void {
    if (this.socket || this.closed) return;
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.onopen = () => {
      this.retry = 0;
      this.setOnline(true);
      for (const [topic, entry] of this.topics) {
        this.send({ type: "subscribe", topic, ...(entry.lastEventId ? { since: entry.lastEventId } : {}) });
      }
    };
    socket.onmessage = (message) => this.receive(String(message.data));
    socket.onclose = () => {
      this.socket = undefined;
      this.setOnline(false);
      if (this.closed || this.topics.size === 0) return;
      const delay = Math.min(30_000, 500 * 2 ** this.retry) * (0.5 + Math.random() / 2);
      this.retry += 1;
      this.timer = setTimeout(() => this.ensureOpen(), delay);
    };
  }

  private setOnline(online: boolean): void {
    this.online = online;
    for (const listener of this.statusListeners) listener(online);
  }

  private send(frame: Record<string, unknown>): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(frame));
  }

  /** Exposed for tests: routes one server frame to the topic's listeners. */
  receive(raw: string): void {
    let frame: { type?: string; topic?: string; event?: GliderEvent; user?: never; state?: unknown };
    try {
      frame = JSON.parse(raw);
    } catch {
      return;
    }
    const entry = frame.topic ? this.topics.get(frame.topic) : undefined;
    if (!entry) return;
    if (frame.type === "event" && frame.event) {
      // An event can arrive twice: replayed after a reconnect, or through two topics.
      if (entry.seen.has(frame.event.id)) return;
      entry.seen.add(frame.event.id);
      if (entry.seen.size > MAX_SEEN) {
        const oldest = entry.seen.values().next().value;
        if (oldest) entry.seen.delete(oldest);
      }
      entry.lastEventId = frame.event.id;
      this.emit(entry, { type: "event", event: frame.event });
    } else if (frame.type === "resync") {
      entry.lastEventId = undefined;
      this.emit(entry, { type: "resync" });
    } else if (frame.type === "presence" && frame.user) {
      this.emit(entry, { type: "presence", user: frame.user, state: frame.state });
    }
  }

  private emit(entry: Topic, message: TopicMessage): void {
    for (const listener of [...entry.listeners]) listener(message);
  }
}

let hub: RealtimeHub | undefined;

/** The tab's hub (created on first use; closed on sign-out). */
export function realtime(): RealtimeHub {
  if (!hub) {
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    hub = new RealtimeHub(`${scheme}://${location.host}/api/v1/ws`);
  }
  return hub;
}

export function closeRealtime(): void {
  hub?.close();
  hub = undefined;
}
