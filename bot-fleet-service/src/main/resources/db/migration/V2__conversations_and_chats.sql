-- The step a person is at in a conversation with a bot, and its data. One row per (bot, chat, user):
-- in a group two people can be at different steps. The version makes updates optimistic, so two
-- replicas that both think they serve a chat cannot overwrite each other's step silently.
create table conversation (
    bot_id     bigint      not null,
    chat_id    bigint      not null,
    user_id    bigint      not null,
    step       text        not null,
    data       jsonb       not null default '{}'::jsonb,
    version    integer     not null default 1,
    updated_at timestamptz not null default now(),
    primary key (bot_id, chat_id, user_id)
);

create index conversation_updated_at on conversation (updated_at);

-- A person's language in one shop (tenant), kept across the tenant's bot token changes: the one
-- their Telegram app reported when they first wrote (so notifications, which arrive without an
-- update, speak it too), until they choose one.
create table customer_preference (
    tenant_id  text        not null,
    user_id    bigint      not null,
    language   text        not null check (language in ('en', 'zh')),
    chosen     boolean     not null default false,
    updated_at timestamptz not null default now(),
    primary key (tenant_id, user_id)
);

-- Chats where Telegram answered 403 (the user blocked the bot): notifications skip them until the
-- user writes to the bot again.
create table blocked_chat (
    bot_id     bigint      not null,
    chat_id    bigint      not null,
    blocked_at timestamptz not null default now(),
    primary key (bot_id, chat_id)
);

-- What was last published with setMyCommands per bot, scope and language, so a restart of the
-- fleet does not call Telegram again for ten thousand unchanged command lists.
create table published_commands (
    bot_id       bigint      not null,
    scope        text        not null,
    language     text        not null,
    digest       text        not null,
    published_at timestamptz not null default now(),
    primary key (bot_id, scope, language)
);
