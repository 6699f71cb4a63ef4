ALTER TABLE `api_keys` ADD `owner_user_id` integer;--> statement-breakpoint
CREATE INDEX `api_keys_owner_idx` ON `api_keys` (`owner_user_id`);