-- Telegram delivers an update at least once; the fleet handles each (bot, update) once.
create table processed_update (
    bot_id       bigint      not null,
    update_id    bigint      not null,
    processed_at timestamptz not null default now(),
    primary key (bot_id, update_id)
);

create index processed_update_processed_at on processed_update (processed_at);
