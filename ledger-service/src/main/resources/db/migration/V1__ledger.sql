-- The double-entry book. Amounts are signed integers in minor units; every account's balance is
-- the sum of its entries and the whole book sums to zero per currency. Balances change only by
-- inserting entries: a statement trigger applies them to account_balance, and triggers refuse any
-- other write, so "balance = sum of entries" holds by construction and reconciliation checks it.

create table account (
    id           bigserial   primary key,
    kind         text        not null check (kind in (
                     'customer_wallet', 'agent_pending', 'agent_available', 'agent_held',
                     'agent_paid_out', 'agent_receivable', 'platform_revenue', 'platform_cash_in')),
    -- the shop tenant for a wallet, the agent id for agent accounts, 'platform' for the platform's
    owner_id     text        not null,
    -- the Telegram user id for a wallet, 0 otherwise
    customer_id  bigint      not null default 0,
    currency     text        not null,
    -- accounts credited by every payment keep their balance in several rows so that they never
    -- become one hot row; the balance is the sum of the slots
    slots        integer     not null check (slots between 1 and 64),
    non_negative boolean     not null,
    created_at   timestamptz not null default now(),
    unique (kind, owner_id, customer_id, currency),
    unique (id, currency)
);

create table account_balance (
    account_id   bigint  not null references account (id),
    slot         integer not null,
    balance      bigint  not null default 0,
    non_negative boolean not null,
    primary key (account_id, slot),
    constraint account_balance_non_negative check (not non_negative or balance >= 0)
);

create table transfer (
    id         bigserial   primary key,
    -- payment, refund, top_up, maturity, withdrawal_hold, withdrawal_release, withdrawal_payout
    kind       text        not null,
    -- the business key: order id, top-up id, withdrawal id, maturity batch
    reference  text        not null,
    currency   text        not null,
    created_at timestamptz not null,
    -- an order is paid once and refunded once, a top-up credited once, each withdrawal step once
    constraint transfer_once unique (kind, reference),
    unique (id, currency)
);

create table entry (
    id          bigserial primary key,
    transfer_id bigint    not null,
    account_id  bigint    not null,
    slot        integer   not null,
    amount      bigint    not null check (amount <> 0),
    currency    text      not null,
    foreign key (transfer_id, currency) references transfer (id, currency),
    foreign key (account_id, currency) references account (id, currency)
);

create index entry_by_account on entry (account_id, id);
create index entry_by_transfer on entry (transfer_id);

-- Applies a statement's entries to the balances. The legs of each transfer are inserted in one
-- statement and must be two or more summing to zero. The touched balance rows are locked in
-- (account, slot) order before they change, so concurrent postings never deadlock each other.
create function entry_apply() returns trigger
language plpgsql as $$
declare
    touched integer;
    changed integer;
begin
    if exists (select 1 from new_entries group by transfer_id
               having count(*) < 2 or sum(amount) <> 0) then
        raise exception 'the legs of a transfer must be two or more and sum to zero'
            using errcode = '23514', constraint = 'transfer_balanced';
    end if;
    perform 1 from account_balance b
     where (b.account_id, b.slot) in (select account_id, slot from new_entries)
     order by b.account_id, b.slot
       for update;
    update account_balance b
       set balance = b.balance + d.amount
      from (select account_id, slot, sum(amount) as amount
              from new_entries group by account_id, slot) d
     where b.account_id = d.account_id and b.slot = d.slot;
    get diagnostics changed = row_count;
    select count(*) into touched from (select distinct account_id, slot from new_entries) t;
    if changed <> touched then
        raise exception 'an entry names a slot its account does not have'
            using errcode = '23503', constraint = 'entry_account_slot';
    end if;
    return null;
end $$;

create trigger entry_apply after insert on entry
    referencing new table as new_entries
    for each statement execute function entry_apply();

create function ledger_append_only() returns trigger
language plpgsql as $$
begin
    raise exception '% rows are never changed or removed', tg_table_name
        using errcode = '42501';
end $$;

create trigger entry_append_only before update or delete or truncate on entry
    for each statement execute function ledger_append_only();
