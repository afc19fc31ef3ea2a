-- Catalog, shared stock, agent pricing projection and orders of the inventory service.
-- Timestamps come from the service's clock (tests move it), never from now().

create table category (
    id         uuid        primary key,
    name_en    text        not null,
    name_zh    text,
    sort_order integer     not null default 0,
    created_at timestamptz not null,
    updated_at timestamptz not null
);

create table product (
    id                    uuid        primary key,
    category_id           uuid        not null references category (id),
    name_en               text        not null,
    name_zh               text,
    description_en        text,
    description_zh        text,
    kind                  text        not null check (kind in ('UNIQUE', 'COUNTED')),
    base_price            bigint      not null check (base_price > 0),
    active                boolean     not null,
    low_stock_threshold   integer     not null default 0 check (low_stock_threshold >= 0),
    max_per_order         integer     check (max_per_order > 0),
    max_markup_percent_bp bigint      check (max_markup_percent_bp >= 0),
    max_markup_fixed      bigint      check (max_markup_fixed >= 0),
    created_at            timestamptz not null,
    updated_at            timestamptz not null
);

create index product_category on product (category_id);

-- The one contended row per product. Kept apart from product so catalog edits never wait on
-- sales, and narrow with room on its page so the counter update stays a HOT update.
-- reserved and sold are not counters here: they are sums over customer_order, so a sale touches
-- this row once (at reservation), not twice.
create table product_stock (
    product_id uuid   primary key references product (id),
    total      bigint not null default 0 check (total >= 0),
    available  bigint not null default 0 check (available >= 0 and available <= total)
) with (fillfactor = 50);

create table customer_order (
    id               uuid        primary key,
    tenant_id        text        not null,
    idempotency_key  text        not null,
    sold_by          text        not null,
    customer_id      bigint      not null,
    product_id       uuid        not null references product (id),
    product_kind     text        not null check (product_kind in ('UNIQUE', 'COUNTED')),
    quantity         integer     not null check (quantity > 0),
    base_unit_price  bigint      not null check (base_unit_price > 0),
    markup_per_unit  bigint      not null check (markup_per_unit >= 0),
    agent_unit_price bigint      not null,
    total_price      bigint      not null,
    currency         text        not null,
    state            text        not null check (state in ('RESERVED', 'COMPLETED', 'RELEASED', 'REFUNDED')),
    release_reason   text,
    payment_id       text,
    created_at       timestamptz not null,
    reserved_until   timestamptz not null,
    completed_at     timestamptz,
    released_at      timestamptz,
    refunded_at      timestamptz,
    refund_reason    text,
    refunded_by      text,
    -- When a reservation released as expired is to be checked with the ledger once more.
    recheck_at       timestamptz,
    constraint customer_order_idempotency unique (tenant_id, idempotency_key),
    check (agent_unit_price = base_unit_price + markup_per_unit),
    check (total_price = agent_unit_price * quantity),
    check (state <> 'COMPLETED' or completed_at is not null),
    check (state <> 'RELEASED' or released_at is not null),
    check ((state = 'REFUNDED') = (refunded_at is not null))
);

create index customer_order_tenant on customer_order (tenant_id, created_at desc, id);
create index customer_order_customer on customer_order (tenant_id, customer_id, created_at desc, id);
create index customer_order_expiring on customer_order (reserved_until) where state = 'RESERVED';
create index customer_order_recheck on customer_order (recheck_at) where recheck_at is not null;
create index customer_order_product_state on customer_order (product_id, state);
create index customer_order_sales on customer_order (completed_at, sold_by) where completed_at is not null;

-- Unique items (codes, keys, accounts). A code is unique within its product whatever its state,
-- so a sold or retired code can never be imported, and sold, again.
create table stock_item (
    id         bigserial   primary key,
    product_id uuid        not null references product (id),
    code       text        not null,
    state      text        not null check (state in ('AVAILABLE', 'RESERVED', 'SOLD', 'RETIRED')),
    order_id   uuid        references customer_order (id),
    created_at timestamptz not null,
    retired_at timestamptz,
    constraint stock_item_code unique (product_id, code),
    check ((state = 'AVAILABLE') = (order_id is null)),
    check ((state = 'RETIRED') = (retired_at is not null))
);

create index stock_item_available on stock_item (product_id, id) where state = 'AVAILABLE';
create index stock_item_order on stock_item (order_id) where order_id is not null;

-- Every change of a product's total: imports and admin adjustments.
create table stock_change (
    id         bigserial   primary key,
    product_id uuid        not null references product (id),
    kind       text        not null check (kind in ('IMPORT', 'ADJUST')),
    delta      bigint      not null,
    reason     text,
    actor      text        not null,
    created_at timestamptz not null
);

create index stock_change_product on stock_change (product_id, created_at);

-- Local projection of the credential service's agents (tenant events).
create table agent (
    tenant_id       text        primary key,
    status          text        not null check (status in ('ACTIVE', 'PAUSED')),
    markup_kind     text        not null check (markup_kind in ('PERCENT', 'FIXED')),
    markup_value    bigint      not null check (markup_value >= 0),
    max_percent_bp  bigint      not null check (max_percent_bp >= 0),
    max_fixed_minor bigint      not null check (max_fixed_minor >= 0),
    updated_at      timestamptz not null
);

