// The inbox: the caller's notifications in this workspace, by tab, kept live by the layout
// (it invalidates keys.notifications and keys.unread on every event of the user's topic).
import { useQuery } from "@tanstack/react-query";
import { useCallback } from "react";
import { useSearchParams } from "react-router";
import { api, call } from "../api/client";
import { keys } from "../api/keys";
import { useSlug } from "../app/WorkspaceLayout";
import { personName, useWorkspaceMembers } from "../tracker/data";
import { EmptyState, ErrorState, PageHeader, Spinner } from "../ui/common";
import { belongsTo, parseTab, TABS, type Tab } from "./inbox";
import { NotificationItem } from "./NotificationItem";
import { useMarkAllRead, useNotificationAction, useNotifications } from "./useInbox";
import "./inbox.css";

const EMPTY: Record<Tab, { title: string; text: string }> = {
  all: {
    title: "Your inbox is empty",
    text: "When someone assigns you a work item, mentions you, or changes something you follow, it shows up here.",
  },
  unread: { title: "All caught up", text: "You have read every notification. New ones appear here as they happen." },
  mentions: { title: "No mentions", text: "When someone writes @ and your name in a description or comment, it shows up here." },
  snoozed: { title: "Nothing snoozed", text: "Snooze a notification to hide it until later; it comes back on its own." },
  archived: { title: "Nothing archived", text: "Archive notifications you are done with to keep the inbox short." },
};

export default function InboxPage() {
  const slug = useSlug();
  const [params, setParams] = useSearchParams();
  const tab = parseTab(params.get("tab"));
  const list = useNotifications(slug, tab);
  const action = useNotificationAction(slug);
  const markAll = useMarkAllRead(slug);
  const unread = useQuery({
    queryKey: keys.unread(slug),
    queryFn: () =>
      call(api.GET("/api/v1/workspaces/{slug}/notifications/unread-count/", { params: { path: { slug } } })),
  });
  const members = useWorkspaceMembers(slug).data?.results;
  const nameOf = useCallback(
    (id: string) => {
      const member = members?.find((m) => m.id === id);
      return member ? personName(member) : undefined;
    },
    [members],
  );
  const unreadCount = unread.data?.total_unread_notifications_count ?? 0;
  const items = (list.data?.pages.flatMap((page) => page.results) ?? []).filter((n) => belongsTo(n, tab));

  function select(next: Tab) {
    setParams(next === "all" ? {} : { tab: next }, { replace: true });
  }

  return (
    <div className="inbox">
      <PageHeader title="Inbox">
        <button
          type="button"
          className="button"
          disabled={unreadCount === 0 || markAll.isPending}
          onClick={() => markAll.mutate()}
        >
          Mark all as read
        </button>
      </PageHeader>
      <div className="inbox-tabs" role="tablist" aria-label="Filter notifications">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`inbox-tab-${t.id}`}
            aria-selected={t.id === tab}
            aria-controls="inbox-panel"
            tabIndex={t.id === tab ? 0 : -1}
            className="inbox-tab"
            onClick={() => select(t.id)}
            onKeyDown={(event) => {
              const index = TABS.findIndex((x) => x.id === tab);
              const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
              if (!step) return;
              const next = TABS[(index + step + TABS.length) % TABS.length];
              if (!next) return;
              select(next.id);
              document.getElementById(`inbox-tab-${next.id}`)?.focus();
            }}
          >
            {t.label}
            {t.id === "unread" && unreadCount > 0 && <span className="inbox-count">{unreadCount}</span>}
            {t.id === "mentions" && (unread.data?.mention_unread_notifications_count ?? 0) > 0 && (
              <span className="inbox-count">{unread.data?.mention_unread_notifications_count}</span>
            )}
          </button>
        ))}
      </div>
      <section id="inbox-panel" role="tabpanel" aria-labelledby={`inbox-tab-${tab}`} className="page-body">
        {list.isPending ? (
          <Spinner label="Loading notifications" />
        ) : list.isError ? (
          <ErrorState error={list.error} retry={() => void list.refetch()} />
        ) : items.length === 0 && !list.hasNextPage ? (
          <EmptyState title={EMPTY[tab].title}>{EMPTY[tab].text}</EmptyState>
        ) : (
          <>
            <ul className="inbox-list" aria-label="Notifications">
              {items.map((n) => (
                <NotificationItem
                  key={n.id}
                  slug={slug}
                  notification={n}
                  nameOf={nameOf}
                  onAction={(a) => action.mutate({ id: n.id, action: a })}
                />
              ))}
            </ul>
            {list.hasNextPage && (
              <div className="inbox-more">
                <button
                  type="button"
                  className="button"
                  disabled={list.isFetchingNextPage}
                  onClick={() => void list.fetchNextPage()}
                >
                  {list.isFetchingNextPage ? "Loading…" : "Load older notifications"}
                </button>
              </div>
            )}
          </>
        )}
      </section>
    </div>
  );
}
