// Which topics an open tab refetches when the live stream sends marks.

import type { LiveMarks, LiveTopic } from "@/lib/domain/live-marks";


/**
 * The topics whose mark moved since the last marks this tab heard. The first marks of a stream
 * are its baseline, but what the page shows was read before that baseline (rendered on the
 * server, or fetched while the stream was connecting), so a change in between would be missed
 * until the next one: the first marks refetch every topic once.
 */
export function movedTopics(previous: LiveMarks | null, marks: LiveMarks): LiveTopic[] {
  const topics = Object.keys(marks) as LiveTopic[];
  return previous ? topics.filter((topic) => previous[topic] !== marks[topic]) : topics;
}
