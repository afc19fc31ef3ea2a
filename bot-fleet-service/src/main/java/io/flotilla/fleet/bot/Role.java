package io.flotilla.fleet.bot;

/** Who is speaking to a bot, decided on the server for every update. */
public enum Role {
  /** Anyone: every person is a customer of a shop bot. */
  CUSTOMER,
  /** One of the people who run the agent this bot belongs to, in that agent's bot only. */
  AGENT_OWNER,
  /** The user who brought their own bot, in that bot only. */
  BOT_OWNER,
  /** A platform admin, in the master bot only. */
  ADMIN
}
