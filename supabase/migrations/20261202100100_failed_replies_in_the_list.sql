-- The inbox list marks conversations with a reply that failed, so it is seen and retried. A
-- partial index keeps the check to a probe per row shown.
create index interactions_failed_replies_idx
  on public.interactions (company_id, conversation_id) where status = 'failed';

create or replace view public.inbox_conversations with (security_invoker = true) as
select t.id, t.company_id, t.client_id, t.channel, t.status, t.started_at, t.ended_at,
       t.last_message_at, t.last_inbound_at, t.last_message_preview, t.last_message_direction,
       t.unread_count, c.full_name as client_name, c.phone as client_phone,
       c.instagram_id as client_instagram_id, c.search_name as client_search_name,
       exists (select from public.interactions i
               where i.company_id = t.company_id and i.conversation_id = t.id
                 and i.status = 'failed') as has_failed_reply
from public.conversation_threads t
join public.clients c on c.company_id = t.company_id and c.id = t.client_id;
