package io.flotilla.fleet.outbound;

/** Which of a bot's outbound calls goes first when several wait; a person waiting comes first. */
public enum Priority {
  /** The answer to something a person just did: a reply, an edit, a callback answer. */
  REPLY,
  /** Something the platform tells a person unasked: a top-up credited, a withdrawal paid. */
  NOTIFICATION,
  /** One message to many chats. */
  BROADCAST
}
