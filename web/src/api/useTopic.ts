import { useEffect, useRef } from "react";
import { realtime, type TopicMessage } from "./realtime";

/** Calls `onMessage` for every live message of `topic` while the component is mounted. */
export function useTopic(topic: string | undefined, onMessage: (message: TopicMessage) => void): void {
  const handler = useRef(onMessage);
  useEffect(() => {
    handler.current = onMessage;
  });
  useEffect(() => {
    if (!topic) return undefined;
    return realtime().subscribe(topic, (message) => handler.current(message));
  }, [topic]);
}
