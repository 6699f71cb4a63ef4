ALTER TABLE `api_keys` ADD `owner_user_id` integer;--> statement-breakpoint
CREATE INDEX `api_keys_owner_idx` ON `api_keys` (`owner_user_id`);--> statement-breakpoint
ALTER TABLE `mail_outbox` ADD `lane` text DEFAULT 'notification' NOT NULL;--> statement-breakpoint
CREATE INDEX `mail_outbox_lane_due_idx` ON `mail_outbox` (`status`,`lane`,`next_attempt_at`);