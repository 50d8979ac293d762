ALTER TABLE "endpoint_metrics" DROP CONSTRAINT "endpoint_metrics_endpoint_id_minute_pk";--> statement-breakpoint
ALTER TABLE "cp_token_usage" DROP CONSTRAINT "cp_token_usage_endpoint_id_interval_start_pk";--> statement-breakpoint
ALTER TABLE "endpoint_metrics" ADD CONSTRAINT "endpoint_metrics_endpoint_id_adapter_name_minute_pk" PRIMARY KEY("endpoint_id","adapter_name","minute");--> statement-breakpoint
ALTER TABLE "cp_token_usage" ADD CONSTRAINT "cp_token_usage_endpoint_id_interval_start_batch_pk" PRIMARY KEY("endpoint_id","interval_start","batch");