-- Reservation, cheaper per order (docs/benchmarks/inventory.md):
--  * a batch's orders are written by one insert, not one insert each: every statement that writes
--    customer_order prepares its ten check constraints again, and that cost was paid per order;
--  * an idempotency key already used is noticed before stock is counted, so a replay of a key is
--    told "duplicate-key" even when the product has sold out since (the caller then returns the
--    first order instead of a refusal);
--  * unique items are picked from a per-product watermark instead of from the start of the
--    available-items index, which fills with entries of items reserved since the last vacuum.
--    pick_from is a hint, never a promise: no item below it is available except one an earlier
--    pick skipped because it was locked, and a pick that finds too few above it looks again from
--    the start. A release lowers it to the lowest item it gives back.

alter table product_stock add column pick_from bigint not null default 0;

create or replace function reserve_orders(
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
    v_count integer := coalesce(array_length(p_order_ids, 1), 0);
    v_outcomes text[];
    v_used integer[];
    v_available bigint;
    v_pick_from bigint;
    v_left bigint;
    v_written uuid[];
    v_taken bigint;
    v_winners uuid[];
    v_winner_quantities integer[];
    v_items bigint[];
    i integer;
begin
    if v_count = 0 then
        return;
    end if;

    -- Positions whose key names an order already written, or an earlier order of this batch.
    select coalesce(array_agg(w.position), '{}') into v_used
      from (select k.position,
                   row_number() over (partition by k.tenant_id, k.idempotency_key
                                      order by k.position) as nth,
                   exists (select 1 from customer_order o
                            where o.tenant_id = k.tenant_id
                              and o.idempotency_key = k.idempotency_key) as written
              from unnest(p_tenant_ids, p_idempotency_keys) with ordinality
                       as k(tenant_id, idempotency_key, position)) w
     where w.written or w.nth > 1;

    select s.available into v_available from product_stock s where s.product_id = p_product_id;
    if v_available is not null and v_available > 0 then
        select s.available, s.pick_from into v_available, v_pick_from from product_stock s
         where s.product_id = p_product_id for no key update;
    end if;

    -- Orders are served in their order while stock lasts; one too large for what is left is
    -- refused and a smaller one after it may still be served.
    v_outcomes := array_fill('out-of-stock'::text, array[v_count]);
    v_left := coalesce(v_available, 0);
    for i in 1 .. v_count loop
        if i = any(v_used) then
            v_outcomes[i] := 'duplicate-key';
        elsif p_quantities[i] <= v_left then
            v_outcomes[i] := 'reserved';
            v_left := v_left - p_quantities[i];
        end if;
    end loop;

    if v_left < coalesce(v_available, 0) then
        -- The conflict clause stays for a key written by another instance since the check above.
        with written as (
            insert into customer_order (
                id, tenant_id, idempotency_key, sold_by, customer_id, product_id, product_kind,
                quantity, base_unit_price, markup_per_unit, agent_unit_price, total_price,
                currency, state, created_at, reserved_until)
            select o.id, o.tenant_id, o.idempotency_key, o.sold_by, o.customer_id, p_product_id,
                   p_product_kind, o.quantity, o.base_unit_price, o.markup_per_unit,
                   o.agent_unit_price, o.total_price, p_currency, 'RESERVED', o.created_at,
                   o.reserved_until
              from unnest(p_order_ids, p_tenant_ids, p_idempotency_keys, p_sold_by,
                          p_customer_ids, p_quantities, p_base_unit_prices, p_markups_per_unit,
                          p_agent_unit_prices, p_total_prices, p_created_at, p_reserved_until)
                       with ordinality
                       as o(id, tenant_id, idempotency_key, sold_by, customer_id, quantity,
                            base_unit_price, markup_per_unit, agent_unit_price, total_price,
                            created_at, reserved_until, position)
             where v_outcomes[o.position] = 'reserved'
             order by o.position
            on conflict (tenant_id, idempotency_key) do nothing
            returning id)
        select coalesce(array_agg(id), '{}') into v_written from written;

        v_taken := 0;
        v_winners := '{}';
        v_winner_quantities := '{}';
        for i in 1 .. v_count loop
            if v_outcomes[i] = 'reserved' then
                if p_order_ids[i] = any(v_written) then
                    v_taken := v_taken + p_quantities[i];
                    v_winners := v_winners || p_order_ids[i];
                    v_winner_quantities := v_winner_quantities || p_quantities[i];
                else
                    v_outcomes[i] := 'duplicate-key';
                end if;
            end if;
        end loop;

        if v_taken > 0 then
            if p_product_kind = 'UNIQUE' then
                select array_agg(a.id order by a.id) into v_items
                  from (select si.id from stock_item si
                         where si.product_id = p_product_id and si.state = 'AVAILABLE'
                           and si.id >= v_pick_from
                         order by si.id
                         limit v_taken
                           for update skip locked) a;
                if coalesce(array_length(v_items, 1), 0) < v_taken then
                    select array_agg(a.id order by a.id) into v_items
                      from (select si.id from stock_item si
                             where si.product_id = p_product_id and si.state = 'AVAILABLE'
                             order by si.id
                             limit v_taken
                               for update skip locked) a;
                end if;
                if coalesce(array_length(v_items, 1), 0) <> v_taken then
                    raise exception 'product % counts % available items but only % could be reserved',
                        p_product_id, v_available, coalesce(array_length(v_items, 1), 0);
                end if;
                -- The k-th picked item goes to the winner whose running quantity covers slot k.
                with winner as (
                    select w.id, w.quantity,
                           sum(w.quantity) over (order by w.position) - w.quantity as first_slot
                      from unnest(v_winners, v_winner_quantities) with ordinality
                               as w(id, quantity, position)),
                picked as (
                    select p.id, p.position - 1 as slot
                      from unnest(v_items) with ordinality as p(id, position))
                update stock_item s set state = 'RESERVED', order_id = winner.id
                  from picked
                  join winner on picked.slot >= winner.first_slot
                             and picked.slot < winner.first_slot + winner.quantity
                 where s.id = picked.id;
                update product_stock
                   set available = available - v_taken, pick_from = v_items[v_taken] + 1
                 where product_id = p_product_id;
            else
                update product_stock set available = available - v_taken
                 where product_id = p_product_id;
            end if;
        end if;
    end if;

    return query
        select p_order_ids[n], v_outcomes[n] from generate_subscripts(p_order_ids, 1) as n;
end
$$;

-- As before, and a unique item given back lowers its product's pick_from to it.
create or replace function release_order(
    p_order_id uuid, p_reason text, p_now timestamptz, p_recheck_at timestamptz) returns boolean
language plpgsql as $$
declare
    v_product_id uuid;
    v_quantity integer;
    v_lowest bigint;
begin
    update customer_order
       set state = 'RELEASED', release_reason = p_reason, released_at = p_now,
           recheck_at = p_recheck_at
     where id = p_order_id and state = 'RESERVED'
    returning product_id, quantity into v_product_id, v_quantity;
    if not found then
        return false;
    end if;

    with given_back as (
        update stock_item set state = 'AVAILABLE', order_id = null
         where order_id = p_order_id and state = 'RESERVED'
        returning id)
    select min(id) into v_lowest from given_back;

    update product_stock
       set available = available + v_quantity,
           pick_from = least(pick_from, coalesce(v_lowest, pick_from))
     where product_id = v_product_id;
    return true;
end
$$;
