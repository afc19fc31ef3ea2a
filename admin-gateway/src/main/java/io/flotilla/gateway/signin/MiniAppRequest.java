package io.flotilla.gateway.signin;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A Mini App's {@code Telegram.WebApp.initData}, the query string exactly as Telegram gave it. */
public record MiniAppRequest(@NotBlank @Size(max = 8192) String initData) {}