create trigger transfer_append_only before update or delete or truncate on transfer
    for each statement execute function ledger_append_only();

create function account_balance_guard() returns trigger
language plpgsql as $$
begin
    raise exception 'balances change only through entries'
        using errcode = '42501';
end $$;

-- Depth 0 is a statement from a client; entry_apply runs at depth 1.
create trigger account_balance_through_entries before update or delete on account_balance
    for each row when (pg_trigger_depth() = 0) execute function account_balance_guard();
create trigger account_balance_opens_empty before insert on account_balance
    for each row when (new.balance <> 0) execute function account_balance_guard();
create trigger account_balance_no_truncate before truncate on account_balance
    for each statement execute function account_balance_guard();

-- Order payments, called synchronously by inventory-service; one per order.
create table payment (
    order_id             text        primary key,
    payment_id           uuid        not null unique,
    tenant_id            text        not null,
    sold_by              text        not null,
    customer_id          bigint      not null,
    quantity             integer     not null check (quantity > 0),
    base_unit_price      bigint      not null check (base_unit_price >= 0),
    agent_unit_price     bigint      not null check (agent_unit_price > 0),
    markup_per_unit      bigint      not null check (markup_per_unit >= 0),
    amount               bigint      not null check (amount > 0),
    currency             text        not null,
    transfer_id          bigint      not null references transfer (id),
    paid_at              timestamptz not null,
    matures_at           timestamptz,
    wallet_balance_after bigint      not null,
    status               text        not null check (status in ('paid', 'refunded')),
    refunded_at          timestamptz,
    refund_transfer_id   bigint      references transfer (id)
);

-- An agent's profit on one order: pending until matures_at, then matured (available), or
-- cancelled (refunded while pending) or reversed (refunded after it matured).
create table profit_lot (
    order_id             text        primary key references payment (order_id),
    agent_id             text        not null,
    currency             text        not null,
    amount               bigint      not null check (amount > 0),
    matures_at           timestamptz not null,
    status               text        not null check (status in ('pending', 'matured', 'cancelled', 'reversed')),
    matured_at           timestamptz,
    maturity_transfer_id bigint      references transfer (id)
);

create index profit_lot_due on profit_lot (matures_at) where status = 'pending';

create table top_up (
    id                      uuid        primary key,
    reference               text        not null unique,
    tenant_id               text        not null,
    customer_id             bigint      not null,
    amount                  bigint      not null check (amount > 0),
    currency                text        not null,
    status                  text        not null check (status in ('pending', 'credited')),
    provider_transaction_id text        unique,
    confirmed_by            text,
    created_at              timestamptz not null,
    credited_at             timestamptz,
    transfer_id             bigint      references transfer (id)
);

create index top_up_by_status on top_up (status, created_at);
create index top_up_by_customer on top_up (tenant_id, customer_id, created_at);

create table withdrawal (
    id              uuid        primary key,
    agent_id        text        not null,
    amount          bigint      not null check (amount > 0),
    currency        text        not null,
    payout_address  text        not null,
    status          text        not null check (status in ('requested', 'approved', 'rejected', 'paid')),
    idempotency_key text,
    txid            text,
    reject_reason   text,
    requested_at    timestamptz not null,
    approved_at     timestamptz,
    approved_by     text,
    rejected_at     timestamptz,
    rejected_by     text,
    paid_at         timestamptz,
    paid_by         text,
    constraint withdrawal_idempotency_key unique (agent_id, idempotency_key)
);

-- A payout transaction id is unique across the platform, whatever its letter case.
create unique index withdrawal_txid on withdrawal (lower(txid)) where txid is not null;
create index withdrawal_by_status on withdrawal (status, requested_at);
create index withdrawal_by_agent on withdrawal (agent_id, requested_at);

-- Per-agent overrides; a missing row or a null column means the platform default.
create table agent_settings (
    agent_id               text        primary key,
    holding_window_seconds bigint      check (holding_window_seconds > 0),
    min_withdrawal         bigint      check (min_withdrawal > 0),
    payout_address         text,
    updated_at             timestamptz not null,
    updated_by             text        not null
);
