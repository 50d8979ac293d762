-- Issue 16: one table of long-running operations. Endpoint operations move from
-- endpoint_operations into operations (the following generated migration drops the old table).
-- "submitting" becomes the engine's "pending"; the endpoint's request becomes the adapter's
-- submission ({ type, ... }); the requester's user id is kept for notifications and their e-mail
-- is what people read.
INSERT INTO "operations" (
  "id", "org_id", "kind", "target_kind", "target_id", "target_name", "status", "progress", "steps",
  "current_step", "error", "request", "submission", "control_plane_operation_id", "attempts",
  "last_error", "requested_by", "requested_by_user_id", "created_at", "updated_at", "finished_at"
)
SELECT
  eo."id",
  eo."org_id",
  eo."kind",
  'endpoint',
  eo."endpoint_id",
  e."name",
  CASE WHEN eo."status" = 'submitting' THEN 'pending' ELSE eo."status" END,
  eo."progress",
  eo."steps",
  CASE WHEN eo."status" = 'submitting' THEN 'submitting' ELSE NULL END,
  eo."error",
  CASE
    WHEN eo."kind" = 'endpoint.update' THEN COALESCE(eo."request" -> 'change', '{}'::jsonb)
    WHEN eo."kind" = 'endpoint.create' THEN eo."request"
    ELSE '{}'::jsonb
  END,
  CASE
    WHEN eo."kind" = 'endpoint.create' THEN jsonb_build_object('type', 'create', 'spec', eo."request")
    WHEN eo."kind" = 'endpoint.update' THEN jsonb_build_object('type', 'update', 'change', eo."request" -> 'change', 'previous', eo."request" -> 'previous')
    ELSE jsonb_build_object('type', 'delete')
  END,
  eo."control_plane_operation_id",
  eo."submit_attempts",
  eo."last_submit_error",
  COALESCE(u."email", eo."created_by"),
  eo."created_by",
  eo."started_at",
  COALESCE(eo."finished_at", eo."started_at"),
  eo."finished_at"
FROM "endpoint_operations" eo
LEFT JOIN "endpoints" e ON e."id" = eo."endpoint_id" AND e."org_id" = eo."org_id"
LEFT JOIN "users" u ON u."id" = eo."created_by"
ON CONFLICT ("id") DO NOTHING;
--> statement-breakpoint
-- Cluster operations recorded the requester's e-mail only; give them the user id too.
UPDATE "operations" o SET "requested_by_user_id" = u."id"
FROM "users" u
WHERE o."requested_by_user_id" IS NULL AND o."target_kind" = 'cluster' AND u."email" = o."requested_by";