-- An agent's own markup for one product, instead of its general markup.
create table price_override (
    agent_id     text        not null references agent (tenant_id),
    product_id   uuid        not null references product (id),
    markup_kind  text        not null check (markup_kind in ('PERCENT', 'FIXED')),
    markup_value bigint      not null check (markup_value >= 0),
    updated_at   timestamptz not null,
    primary key (agent_id, product_id)
);

-- Reserves stock for a batch of new orders of one product in one round trip and one transaction,
-- so a hot product's counter row is locked and updated once per batch, not once per order.
-- The counter row is locked first: reservations of a product are serialised on it, and since
-- each statement of a volatile function takes a fresh snapshot, the item pick sees every
-- reservation committed before this batch got the lock. Orders are served in array order while
-- stock lasts; a sold-out product is refused without touching the lock at all.
-- Returns one row per order: 'reserved', 'out-of-stock', or 'duplicate-key' when an order with the
-- same tenant and idempotency key exists (the caller replays that one).
create function reserve_orders(
    p_product_id uuid,
    p_product_kind text,
    p_currency text,
    p_order_ids uuid[],
    p_tenant_ids text[],
    p_idempotency_keys text[],
    p_sold_by text[],
    p_customer_ids bigint[],
    p_quantities integer[],
    p_base_unit_prices bigint[],
    p_markups_per_unit bigint[],
    p_agent_unit_prices bigint[],
    p_total_prices bigint[],
    p_created_at timestamptz[],
    p_reserved_until timestamptz[])
returns table (order_id uuid, outcome text)
language plpgsql as $$
#variable_conflict use_column
declare
    v_available bigint;
    v_taken bigint := 0;
    v_winners uuid[] := '{}';
    v_winner_quantities integer[] := '{}';
    v_items bigint;
    i integer;
begin
    select s.available into v_available from product_stock s where s.product_id = p_product_id;
    if v_available is not null and v_available > 0 then
        select s.available into v_available from product_stock s
         where s.product_id = p_product_id for no key update;
    end if;

    for i in 1 .. coalesce(array_length(p_order_ids, 1), 0) loop
        order_id := p_order_ids[i];
        if v_available is null or p_quantities[i] > v_available - v_taken then
            outcome := 'out-of-stock';
            return next;
            continue;
        end if;
        insert into customer_order (
            id, tenant_id, idempotency_key, sold_by, customer_id, product_id, product_kind,
            quantity, base_unit_price, markup_per_unit, agent_unit_price, total_price, currency,
            state, created_at, reserved_until)
        values (
            p_order_ids[i], p_tenant_ids[i], p_idempotency_keys[i], p_sold_by[i],
            p_customer_ids[i], p_product_id, p_product_kind, p_quantities[i],
            p_base_unit_prices[i], p_markups_per_unit[i], p_agent_unit_prices[i],
            p_total_prices[i], p_currency, 'RESERVED', p_created_at[i], p_reserved_until[i])
        on conflict (tenant_id, idempotency_key) do nothing;
        if not found then
            outcome := 'duplicate-key';
            return next;
            continue;
        end if;
        v_taken := v_taken + p_quantities[i];
        v_winners := v_winners || p_order_ids[i];
        v_winner_quantities := v_winner_quantities || p_quantities[i];
        outcome := 'reserved';
        return next;
    end loop;

    if v_taken = 0 then
        return;
    end if;
    update product_stock set available = available - v_taken where product_id = p_product_id;

    if p_product_kind = 'UNIQUE' then
        -- The k-th picked item goes to the winner whose running quantity covers slot k.
        with winner as (
            select w.id, w.quantity,
                   sum(w.quantity) over (order by w.position) - w.quantity as first_slot
              from unnest(v_winners, v_winner_quantities) with ordinality as w(id, quantity, position)),
        picked as (
            select a.id, row_number() over (order by a.id) - 1 as slot
              from (select si.id from stock_item si
                     where si.product_id = p_product_id and si.state = 'AVAILABLE'
                     order by si.id
                     limit v_taken
                       for update skip locked) a)
        update stock_item s set state = 'RESERVED', order_id = winner.id
          from picked
          join winner on picked.slot >= winner.first_slot
                     and picked.slot < winner.first_slot + winner.quantity
         where s.id = picked.id;
        get diagnostics v_items = row_count;
        if v_items <> v_taken then
            raise exception 'product % counts % available items but only % could be reserved',
                p_product_id, v_available, v_items;
        end if;
    end if;
end
$$;

-- Gives a reserved order's stock back. Only a RESERVED order is released, so completion and
-- release cannot both win; the counter row is touched last to keep its lock short. p_recheck_at
-- (or null) is when the ledger is asked once more, in case a payment was still on its way.
create function release_order(
    p_order_id uuid, p_reason text, p_now timestamptz, p_recheck_at timestamptz) returns boolean
language plpgsql as $$
declare
    v_product_id uuid;
    v_quantity integer;
begin
    update customer_order
       set state = 'RELEASED', release_reason = p_reason, released_at = p_now,
           recheck_at = p_recheck_at
     where id = p_order_id and state = 'RESERVED'
    returning product_id, quantity into v_product_id, v_quantity;
    if not found then
        return false;
    end if;

    update stock_item set state = 'AVAILABLE', order_id = null
     where order_id = p_order_id and state = 'RESERVED';

    update product_stock set available = available + v_quantity where product_id = v_product_id;
    return true;
end
$$;
