-- Agents: pricing bounds, payout details, a reason for the current status.
alter table tenant
    add column status_reason            text,
    add column max_percent_basis_points bigint check (max_percent_basis_points >= 0),
    add column max_fixed_minor          bigint check (max_fixed_minor >= 0),
    add column payout_address           text,
    add column minimum_withdrawal       bigint not null default 0 check (minimum_withdrawal >= 0);

alter table tenant add constraint tenant_master_is_master check ((kind = 'MASTER') = (id = 'master'));
alter table tenant add constraint tenant_name_length check (char_length(name) between 1 and 128);

-- A removed bot keeps its row (history, one bot per tenant) but no secret: the ciphertext and the
-- token fingerprint are wiped, and its bot id and token become free to register again.
alter table bot alter column token_ciphertext drop not null;
alter table bot add column token_fingerprint bytea;
alter table bot drop constraint bot_bot_id_key;
alter table bot add constraint bot_bot_id_positive check (bot_id > 0);
alter table bot add constraint bot_status_known
    check (status in ('PENDING', 'ACTIVE', 'SUSPENDED', 'RATE_LIMITED', 'ERROR', 'REMOVED'));
alter table bot add constraint bot_secret_unless_removed
    check ((status = 'REMOVED') = (token_ciphertext is null));
alter table bot add constraint bot_no_fingerprint_when_removed
    check (status <> 'REMOVED' or token_fingerprint is null);

-- A Telegram bot serves one tenant at a time; a token (by its keyed fingerprint) is stored once.
create unique index bot_live_bot_id on bot (bot_id) where status <> 'REMOVED';
create unique index bot_token_fingerprint on bot (token_fingerprint) where token_fingerprint is not null;

drop index bot_status;
create index bot_status_tenant on bot (status, tenant_id);

-- Room on each page for a new row version, so re-encryption (which changes no indexed column)
-- updates in place (HOT) instead of adding an entry to every index.
alter table bot set (fillfactor = 80);

-- A user's MTProto account. api_id identifies an app, not a person, and stays readable; everything
-- else is AEAD ciphertext bound to tenant, row and field.
create table mtproto_account (
    tenant_id               text        primary key references bot (tenant_id),
    api_id                  integer     not null check (api_id > 0),
    api_hash_ciphertext     bytea       not null,
    phone_ciphertext        bytea,
    database_key_ciphertext bytea       not null,
    session_ciphertext      bytea,
    created_at              timestamptz not null default now(),
    updated_at              timestamptz not null default now()
) with (fillfactor = 80);

-- The id of the Tink key that made a ciphertext: Tink's output prefix is 0x01 followed by the key
-- id as a big-endian unsigned 32-bit number.
create function tink_key_id(ciphertext bytea) returns bigint
    language sql immutable strict parallel safe as $$
    select case when length(ciphertext) >= 5 and get_byte(ciphertext, 0) = 1 then
        (get_byte(ciphertext, 1)::bigint << 24) | (get_byte(ciphertext, 2)::bigint << 16)
            | (get_byte(ciphertext, 3)::bigint << 8) | get_byte(ciphertext, 4)::bigint
    end
$$;

-- Key rotations. KEY_ADDED: the new key is in the keyset but not primary yet, so every replica can
-- load it before anything is encrypted with it. RE_ENCRYPTING: the new key is primary; batches
-- re-encrypt rows in tenant id order, each batch committing its rows and the cursor together, so a
-- crash resumes after the last committed batch. A row that does not decrypt (tampered) is skipped
-- and counted in rows_failed; it keeps its old key, which therefore cannot be retired.
create table key_rotation (
    id               bigserial   primary key,
    state            text        not null check (state in ('KEY_ADDED', 'RE_ENCRYPTING', 'COMPLETED')),
    new_key_id       bigint      not null,
    previous_key_id  bigint      not null,
    started_by       text        not null,
    cursor_tenant_id text        not null default '',
    rows_done        bigint      not null default 0 check (rows_done >= 0),
    rows_total       bigint      not null default 0 check (rows_total >= 0),
    rows_failed      bigint      not null default 0 check (rows_failed >= 0),
    promote_at       timestamptz not null,
    reencrypt_at     timestamptz,
    started_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now(),
    completed_at     timestamptz,
    last_error       text
);

create unique index key_rotation_one_at_a_time on key_rotation ((true)) where state <> 'COMPLETED';

-- Audit queries filter by admin, action or target and page newest first.
create index audit_entry_admin on audit_entry (admin_id, id);
create index audit_entry_action on audit_entry (action, id);
create index audit_entry_target on audit_entry (target, id);

create trigger audit_entry_no_truncate
    before truncate on audit_entry
    for each statement execute function audit_entry_is_append_only();
