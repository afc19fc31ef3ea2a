package io.flotilla.fleet.feature.menu;

import io.flotilla.contracts.events.TenantKind;
import io.flotilla.fleet.bot.CallbackData;
import io.flotilla.fleet.bot.Role;
import java.util.Set;

/**
 * A button a feature puts on the main menu that {@code /start} shows, as a CDI bean, so the menu
 * grows with the features without the menu knowing them.
 *
 * @param order where it goes, smaller first; two to a row
 * @param labelKey the text key of its label
 * @param opens what pressing it asks for
 * @param kinds the bots it appears in
 * @param role who sees it
 */
public record MainMenuEntry(
    int order, String labelKey, CallbackData opens, Set<TenantKind> kinds, Role role) {}
