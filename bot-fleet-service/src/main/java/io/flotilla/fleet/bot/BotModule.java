package io.flotilla.fleet.bot;

/**
 * One feature of the bots (the shop's catalog, the wallet, the agent's panel...), registering its
 * commands, buttons, conversation steps and payment handlers with the {@link Router}. Modules are
 * CDI beans; the router collects them all at start-up.
 */
public interface BotModule {
  void routes(Router router);

  /**
   * Where the module's commands go in the command menu and /help: smaller first. The main menu is
   * 0; features take tens; language and help come last.
   */
  default int order() {
    return 50;
  }
}
